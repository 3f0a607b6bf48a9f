package io.logwise.kafka.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.testkit.SparkCheckpointFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints in real directories, laid out as Spark writes them on a local file system. */
class LocalCheckpointIT {

    @TempDir
    Path dir;

    private SparkCheckpointReader readerFor(String sourcesJson) {
        return SparkCheckpointReader.create(CheckpointSourcesSettings.fromEnv(Map.of(
                "SPARK_CHECKPOINT_SOURCES", sourcesJson, "SPARK_CHECKPOINT_MAX_FILE_BYTES", "4096")));
    }

    @Test
    void readsEverySourceFromTheEnvironmentWithOneResultEach() throws Exception {
        Path running = new SparkCheckpointFiles()
                .batch(9, 1700000000000L, "{\"logs.order-service\":{\"0\":1200,\"1\":1190}}").commit(9)
                .batch(10, 1700000060000L, "{\"logs.order-service\":{\"0\":1234,\"1\":1200}}", "-").commit(10)
                .batch(11, 1700000120000L, "{\"logs.order-service\":{\"0\":1300,\"1\":1250}}", "-")
                .writing("offsets", 12, "v1\n{\"batchWatermarkMs\":0,\"batchTi")
                .writeTo(dir.resolve("running"));
        Path fresh = new SparkCheckpointFiles().file("metadata", "{\"id\":\"5d5f\"}").writeTo(dir.resolve("fresh"));
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path corrupt = new SparkCheckpointFiles().file("offsets/0", "v1\n{}\n{\"logs.a\":").commit(0)
                .writeTo(dir.resolve("corrupt"));
        Path missing = dir.resolve("missing");
        String sources = "[" + String.join(",",
                "{\"name\":\"spark-order\",\"location\":\"file://" + running + "\"}",
                "{\"name\":\"spark-fresh\",\"location\":\"" + fresh + "\"}",
                "{\"name\":\"spark-corrupt\",\"location\":\"" + corrupt + "/\"}",
                "{\"name\":\"spark-missing\",\"location\":\"" + missing + "\"}",
                "{\"name\":\"spark-empty\",\"location\":\"" + empty + "\"}") + "]";

        try (SparkCheckpointReader reader = readerFor(sources)) {
            List<CheckpointResult> results = reader.readAll(
                    CheckpointSourcesSettings.fromEnv(Map.of("SPARK_CHECKPOINT_SOURCES", sources)).sources(),
                    Duration.ofSeconds(5));

            CheckpointPositions order = assertInstanceOf(CheckpointPositions.class, results.get(0));
            assertEquals(new CheckpointPositions("spark-order", running.toString(), 10,
                    Instant.ofEpochMilli(1700000060000L), Map.of("logs.order-service", Map.of(0, 1234L, 1, 1200L)),
                    11, Files.getLastModifiedTime(running.resolve("commits/10")).toInstant()), order);
            assertEquals(CheckpointNoBatchYet.notPlanned("spark-fresh", fresh.toString()), results.get(1));
            CheckpointProblem broken = assertInstanceOf(CheckpointProblem.class, results.get(2));
            assertEquals(corrupt.toString(), broken.location());
            assertTrue(broken.reason().contains("offsets/0: line 3 is not valid JSON"), broken.reason());
            CheckpointProblem absent = assertInstanceOf(CheckpointProblem.class, results.get(3));
            assertEquals("the checkpoint directory " + missing + " does not exist", absent.reason());
            CheckpointProblem nothing = assertInstanceOf(CheckpointProblem.class, results.get(4));
            assertEquals(empty + " has no metadata file and no batch in offsets/ or commits/: not the checkpoint"
                    + " of a query that started (a wrong location?)", nothing.reason());
        }
    }

    @Test
    void aHugeFileIsNotReadIntoMemory() throws Exception {
        Path checkpoint = new SparkCheckpointFiles().commit(0).writeTo(dir.resolve("huge"));
        Files.write(Files.createDirectories(checkpoint.resolve("offsets")).resolve("0"), new byte[10 * 1024 * 1024]);
        CheckpointLocation location = CheckpointLocation.parse(checkpoint.toString());

        CheckpointProblem problem = assertInstanceOf(CheckpointProblem.class,
                readerFor("[]").read(new CheckpointSource("huge", location), Duration.ofSeconds(5)));
        assertTrue(problem.reason().contains("offsets/0 is larger than 4096 bytes (10485760)"), problem.reason());

        // The store bounds its own reads too, whatever the listing said.
        CheckpointStore.FileTooLargeException tooLarge = assertThrows(CheckpointStore.FileTooLargeException.class,
                () -> new LocalCheckpointStore().read(location, "offsets", "0", 4096, Duration.ofSeconds(5)));
        assertTrue(tooLarge.getMessage().contains("larger than 4096 bytes"), tooLarge.getMessage());
    }

    @Test
    void listingShowsFilesOnlyWithTheirSizeAndIgnoresSubdirectories() throws Exception {
        Path checkpoint = new SparkCheckpointFiles().batch(0, 1L, "{\"logs.a\":{\"0\":1}}")
                .writeTo(dir.resolve("listing"));
        Files.createDirectories(checkpoint.resolve("offsets/5"));
        CheckpointLocation location = CheckpointLocation.parse(checkpoint.toString());

        List<StoredFile> files = new LocalCheckpointStore().list(location, "offsets", Duration.ofSeconds(5));

        assertEquals(List.of(".0.crc", "0"), files.stream().map(StoredFile::name).sorted().toList());
        assertEquals(Files.size(checkpoint.resolve("offsets/0")),
                files.stream().filter(f -> f.name().equals("0")).findFirst().orElseThrow().size());
        assertEquals(List.of(), new LocalCheckpointStore().list(location, "commits", Duration.ofSeconds(5)));
    }
}
