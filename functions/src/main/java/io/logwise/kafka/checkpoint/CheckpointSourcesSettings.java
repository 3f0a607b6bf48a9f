package io.logwise.kafka.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.config.Env;
import io.logwise.kafka.error.ConfigurationException;
import io.logwise.kafka.json.Json;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Spark checkpoint lag sources and how to read them, from the environment.
 *
 * @param sources          the checkpoints to read, in configuration order; empty when none are configured
 * @param timeout          upper bound of reading all sources in one scan (also capped by the caller's time)
 * @param maxFileBytes     a checkpoint file larger than this is reported, never read into memory
 * @param s3EndpointUrl    an S3-compatible endpoint instead of AWS's (tests, MinIO, ...)
 * @param s3ForcePathStyle path-style requests ({@code endpoint/bucket/key}), which most S3-compatible stores need
 * @param awsRegion        the bucket's region; Lambda sets {@code AWS_REGION}
 */
public record CheckpointSourcesSettings(
        List<CheckpointSource> sources,
        Duration timeout,
        int maxFileBytes,
        Optional<URI> s3EndpointUrl,
        boolean s3ForcePathStyle,
        Optional<String> awsRegion) {

    public static final String SOURCES = "SPARK_CHECKPOINT_SOURCES";
    public static final String TIMEOUT_MS = "SPARK_CHECKPOINT_TIMEOUT_MS";
    public static final String MAX_FILE_BYTES = "SPARK_CHECKPOINT_MAX_FILE_BYTES";
    public static final String S3_ENDPOINT_URL = "S3_ENDPOINT_URL";
    public static final String S3_FORCE_PATH_STYLE = "S3_FORCE_PATH_STYLE";
    public static final String AWS_REGION = "AWS_REGION";

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

    private static final String EXAMPLE =
            "[{\"name\":\"spark-order\",\"location\":\"s3://bucket/checkpoints/order\"}]";

    public CheckpointSourcesSettings {
        sources = List.copyOf(sources);
    }

    public static CheckpointSourcesSettings fromEnv(Map<String, String> environment) {
        Env env = Env.of(environment);
        return new CheckpointSourcesSettings(
                env.optional(SOURCES).map(CheckpointSourcesSettings::parseSources).orElse(List.of()),
                env.millis(TIMEOUT_MS, DEFAULT_TIMEOUT),
                env.positiveInt(MAX_FILE_BYTES, DEFAULT_MAX_FILE_BYTES),
                env.optional(S3_ENDPOINT_URL).map(CheckpointSourcesSettings::endpoint),
                env.bool(S3_FORCE_PATH_STYLE, false),
                env.optional(AWS_REGION));
    }

    /** True when some source is on S3 (only then is an S3 client needed). */
    public boolean needsS3() {
        return sources.stream().anyMatch(source -> source.location() instanceof CheckpointLocation.S3);
    }

    static List<CheckpointSource> parseSources(String json) {
        JsonNode list;
        try {
            list = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ConfigurationException(SOURCES + " is not valid JSON (" + e.getOriginalMessage()
                    + "); expected e.g. " + EXAMPLE);
        }
        if (list == null || !list.isArray()) {
            throw new ConfigurationException(SOURCES + " must be a JSON list, e.g. " + EXAMPLE);
        }
        List<CheckpointSource> sources = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            CheckpointSource source = parseSource(SOURCES + "[" + i + "]", list.get(i));
            if (!names.add(source.name())) {
                throw new ConfigurationException(SOURCES + "[" + i + "].name: '" + source.name()
                        + "' is used by an earlier source; names must be unique");
            }
            sources.add(source);
        }
        return sources;
    }

    private static CheckpointSource parseSource(String where, JsonNode node) {
        if (!node.isObject()) {
            throw new ConfigurationException(where + " must be an object with \"name\" and \"location\"");
        }
        for (Iterator<String> fields = node.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!field.equals("name") && !field.equals("location") && !field.equals("topics")) {
                throw new ConfigurationException(where + ": unknown field \"" + field
                        + "\"; a source has \"name\", \"location\" and optionally \"topics\"");
            }
        }
        String name = text(where, node, "name").strip();
        if (name.chars().anyMatch(Character::isISOControl) || name.length() > 200) {
            throw new ConfigurationException(where + ".name must be at most 200 printable characters");
        }
        String location = text(where, node, "location");
        Set<String> topics = topics(where, node.get("topics"));
        try {
            return new CheckpointSource(name, CheckpointLocation.parse(location), topics);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(where + ".location " + e.getMessage());
        }
    }

    /** The optional {@code "topics": ["logs.a", ...]}: full topic names the query is configured to read. */
    private static Set<String> topics(String where, JsonNode list) {
        if (list == null || list.isNull()) {
            return Set.of();
        }
        if (!list.isArray()) {
            throw new ConfigurationException(where + ".topics must be a JSON list of topic names");
        }
        Set<String> topics = new LinkedHashSet<>();
        for (JsonNode topic : list) {
            if (!topic.isTextual() || topic.asText().isBlank()) {
                throw new ConfigurationException(where + ".topics must hold non-empty topic names");
            }
            topics.add(topic.asText().strip());
        }
        return topics;
    }

    private static String text(String where, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new ConfigurationException(where + "." + field + " is missing");
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new ConfigurationException(where + "." + field + " must be a non-empty string");
        }
        return value.asText();
    }

    private static URI endpoint(String value) {
        try {
            URI uri = new URI(value);
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new ConfigurationException(S3_ENDPOINT_URL + ": '" + value
                        + "' is not an http(s) URL such as http://127.0.0.1:4568");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigurationException(S3_ENDPOINT_URL + ": '" + value + "' is not a URL: " + e.getReason());
        }
    }
}
