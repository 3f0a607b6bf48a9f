package io.logwise.kafka.lag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.scan.ConsumerSummary;
import io.logwise.kafka.scan.ScanResult;
import io.logwise.kafka.scan.TopicSummary;
import io.logwise.kafka.scan.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScanAssemblerTest {

    private static final LagScannerSettings SETTINGS = LagScannerSettings.fromEnv(Map.of(
            "LAG_EXPECTED_CONSUMERS", "logs.unread=spark-unread", "MAX_LAG_PER_PARTITION", "100",
            "MAX_LAG_PER_PARTITION_OVERRIDES", "logs.busy=1000"));

    private static TopicLog log(String topic, long... ends) {
        return new TopicLog(topic, 86_400_000L, java.util.Arrays.stream(ends)
                .mapToObj(end -> (PartitionLog) new PartitionLog.Range(0, end)).toList(), null);
    }

    private static ConsumerPositions.Read group(String name, Map<String, long[]> committed) {
        return new ConsumerPositions.Read(name, "group", committed);
    }

    @Test
    void consumersAreReportedWhereTheyCommittedOrAreExpected() {
        List<TopicLog> logs = List.of(log("logs.busy", 5000, 5000), log("logs.unread", 10), log("logs.orphan", 3));
        PositionsReading positions = new PositionsReading(List.of(
                group("fast", Map.of("logs.busy", new long[] {5000, 4990})),
                group("slow", Map.of("logs.busy", new long[] {1000, 4000})),
                group("spark-unread", Map.of())), true, List.of());
        ScanResult result = new ScanAssembler(SETTINGS).result("id", Instant.EPOCH, 5, logs, positions, List.of(), false);

        TopicSummary busy = topic(result, "logs.busy");
        assertEquals(Verdict.LAGGING, busy.verdict());
        assertEquals(1000, busy.maxLagPerPartition());
        assertEquals("slow", busy.worst().consumer());
        assertEquals(5000, busy.worst().lag());
        assertEquals(List.of("slow", "fast"), busy.consumers().stream().map(ConsumerSummary::consumer).toList());

        TopicSummary unread = topic(result, "logs.unread");
        assertEquals(Verdict.NO_CONSUMER, unread.verdict());
        assertEquals("spark-unread", unread.worst().consumer());
        assertEquals(10, unread.worst().lag());

        TopicSummary orphan = topic(result, "logs.orphan");
        assertEquals(Verdict.NO_CONSUMER, orphan.verdict());
        assertNull(orphan.worst());

        assertFalse(result.partial());
        assertEquals(3, result.topicCount());
        assertEquals(4, result.partitionCount());
        assertEquals(Map.of(Verdict.LAGGING, 1, Verdict.NO_CONSUMER, 2), result.verdictCounts());
        assertEquals(List.of(Action.Kind.SCALE, Action.Kind.INVESTIGATE, Action.Kind.INVESTIGATE),
                ActionPlanner.actionsFor(result).stream().map(Action::kind).toList());
    }

    @Test
    void withoutAFullListOfConsumersNobodyReadingCannotBeConcluded() {
        List<TopicLog> logs = List.of(log("logs.orphan", 3), log("logs.read", 3));
        PositionsReading incomplete = new PositionsReading(List.of(
                group("g", Map.of("logs.read", new long[] {3})),
                new ConsumerPositions.Unreadable("h", "group", "coordinator not available")), false,
                List.of("group h: committed offsets not read"));
        ScanResult result = new ScanAssembler(SETTINGS).result("id", Instant.EPOCH, 5, logs, incomplete, List.of(),
                false);
        assertEquals(Verdict.UNKNOWN, topic(result, "logs.orphan").verdict());
        assertEquals(Verdict.OK, topic(result, "logs.read").verdict());
        assertTrue(result.partial());
        assertTrue(ActionPlanner.actionsFor(result).isEmpty(), "no action on an UNKNOWN topic");
        assertEquals(List.of("group h: committed offsets not read"), result.problems());
    }

    @Test
    void anUnreadableExpectedConsumerMakesItsTopicUnknown() {
        PositionsReading positions = new PositionsReading(List.of(
                new ConsumerPositions.Unreadable("spark-unread", "group", "timeout")), false, List.of());
        ScanResult result = new ScanAssembler(SETTINGS).result("id", Instant.EPOCH, 5, List.of(log("logs.unread", 9)),
                positions, List.of(), false);
        assertEquals(Verdict.UNKNOWN, result.topics().get(0).verdict());
    }

    @Test
    void unmeasuredPartitionsAndUndescribedTopicsArePartialWithOneProblemLineEach() {
        TopicLog partly = new TopicLog("logs.p", null, List.of(new PartitionLog.Range(0, 5),
                new PartitionLog.Unreadable("TimeoutException: timed out"), new PartitionLog.Range(0, 5),
                new PartitionLog.Unreadable("TimeoutException: timed out")), null);
        TopicLog undescribed = TopicLog.undescribed("logs.gone", "UnknownTopicOrPartitionException: deleted");
        PositionsReading positions = new PositionsReading(List.of(group("g", Map.of("logs.p", new long[] {5, 1, 5, 1}))),
                true, List.of());
        ScanResult result = new ScanAssembler(SETTINGS).result("id", Instant.EPOCH, 5, List.of(partly, undescribed),
                positions, List.of("topic logs.x: no such topic"), true);
        assertTrue(result.partial());
        assertTrue(result.narrowed());
        TopicSummary p = topic(result, "logs.p");
        assertEquals(Verdict.UNKNOWN, p.verdict());
        assertEquals(2, p.unknownPartitions());
        assertEquals(0, p.worst().lag(), "measured partitions only: both are caught up");
        assertEquals(Verdict.UNKNOWN, p.worst().verdict());
        TopicSummary gone = topic(result, "logs.gone");
        assertEquals(Verdict.UNKNOWN, gone.verdict());
        assertNull(gone.consumers());
        assertEquals(List.of("topic logs.x: no such topic",
                "logs.p: partitions 1, 3 not measured (UNKNOWN): TimeoutException: timed out",
                "logs.gone: not described: UnknownTopicOrPartitionException: deleted"), result.problems());
    }

    private static TopicSummary topic(ScanResult result, String name) {
        return result.topics().stream().filter(t -> t.topic().equals(name)).findFirst().orElseThrow();
    }
}
