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
import org.junit.jupiter.api.Test;

/**
 * Checkpoints written by real Apache Spark (scripts/spark-fixtures: Structured Streaming in local mode against a real
 * broker, AvailableNow trigger, 40 records per batch, foreachBatch sink), read with exact positions. Each case's
 * expected.properties holds what its batches really processed (max offset + 1 per partition, seen inside the
 * query), written by the query itself, not read from the checkpoint.
 */
class RealSparkFixturesTest {

    private static final String SPARK = "spark-4.1.1";

    private final SparkCheckpointReader reader = new SparkCheckpointReader(new LocalCheckpointStore(), () -> {
        throw new AssertionError("no S3 here");
    }, 1024 * 1024, Duration.ofSeconds(10));

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(RealSparkFixturesTest.class.getResource("/spark-checkpoints/" + SPARK + "/" + name).toURI());
    }

    private CheckpointResult read(String kase) throws URISyntaxException {
        return reader.read(new CheckpointSource("spark-" + kase, new CheckpointLocation.Local(fixture(kase))),
                Duration.ofSeconds(10));
    }

    private static Properties expected(String kase) throws IOException, URISyntaxException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(fixture(kase + ".expected.properties"))) {
            properties.load(in);
        }
        assertEquals("4.1.1", Files.readString(fixture(kase + ".spark-version")).strip());
        return properties;
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

    private void assertPositions(String kase, long committed, long planned) throws Exception {
        Properties expected = expected(kase);
        CheckpointPositions read = assertInstanceOf(CheckpointPositions.class, read(kase));
        assertEquals(Long.parseLong(expected.getProperty("committedBatchId")), read.committedBatchId());
        assertEquals(committed, read.committedBatchId());
        assertEquals(planned, read.plannedBatchId());
        assertEquals(positions(expected), read.offsets());
    }

    @Test
    void allBatchesCommitted() throws Exception {
        assertPositions("committed", 2, 2);
        assertEquals(Map.of("logs.fx-1796611137.orders", Map.of(0, 50L, 1, 30L, 2, 20L)),
                ((CheckpointPositions) read("committed")).offsets(), "every record produced (50, 30, 20)");
    }

    @Test
    void aCrashInsideBatch1LeavesBatch0AsThePositionAndBatch1Planned() throws Exception {
        assertPositions("crash", 0, 1);
        assertTrue(((CheckpointPositions) read("crash")).batchInFlight());
    }

    @Test
    void aUnionOfTwoKafkaSourcesGivesBothTopics() throws Exception {
        assertPositions("union", 2, 2);
    }

    @Test
    void aPatternSourceGivesEveryMatchedTopic() throws Exception {
        assertPositions("pattern", 0, 0);
    }

    @Test
    void aQueryThatNeverRanABatchIsNoBatchYet() throws Exception {
        assertEquals(CheckpointNoBatchYet.notPlanned("spark-never", fixture("never").toString()), read("never"));
    }

    /** Spark 4.1.1 has no offset log format 2: asked for it, it writes v1 (v2 is covered by hand-written files). */
    @Test
    void askingSpark411ForOffsetLogV2StillWritesV1() throws Exception {
        assertTrue(Files.readString(fixture("v2/offsets/0")).startsWith("v1\n"));
        assertPositions("v2", 2, 2);
    }
}
