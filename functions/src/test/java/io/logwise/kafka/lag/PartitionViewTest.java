package io.logwise.kafka.lag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.json.Json;
import io.logwise.kafka.scan.ConsumerSummary;
import io.logwise.kafka.scan.ScanResult;
import io.logwise.kafka.scan.TopicSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PartitionViewTest {

    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

    private static PartitionView view(Map<String, String> env, List<TopicLog> logs, PositionsReading positions) {
        LagScannerSettings settings = LagScannerSettings.fromEnv(env);
        ScanResult summary = new ScanAssembler(settings).result("id", T0, 42, logs, positions, List.of(), false);
        return PartitionView.of(summary, logs, positions, settings.noCommitPolicy());
    }

    private static PartitionView.Row row(PartitionView view, String topic, String consumer, int partition) {
        return view.partitions().stream().filter(r -> r.topic().equals(topic)
                        && java.util.Objects.equals(r.consumer(), consumer) && Integer.valueOf(partition).equals(r.partition()))
                .findFirst().orElseThrow(() -> new AssertionError(topic + " " + consumer + " " + partition
                        + " not in " + view.partitions()));
    }

    @Test
    void everyReportedConsumerOnEveryPartitionWithItsNote() {
        List<TopicLog> logs = List.of(
                new TopicLog("logs.b", null, List.of(new PartitionLog.Range(5, 9)), null),
                new TopicLog("logs.a", null, List.of(new PartitionLog.Range(0, 1200), new PartitionLog.Range(80, 100),
                        new PartitionLog.Range(0, 40), new PartitionLog.Unreadable("TimeoutException: x")), null),
                TopicLog.undescribed("logs.c", "UnknownTopicOrPartitionException: gone"));
        PositionsReading positions = new PositionsReading(List.of(
                new ConsumerPositions.Read("g", "group", Map.of("logs.a", new long[] {60, 30, -1, 7})),
                new ConsumerPositions.Read("spark-run", "spark-checkpoint", Map.of("logs.a", new long[] {1200, 101}),
                        new CheckpointProgress(12L, 13L, null, Set.of())),
                new ConsumerPositions.Read("spark-new", "spark-checkpoint", Map.of(),
                        new CheckpointProgress(null, null, "no batch yet", Set.of("logs.a"))),
                new ConsumerPositions.Read("other", "group", Map.of("logs.x", new long[] {1}))), true, List.of());
        PartitionView view = view(Map.of(), logs, positions);

        // Sorted by topic, consumer, partition; the consumer that never read logs.a or logs.b is not there.
        assertEquals(List.of("logs.a g 0", "logs.a g 1", "logs.a g 2", "logs.a g 3", "logs.a spark-new 0",
                "logs.a spark-new 1", "logs.a spark-new 2", "logs.a spark-new 3", "logs.a spark-run 0",
                "logs.a spark-run 1", "logs.a spark-run 2", "logs.a spark-run 3", "logs.b null 0", "logs.c null null"),
                view.partitions().stream().map(r -> r.topic() + " " + r.consumer() + " " + r.partition()).toList());
        assertEquals(new PartitionView.Row("logs.a", "g", "group", null, null, null, 0, 60L, 0L, 1200L, 1140L, 0L,
                null), row(view, "logs.a", "g", 0));
        assertEquals(new PartitionView.Row("logs.a", "g", "group", null, null, null, 1, 30L, 80L, 100L, 70L, 50L,
                "below log start: 50 lost"), row(view, "logs.a", "g", 1));
        assertEquals(new PartitionView.Row("logs.a", "g", "group", null, null, null, 2, null, 0L, 40L, 40L, null,
                "no commit: lag counted from log start"), row(view, "logs.a", "g", 2));
        assertEquals(new PartitionView.Row("logs.a", "g", "group", null, null, null, 3, 7L, null, null, null, null,
                "log not measured: TimeoutException: x"), row(view, "logs.a", "g", 3));
        assertEquals(new PartitionView.Row("logs.a", "spark-run", "spark-checkpoint", 12L, 13L, null, 1, 101L, 80L,
                100L, 0L, 0L, "past log end"), row(view, "logs.a", "spark-run", 1));
        assertEquals(new PartitionView.Row("logs.a", "spark-new", "spark-checkpoint", null, null, "no batch yet", 0,
                null, 0L, 1200L, 1200L, null, "no commit: lag counted from log start"),
                row(view, "logs.a", "spark-new", 0));
        assertEquals(new PartitionView.Row("logs.b", null, null, null, null, null, 0, null, 5L, 9L, null, null,
                "no consumer"), view.partitions().get(12));
        assertEquals(new PartitionView.Row("logs.c", null, null, null, null, null, null, null, null, null, null, null,
                "topic not described: UnknownTopicOrPartitionException: gone"), view.partitions().get(13));
        assertTrue(view.partial());
        assertEquals("earliest", view.noCommitPolicy());
        assertEquals(List.of("logs.a: partition 3 not measured (UNKNOWN): TimeoutException: x",
                "logs.c: not described: UnknownTopicOrPartitionException: gone"), view.problems());
    }

    @Test
    void underTheIgnorePolicyAPartitionWithoutCommitHasNoLag() {
        List<TopicLog> logs = List.of(new TopicLog("logs.a", null, List.of(new PartitionLog.Range(0, 10),
                new PartitionLog.Range(0, 20)), null));
        PositionsReading positions = new PositionsReading(List.of(
                new ConsumerPositions.Read("g", "group", Map.of("logs.a", new long[] {4}))), true, List.of());
        PartitionView view = view(Map.of("NO_COMMIT_POLICY", "ignore"), logs, positions);
        assertEquals("ignore", view.noCommitPolicy());
        assertNull(row(view, "logs.a", "g", 1).lag());
        assertEquals("no commit: not counted (NO_COMMIT_POLICY=ignore)", row(view, "logs.a", "g", 1).note());
        assertEquals(6L, row(view, "logs.a", "g", 0).lag());
    }

    @Test
    void aGroupShadowedByASparkSourceOfTheSameNameIsReportedOnlyWhereItCommitted() {
        List<TopicLog> logs = List.of(new TopicLog("logs.a", null, List.of(new PartitionLog.Range(0, 10)), null),
                new TopicLog("logs.b", null, List.of(new PartitionLog.Range(0, 10)), null));
        PositionsReading positions = new PositionsReading(List.of(
                new ConsumerPositions.Read("spark-x", "group", Map.of("logs.b", new long[] {3})),
                new ConsumerPositions.Read("spark-x", "spark-checkpoint", Map.of("logs.a", new long[] {8}),
                        new CheckpointProgress(2L, null, null, Set.of()))), true, List.of());
        PartitionView view = view(Map.of("LAG_EXPECTED_CONSUMERS", "logs.a=spark-x"), logs, positions);
        assertEquals(List.of("logs.a spark-x spark-checkpoint 8", "logs.b spark-x group 3"), view.partitions().stream()
                .map(r -> r.topic() + " " + r.consumer() + " " + r.source() + " " + r.position()).toList());
    }

    @Test
    void theJsonDocumentNamesItsFieldsAndLeavesUnknownFiguresOut() throws Exception {
        List<TopicLog> logs = List.of(new TopicLog("logs.a", null, List.of(new PartitionLog.Range(0, 1000),
                new PartitionLog.Range(0, 5)), null));
        PositionsReading positions = new PositionsReading(List.of(
                new ConsumerPositions.Read("g", "group", Map.of("logs.a", new long[] {10}))), true, List.of());
        JsonNode json = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(view(Map.of(), logs, positions)));
        assertEquals("2026-11-25T12:00:00Z", json.get("scannedAt").asText());
        assertEquals("logs.", json.get("prefix").asText());
        assertEquals("earliest", json.get("noCommitPolicy").asText());
        assertEquals(Json.MAPPER.readTree("""
                {"topic": "logs.a", "consumer": "g", "source": "group", "partition": 0, "position": 10,
                 "logStart": 0, "logEnd": 1000, "lag": 990, "lostRecords": 0}"""), json.get("partitions").get(0));
        assertEquals(Json.MAPPER.readTree("""
                {"topic": "logs.a", "consumer": "g", "source": "group", "partition": 1, "logStart": 0, "logEnd": 5,
                 "lag": 5, "note": "no commit: lag counted from log start"}"""), json.get("partitions").get(1));
        assertEquals(0, json.get("problems").size());
    }

    /**
     * Over generated scans: the rows are exactly the summary's consumers on every partition, and per consumer and
     * topic they add up to the summary's lag, largest partition lag, lost records and partitions without commit.
     */
    @Test
    void thePartitionsAddUpToTheSummary() {
        qt().withExamples(300).forAll(longs().all()).checkAssert(PartitionViewTest::addsUp);
    }

    private static void addsUp(long seed) {
        Random random = new Random(seed);
        List<TopicLog> logs = new ArrayList<>();
        int topics = 1 + random.nextInt(3);
        for (int t = 0; t < topics; t++) {
            List<PartitionLog> partitions = new ArrayList<>();
            for (int p = random.nextInt(5); p > 0; p--) {
                long start = random.nextInt(100);
                partitions.add(random.nextInt(10) == 0 ? new PartitionLog.Unreadable("timeout")
                        : new PartitionLog.Range(start, start + random.nextInt(200)));
            }
            logs.add(random.nextInt(15) == 0 ? TopicLog.undescribed("logs.t" + t, "gone")
                    : new TopicLog("logs.t" + t, null, partitions, null));
        }
        List<ConsumerPositions> consumers = new ArrayList<>();
        for (int c = random.nextInt(5); c > 0; c--) {
            Map<String, long[]> committed = new HashMap<>();
            for (int t = 0; t < topics; t++) {
                if (random.nextInt(3) > 0) {
                    long[] offsets = new long[random.nextInt(5)];
                    for (int p = 0; p < offsets.length; p++) {
                        offsets[p] = random.nextInt(5) == 0 ? ConsumerPositions.NO_COMMIT : random.nextInt(350);
                    }
                    committed.put("logs.t" + t, offsets);
                }
            }
            boolean spark = random.nextBoolean();
            consumers.add(spark ? new ConsumerPositions.Read("c" + random.nextInt(3), "spark-checkpoint", committed,
                    new CheckpointProgress(1L, null, null, random.nextBoolean() ? Set.of("logs.t0") : Set.of()))
                    : new ConsumerPositions.Read("c" + random.nextInt(3), "group", committed));
        }
        Set<String> seen = new HashSet<>();
        consumers.removeIf(c -> !seen.add(c.consumer() + "/" + c.source()));
        Map<String, String> env = new HashMap<>();
        env.put("MAX_LAG_PER_PARTITION", "50");
        env.put("NO_COMMIT_POLICY", random.nextBoolean() ? "earliest" : "ignore");
        if (random.nextBoolean()) {
            env.put("LAG_EXPECTED_CONSUMERS", "logs.t0=c0;*=c1");
        }
        LagScannerSettings settings = LagScannerSettings.fromEnv(env);
        PositionsReading positions = new PositionsReading(consumers, true, List.of());
        ScanResult summary = new ScanAssembler(settings).result("id", T0, 1, logs, positions, List.of(), false);
        PartitionView view = PartitionView.of(summary, logs, positions, settings.noCommitPolicy());

        int expectedRows = 0;
        for (TopicSummary topic : summary.topics()) {
            TopicLog log = logs.stream().filter(l -> l.topic().equals(topic.topic())).findFirst().orElseThrow();
            List<ConsumerSummary> reported = topic.consumers() == null ? List.of() : topic.consumers();
            expectedRows += !log.described() ? 1 : log.partitions().size() * Math.max(1, reported.size());
            for (ConsumerSummary consumer : reported) {
                List<PartitionView.Row> rows = view.partitions().stream().filter(r -> r.topic().equals(topic.topic())
                        && consumer.consumer().equals(r.consumer()) && consumer.source().equals(r.source())).toList();
                String what = topic.topic() + " " + consumer + " " + rows;
                assertEquals(log.partitions().size(), rows.size(), what);
                assertEquals(consumer.lag(), rows.stream().filter(r -> r.lag() != null).mapToLong(
                        PartitionView.Row::lag).sum(), what);
                assertEquals(consumer.maxPartitionLag(), rows.stream().filter(r -> r.lag() != null).mapToLong(
                        PartitionView.Row::lag).max().orElse(0), what);
                assertEquals(consumer.lostRecords(), rows.stream().filter(r -> r.lostRecords() != null).mapToLong(
                        PartitionView.Row::lostRecords).sum(), what);
                assertEquals(consumer.noCommitPartitions(), rows.stream().filter(r -> r.position() == null
                        && r.logEnd() != null).count(), what);
            }
        }
        assertEquals(expectedRows, view.partitions().size(), view.partitions().toString());
    }
}
