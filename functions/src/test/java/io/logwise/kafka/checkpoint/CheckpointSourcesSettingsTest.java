package io.logwise.kafka.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.error.ConfigurationException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckpointSourcesSettingsTest {

    private static final String SOURCES = "SPARK_CHECKPOINT_SOURCES";

    @Test
    void defaultsWithoutAnySource() {
        CheckpointSourcesSettings settings = CheckpointSourcesSettings.fromEnv(Map.of());

        assertEquals(List.of(), settings.sources());
        assertEquals(Duration.ofSeconds(10), settings.timeout());
        assertEquals(1024 * 1024, settings.maxFileBytes());
        assertEquals(Optional.empty(), settings.s3EndpointUrl());
        assertFalse(settings.s3ForcePathStyle());
        assertFalse(settings.needsS3());
    }

    @Test
    void sourcesOnS3AndLocalDirectories() {
        CheckpointSourcesSettings settings = CheckpointSourcesSettings.fromEnv(Map.of(
                SOURCES, "[{\"name\":\"spark-order\",\"location\":\"s3://bucket/checkpoints/order\"},"
                        + "{\"name\":\"spark-local\",\"location\":\"/var/ckpt/x\"},"
                        + "{\"name\":\" spark-uri \",\"location\":\"file:///var/ckpt/y/\","
                        + "\"topics\":[\"logs.a\",\" logs.b \"]}]",
                "SPARK_CHECKPOINT_TIMEOUT_MS", "4000",
                "SPARK_CHECKPOINT_MAX_FILE_BYTES", "2048",
                "S3_ENDPOINT_URL", "http://127.0.0.1:4568",
                "S3_FORCE_PATH_STYLE", "true",
                "AWS_REGION", "eu-west-1"));

        assertEquals(List.of(
                new CheckpointSource("spark-order", new CheckpointLocation.S3("bucket", "checkpoints/order")),
                new CheckpointSource("spark-local", new CheckpointLocation.Local(Path.of("/var/ckpt/x"))),
                new CheckpointSource("spark-uri", new CheckpointLocation.Local(Path.of("/var/ckpt/y")),
                        Set.of("logs.a", "logs.b"))),
                settings.sources());
        assertEquals(Duration.ofMillis(4000), settings.timeout());
        assertEquals(2048, settings.maxFileBytes());
        assertEquals(Optional.of(URI.create("http://127.0.0.1:4568")), settings.s3EndpointUrl());
        assertTrue(settings.s3ForcePathStyle());
        assertEquals(Optional.of("eu-west-1"), settings.awsRegion());
        assertTrue(settings.needsS3());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not JSON            | [{"name":"a"                                                  | SPARK_CHECKPOINT_SOURCES is not valid JSON
            not a list          | {"name":"a","location":"/x"}                                  | SPARK_CHECKPOINT_SOURCES must be a JSON list
            not an object       | ["/x"]                                                        | SPARK_CHECKPOINT_SOURCES[0] must be an object
            no name             | [{"location":"/x"}]                                           | SPARK_CHECKPOINT_SOURCES[0].name is missing
            empty name          | [{"name":" ","location":"/x"}]                                | SPARK_CHECKPOINT_SOURCES[0].name must be a non-empty string
            name not a string   | [{"name":3,"location":"/x"}]                                  | SPARK_CHECKPOINT_SOURCES[0].name must be a non-empty string
            no location         | [{"name":"a"}]                                                | SPARK_CHECKPOINT_SOURCES[0].location is missing
            empty location      | [{"name":"a","location":""}]                                  | SPARK_CHECKPOINT_SOURCES[0].location must be a non-empty string
            relative path       | [{"name":"a","location":"ckpt/x"}]                            | SPARK_CHECKPOINT_SOURCES[0].location 'ckpt/x' is a relative path
            unsupported scheme  | [{"name":"a","location":"hdfs://nn/ckpt"}]                    | unsupported scheme 'hdfs'
            bad bucket          | [{"name":"a","location":"s3://Bad_Bucket/x"}]                 | no valid bucket name
            no bucket           | [{"name":"a","location":"s3:///x"}]                           | no valid bucket name
            empty path segment  | [{"name":"a","location":"s3://bucket/a//b"}]                  | empty path segment
            file URI with host  | [{"name":"a","location":"file://host/x"}]                     | not a valid file URI
            typo in a field     | [{"name":"a","locaton":"/x"}]                                 | SPARK_CHECKPOINT_SOURCES[0]: unknown field "locaton"
            duplicate names     | [{"name":"a","location":"/x"},{"name":"a","location":"/y"}]   | SPARK_CHECKPOINT_SOURCES[1].name: 'a' is used by an earlier source
            topics not a list   | [{"name":"a","location":"/x","topics":"logs.a"}]              | SPARK_CHECKPOINT_SOURCES[0].topics must be a JSON list
            topic not a string  | [{"name":"a","location":"/x","topics":[3]}]                   | SPARK_CHECKPOINT_SOURCES[0].topics must hold non-empty topic names
            """)
    void invalidSourcesNameTheVariableAndTheField(String caseName, String json, String message) {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> CheckpointSourcesSettings.fromEnv(Map.of(SOURCES, json)));

        assertTrue(e.getMessage().contains(message), caseName + ": " + e.getMessage());
    }

    @Test
    void invalidS3AndLimitSettingsNameTheirVariable() {
        assertTrue(assertThrows(ConfigurationException.class,
                () -> CheckpointSourcesSettings.fromEnv(Map.of("S3_ENDPOINT_URL", "127.0.0.1:4568")))
                .getMessage().startsWith("S3_ENDPOINT_URL"));
        assertTrue(assertThrows(ConfigurationException.class,
                () -> CheckpointSourcesSettings.fromEnv(Map.of("S3_ENDPOINT_URL", "ftp://host")))
                .getMessage().startsWith("S3_ENDPOINT_URL"));
        assertTrue(assertThrows(ConfigurationException.class,
                () -> CheckpointSourcesSettings.fromEnv(Map.of("S3_FORCE_PATH_STYLE", "maybe")))
                .getMessage().startsWith("S3_FORCE_PATH_STYLE"));
        assertTrue(assertThrows(ConfigurationException.class,
                () -> CheckpointSourcesSettings.fromEnv(Map.of("SPARK_CHECKPOINT_MAX_FILE_BYTES", "0")))
                .getMessage().startsWith("SPARK_CHECKPOINT_MAX_FILE_BYTES"));
    }

    @Test
    void anEmptyListIsNoSource() {
        assertEquals(List.of(), CheckpointSourcesSettings.fromEnv(Map.of(SOURCES, "[]")).sources());
    }
}
