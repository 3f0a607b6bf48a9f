package io.logwise.kafka.infra.settings;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Spark Structured Streaming checkpoint the functions read offsets from (Spark does not commit them to Kafka).
 * {@code location} is {@code s3://bucket/prefix} or a path the function can read; {@code topics} (optional) are the
 * topics the query reads, so that a query with no committed batch yet is reported on them (NO_COMMIT).
 */
public record CheckpointSource(String name, String location, java.util.List<String> topics) {

    private static final Set<String> KEYS = Set.of("name", "location", "topics");

    public CheckpointSource {
        topics = java.util.List.copyOf(topics);
    }

    public CheckpointSource(String name, String location) {
        this(name, location, java.util.List.of());
    }
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
        CheckpointSource parsed = new CheckpointSource(source.requiredString("name"), source.requiredString("location"),
                source.has("topics") ? source.stringList("topics") : java.util.List.of());
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
