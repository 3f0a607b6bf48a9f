package io.logwise.kafka.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.lag.ConsumerPositions;
import io.logwise.kafka.lag.ConsumerScope;
import io.logwise.kafka.lag.LagScannerSettings;
import io.logwise.kafka.lag.PartitionLog;
import io.logwise.kafka.lag.PositionsReading;
import io.logwise.kafka.lag.ScanAssembler;
import io.logwise.kafka.lag.TopicLog;
import io.logwise.kafka.scan.ConsumerSummary;
import io.logwise.kafka.scan.ScanResult;
import io.logwise.kafka.scan.Verdict;
import io.logwise.kafka.testkit.SparkCheckpointFiles;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SparkCheckpointSourceTest {

    private static final Duration TIME = Duration.ofSeconds(10);

    private final InMemoryCheckpointStore store = new InMemoryCheckpointStore();
    private final SparkCheckpointReader reader = new SparkCheckpointReader(store, () -> store, 4096, TIME);
    private final CheckpointSource orders = source("spark-orders", "s3://bucket/checkpoints/orders");
    private final CheckpointSource fresh = source("spark-fresh", "s3://bucket/checkpoints/fresh");
    private final CheckpointSource broken = source("spark-broken", "s3://bucket/checkpoints/broken");

    private static CheckpointSource source(String name, String location) {
        return new CheckpointSource(name, CheckpointLocation.parse(location));
    }

    private PositionsReading read(ConsumerScope scope) {
        store.put(orders.location(), new SparkCheckpointFiles()
                .batch(3, 1700000000000L, "{\"logs.a\":{\"2\":30,\"0\":10},\"other.b\":{\"0\":7}}").commit(3));
        store.put(fresh.location(), new SparkCheckpointFiles().batch(0, 1700000000000L, "{\"logs.a\":{\"0\":1}}"));
        store.failing(broken.location(), new IOException("Access Denied (403)"));
        return new SparkCheckpointSource(reader, List.of(orders, fresh, broken), () -> TIME)
                .read(topic -> topic.startsWith("logs."), scope);
    }

    @Test
    void eachCheckpointIsOneConsumerNamedAsConfigured() {
        PositionsReading reading = read(ConsumerScope.all(Set.of()));
        assertEquals(3, reading.consumers().size());
        assertTrue(reading.complete(), "one unreadable checkpoint does not make other topics UNKNOWN");

        ConsumerPositions.Read positions = assertInstanceOf(ConsumerPositions.Read.class, reading.consumers().get(0));
        assertEquals("spark-orders", positions.consumer());
        assertEquals(CheckpointSource.KIND, positions.source());
        assertEquals(Set.of("logs.a"), positions.committed().keySet(), "topics outside the scan are dropped");
        assertArrayEquals(new long[] {10, ConsumerPositions.NO_COMMIT, 30}, positions.committed().get("logs.a"));

        ConsumerPositions.Read noBatch = assertInstanceOf(ConsumerPositions.Read.class, reading.consumers().get(1));
        assertEquals("spark-fresh", noBatch.consumer());
        assertEquals(Map.of(), noBatch.committed(), "a planned but uncommitted batch is no position");

        ConsumerPositions.Unreadable unreadable = assertInstanceOf(ConsumerPositions.Unreadable.class,
                reading.consumers().get(2));
        assertEquals("spark-broken", unreadable.consumer());
        assertEquals(CheckpointSource.KIND, unreadable.source());
        assertTrue(unreadable.reason().contains("Access Denied (403)"), unreadable.reason());
        assertEquals(1, reading.problems().size());
        assertTrue(reading.problems().get(0).startsWith("spark checkpoint spark-broken"
                + " (s3://bucket/checkpoints/broken): not read: "), reading.problems().get(0));
    }

    @Test
    void aNarrowedScanReadsOnlyTheNamedCheckpoints() {
        PositionsReading reading = read(new ConsumerScope(Optional.of(Set.of("spark-orders", "group-x")), Set.of()));
        assertEquals(List.of("spark-orders"), reading.consumers().stream().map(ConsumerPositions::consumer).toList());
    }

    @Test
    void inAScanTheQueryGetsExactLagAnExpectedQueryWithoutBatchIsNoCommitAndTheBrokenOneIsPartial() {
        LagScannerSettings settings = LagScannerSettings.fromEnv(Map.of("LAG_EXPECTED_CONSUMERS",
                "logs.a=spark-fresh"));
        List<TopicLog> logs = List.of(new TopicLog("logs.a", null, List.of(new PartitionLog.Range(0, 15),
                new PartitionLog.Range(0, 4), new PartitionLog.Range(5, 100)), null));
        ScanResult result = new ScanAssembler(settings).result("id", Instant.EPOCH, 1, logs,
                read(ConsumerScope.all(Set.of("spark-fresh"))), List.of(), false);

        Map<String, ConsumerSummary> byName = new java.util.HashMap<>();
        result.topics().get(0).consumers().forEach(c -> byName.put(c.consumer(), c));
        assertEquals(Set.of("spark-orders", "spark-fresh"), byName.keySet());
        ConsumerSummary orders = byName.get("spark-orders");
        assertEquals(5 + 4 + 70, orders.lag(), "end - position; partition 1 without a position counts from its start");
        assertEquals(1, orders.noCommitPartitions());
        assertEquals("spark-checkpoint", orders.source());
        assertEquals(3L, orders.committedBatchId());
        assertEquals(null, orders.plannedBatchId());
        ConsumerSummary freshRow = byName.get("spark-fresh");
        assertEquals(Verdict.NO_COMMIT, freshRow.verdict(), "the query exists and has not committed");
        assertEquals(15 + 4 + 95, freshRow.lag());
        assertEquals(null, freshRow.committedBatchId());
        assertEquals(0L, freshRow.plannedBatchId());
        assertEquals("no committed batch yet: batch 0 is planned in offsets/, commits/ has none",
                freshRow.noCommitReason());
        assertTrue(result.partial());
        assertTrue(result.problems().stream().anyMatch(p -> p.contains("spark-broken")));
    }

    @Test
    void anExpectedSparkSourceIsMatchedByNameFirstAndAddsNoFakeGroupRow() {
        LagScannerSettings settings = LagScannerSettings.fromEnv(Map.of("LAG_EXPECTED_CONSUMERS",
                "logs.a=spark-orders,spark-fresh;logs.b=spark-orders"));
        List<TopicLog> logs = List.of(
                new TopicLog("logs.a", null, List.of(new PartitionLog.Range(0, 15), new PartitionLog.Range(0, 4),
                        new PartitionLog.Range(5, 100)), null),
                new TopicLog("logs.b", null, List.of(new PartitionLog.Range(0, 9)), null));
        PositionsReading checkpoints = read(ConsumerScope.all(Set.of("spark-orders", "spark-fresh")));
        // What the Kafka group source reads for expected names: groups that do not exist, without commits.
        List<ConsumerPositions> all = new java.util.ArrayList<>(List.of(
                new ConsumerPositions.Read("spark-orders", "group", Map.of()),
                new ConsumerPositions.Read("spark-fresh", "group", Map.of())));
        all.addAll(checkpoints.consumers());
        ScanResult result = new ScanAssembler(settings).result("id", Instant.EPOCH, 1, logs,
                new PositionsReading(all, true, checkpoints.problems()), List.of(), false);

        List<ConsumerSummary> onA = result.topics().get(0).consumers();
        assertEquals(List.of("spark-fresh/spark-checkpoint/NO_COMMIT", "spark-orders/spark-checkpoint/NO_COMMIT"),
                onA.stream().map(c -> c.consumer() + "/" + c.source() + "/" + c.verdict()).toList());
        assertEquals(Verdict.NO_COMMIT, result.topics().get(0).verdict());
        // spark-orders does not read logs.b (its checkpoint says so): NO_CONSUMER there, as one row, not two
        List<ConsumerSummary> onB = result.topics().get(1).consumers();
        assertEquals(List.of("spark-orders/spark-checkpoint/NO_CONSUMER"),
                onB.stream().map(c -> c.consumer() + "/" + c.source() + "/" + c.verdict()).toList());
    }

    @Test
    void aKafkaGroupThatSharesASparkSourceNameIsStillReportedWhereItCommitted() {
        LagScannerSettings settings = LagScannerSettings.fromEnv(Map.of("LAG_EXPECTED_CONSUMERS",
                "logs.a=spark-orders"));
        List<TopicLog> logs = List.of(new TopicLog("logs.a", null, List.of(new PartitionLog.Range(0, 15),
                new PartitionLog.Range(0, 4), new PartitionLog.Range(5, 100)), null));
        PositionsReading checkpoints = read(ConsumerScope.all(Set.of("spark-orders")));
        List<ConsumerPositions> all = new java.util.ArrayList<>(List.of(new ConsumerPositions.Read("spark-orders",
                "group", Map.of("logs.a", new long[] {15, 4, 100}))));
        all.addAll(checkpoints.consumers());
        ScanResult result = new ScanAssembler(settings).result("id", Instant.EPOCH, 1, logs,
                new PositionsReading(all, true, List.of()), List.of(), false);

        assertEquals(List.of("spark-orders/spark-checkpoint", "spark-orders/group"), result.topics().get(0)
                .consumers().stream().map(c -> c.consumer() + "/" + c.source()).toList());
    }

    @Test
    void aSourceWithoutPositionIsNoCommitWithItsReasonOnEveryTopicItIsConfiguredFor() {
        CheckpointSource pattern = new CheckpointSource("spark-pattern",
                CheckpointLocation.parse("s3://bucket/checkpoints/pattern"), Set.of("logs.a", "logs.b", "other.c"));
        CheckpointSource started = new CheckpointSource("spark-started",
                CheckpointLocation.parse("s3://bucket/checkpoints/started"), Set.of("logs.b"));
        store.put(pattern.location(), new SparkCheckpointFiles().file("metadata", "{\"id\":\"1\"}")
                .batch(0, 1L, "{}").commit(0).batch(1, 2L, "{}"));
        store.put(started.location(), new SparkCheckpointFiles().file("metadata", "{\"id\":\"2\"}"));
        PositionsReading reading = new SparkCheckpointSource(reader, List.of(pattern, started), () -> TIME)
                .read(topic -> topic.startsWith("logs."), ConsumerScope.all(Set.of()));
        List<TopicLog> logs = List.of(
                new TopicLog("logs.a", null, List.of(new PartitionLog.Range(2, 10)), null),
                new TopicLog("logs.b", null, List.of(new PartitionLog.Range(0, 5), new PartitionLog.Range(0, 6)), null),
                new TopicLog("logs.z", null, List.of(new PartitionLog.Range(0, 5)), null));
        ScanResult result = new ScanAssembler(LagScannerSettings.fromEnv(Map.of())).result("id", Instant.EPOCH, 1,
                logs, reading, List.of(), false);

        ConsumerSummary onA = result.topics().get(0).consumers().get(0);
        assertEquals("spark-pattern", onA.consumer());
        assertEquals(Verdict.NO_COMMIT, onA.verdict());
        assertEquals(8, onA.lag(), "NO_COMMIT_POLICY=earliest: counted from the log start");
        assertEquals(0L, onA.committedBatchId());
        assertEquals(1L, onA.plannedBatchId());
        assertEquals("committed batch 0 holds no Kafka partition offset (a subscribePattern that matches no topic?)",
                onA.noCommitReason());
        assertEquals(List.of("spark-pattern", "spark-started"), result.topics().get(1).consumers().stream()
                .map(ConsumerSummary::consumer).sorted().toList());
        ConsumerSummary startedOnB = result.topics().get(1).consumers().stream()
                .filter(c -> c.consumer().equals("spark-started")).findFirst().orElseThrow();
        assertEquals(Verdict.NO_COMMIT, startedOnB.verdict());
        assertEquals(2, startedOnB.noCommitPartitions());
        assertTrue(startedOnB.noCommitReason().startsWith("no batch yet: the query started (metadata)"),
                startedOnB.noCommitReason());
        assertEquals(Verdict.NO_CONSUMER, result.topics().get(2).verdict(), "not configured for logs.z");
        assertEquals(null, result.topics().get(2).consumers());
    }
}
