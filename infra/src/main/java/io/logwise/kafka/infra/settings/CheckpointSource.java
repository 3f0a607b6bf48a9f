package io.logwise.kafka.infra.settings;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Spark Structured Streaming checkpoint the scanner reads offsets from (Spark does not commit them to Kafka).
 * {@code location} is {@code s3://bucket/prefix} or a path the function can read.
 */
public record CheckpointSource(String name, String location) {

    private static final Set<String> KEYS = Set.of("name", "location");
    private static final Pattern S3 = Pattern.compile("s3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(/(.*))?");

    /** A bucket and a key prefix without leading or trailing slashes (empty for the whole bucket). */
    public record S3Location(String bucket, String prefix) {
    }

    public Optional<S3Location> s3Location() {
        Matcher matcher = S3.matcher(location);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String prefix = matcher.group(3) == null ? "" : matcher.group(3).replaceAll("^/+|/+$", "");
        return Optional.of(new S3Location(matcher.group(1), prefix));
    }

    static CheckpointSource parse(ContextMap source) {
        source.rejectUnknownKeys(KEYS);
        CheckpointSource parsed =
                new CheckpointSource(source.requiredString("name"), source.requiredString("location"));
        if (parsed.location.startsWith("s3") && parsed.s3Location().isEmpty()) {
            throw new SettingsException(source.pathOf("location") + " is not s3://bucket[/prefix]: " + parsed.location);
        }
        if (parsed.location.contains("*")) {
            throw new SettingsException(source.pathOf("location") + " must be a literal location, no wildcard: "
                    + parsed.location);
        }
        return parsed;
    }
}
