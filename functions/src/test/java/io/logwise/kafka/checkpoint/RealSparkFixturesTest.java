package io.logwise.kafka.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checkpoints written by real Apache Spark 4.0.0 and 4.1.1 (scripts/spark-fixtures: Structured Streaming in local mode
 * against a real broker, AvailableNow trigger, 40 records per batch, foreachBatch sink), read with exact positions.
 * Each case's expected.properties holds what its batches really processed (max offset + 1 per partition, seen inside
 * the query), written by the query itself, not read from the checkpoint.
 */
class RealSparkFixturesTest {

    private final SparkCheckpointReader reader = new SparkCheckpointReader(new LocalCheckpointStore(), () -> {
        throw new AssertionError("no S3 here");
    }, 1024 * 1024, Duration.ofSeconds(10));

    private static Path fixture(String version, String name) throws URISyntaxException {
        return Path.of(RealSparkFixturesTest.class.getResource("/spark-checkpoints/spark-" + version + "/" + name)
                .toURI());
    }

    private CheckpointResult read(String version, String kase) throws URISyntaxException {
        return reader.read(new CheckpointSource("spark-" + kase, new CheckpointLocation.Local(fixture(version, kase))),
                Duration.ofSeconds(10));
    }

    private static Properties properties(String version, String name) throws IOException, URISyntaxException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(fixture(version, name))) {
            properties.load(in);
        }
        return properties;
    }

    private static Properties expected(String version, String kase) throws IOException, URISyntaxException {
        assertEquals(version, Files.readString(fixture(version, kase + ".spark-version")).strip(),
                "the Spark version that wrote it");
        return properties(version, kase + ".expected.properties");
    }

    /** topic to partition to position, from expected.properties ({@code topic/partition=next offset}). */
    private static Map<String, Map<Integer, Long>> positions(Properties expected) {
        Map<String, Map<Integer, Long>> positions = new TreeMap<>();
        for (String key : expected.stringPropertyNames()) {
            int slash = key.lastIndexOf('/');
            if (slash > 0) {
                positions.computeIfAbsent(key.substring(0, slash), t -> new TreeMap<>())
                        .put(Integer.parseInt(key.substring(slash + 1)), Long.parseLong(expected.getProperty(key)));
            }
        }
        return positions;
    }

    private void assertPositions(String version, String kase, long committed, long planned) throws Exception {
        Properties expected = expected(version, kase);
        CheckpointPositions read = assertInstanceOf(CheckpointPositions.class, read(version, kase));
        assertEquals(Long.parseLong(expected.getProperty("committedBatchId")), read.committedBatchId());
        assertEquals(committed, read.committedBatchId());
        assertEquals(planned, read.plannedBatchId());
        assertEquals(positions(expected), read.offsets());
    }

    @ParameterizedTest
    @ValueSource(strings = {"4.0.0", "4.1.1"})
    void allBatchesCommitted(String version) throws Exception {
        assertPositions(version, "committed", 2, 2);
        String orders = properties(version, "fixtures.properties").getProperty("topic.prefix") + "orders";
        assertEquals(Map.of(orders, Map.of(0, 50L, 1, 30L, 2, 20L)),
                ((CheckpointPositions) read(version, "committed")).offsets(), "every record produced (50, 30, 20)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"4.0.0", "4.1.1"})
    void aCrashInsideBatch1LeavesBatch0AsThePositionAndBatch1Planned(String version) throws Exception {
        assertPositions(version, "crash", 0, 1);
        assertTrue(((CheckpointPositions) read(version, "crash")).batchInFlight());
    }

    @ParameterizedTest
    @ValueSource(strings = {"4.0.0", "4.1.1"})
    void aUnionOfTwoKafkaSourcesGivesBothTopics(String version) throws Exception {
        assertPositions(version, "union", 2, 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4.0.0", "4.1.1"})
    void aPatternSourceGivesEveryMatchedTopic(String version) throws Exception {
        assertPositions(version, "pattern", 0, 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4.0.0", "4.1.1"})
    void aQueryThatNeverRanABatchIsNoBatchYet(String version) throws Exception {
        assertEquals(CheckpointNoBatchYet.notPlanned("spark-never", fixture(version, "never").toString()),
                read(version, "never"));
    }

    /** Spark 4.0 and 4.1 have no offset log format 2: asked for it, they write v1 (v2: hand-written files). */
    @ParameterizedTest
    @ValueSource(strings = {"4.0.0", "4.1.1"})
    void askingForOffsetLogV2StillWritesV1(String version) throws Exception {
        assertTrue(Files.readString(fixture(version, "v2/offsets/0")).startsWith("v1\n"));
        assertPositions(version, "v2", 2, 2);
    }

    /**
     * asyncProgressTrackingEnabled (Kafka sink, ProcessingTime trigger, interval 2 s, 10 records per batch): Spark
     * writes offsets/ and commits/ only for the batches where the interval has passed, so batch ids have gaps, and
     * batches that ran after the newest written one (4.1.1: batch 9) are not in the checkpoint: a restart resumes
     * after the newest committed batch, so its offsets are the position (4.1.1: 45, 27, 18 of 50, 30, 20 read).
     */
    @ParameterizedTest
    @CsvSource({"4.0.0, 0 1 2 3 4 6 7 9, 9", "4.1.1, 0 1 2 4 6 8, 9"})
    void asyncProgressTrackingLeavesBatchIdGapsAndThePositionIsTheNewestCommittedBatch(String version,
            String writtenBatches, long lastBatchRun) throws Exception {
        assertEquals(writtenBatches, batchIds(version, "async/offsets"), "offsets/ holds only some batches");
        assertEquals(writtenBatches, batchIds(version, "async/commits"), "commits/ holds the same batches");
        long newest = Long.parseLong(writtenBatches.substring(writtenBatches.lastIndexOf(' ') + 1));
        assertEquals(lastBatchRun, Long.parseLong(expected(version, "async").getProperty("lastBatchId")));
        assertPositions(version, "async", newest, newest);
    }

    /** The whole-number file names of a checkpoint folder, in numeric order, space separated. */
    private static String batchIds(String version, String folder) throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(fixture(version, folder))) {
            return files.map(f -> f.getFileName().toString()).filter(name -> name.matches("[0-9]+"))
                    .mapToLong(Long::parseLong).sorted().mapToObj(Long::toString)
                    .reduce((a, b) -> a + " " + b).orElse("");
        }
    }
}
