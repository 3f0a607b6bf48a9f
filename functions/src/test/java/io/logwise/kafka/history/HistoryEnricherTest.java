package io.logwise.kafka.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.lag.Action;
import io.logwise.kafka.lag.ActionPlanner;
import io.logwise.kafka.lag.ConsumerPositions;
import io.logwise.kafka.lag.LagScannerSettings;
import io.logwise.kafka.lag.PartitionLog;
import io.logwise.kafka.lag.PositionsReading;
import io.logwise.kafka.lag.ScanAssembler;
import io.logwise.kafka.lag.TopicLog;
import io.logwise.kafka.scan.ConsumerSummary;
import io.logwise.kafka.scan.ScanResult;
import io.logwise.kafka.scan.TopicSummary;
import io.logwise.kafka.scan.Verdict;
import io.logwise.kafka.state.ConsumerKey;
import io.logwise.kafka.state.ScanSnapshot;
import io.logwise.kafka.state.TopicOffsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HistoryEnricherTest {

    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    private static final String TOPIC = "logs.a";

    /** One partition, one consumer "c", scans at the given seconds; the last scan is the current one. */
    record Scans(long[] seconds, long[] ends, long[] positions, Long retentionMs, long maxLag) {

        ScanResult enriched() {
            return new HistoryEnricher(HistorySettings.DEFAULTS).enrich(current(), snapshots());
        }

        ScanResult current() {
            int last = seconds.length - 1;
            return new ScanAssembler(settings()).result("scan-" + last, time(last), 10, logs(last), positions(last),
                    List.of(), false);
        }

        List<ScanSnapshot> snapshots() {
            List<ScanSnapshot> snapshots = new ArrayList<>();
            for (int i = 0; i < seconds.length; i++) {
                snapshots.add(ScanSnapshots.of("scan-" + i, time(i), logs(i), positions(i)));
            }
            return snapshots;
        }

        private LagScannerSettings settings() {
            return LagScannerSettings.fromEnv(Map.of("MAX_LAG_PER_PARTITION", Long.toString(maxLag)));
        }

        private Instant time(int i) {
            return T0.plusSeconds(seconds[i]);
        }

        private List<TopicLog> logs(int i) {
            return List.of(new TopicLog(TOPIC, retentionMs, List.of(new PartitionLog.Range(0, ends[i])), null));
        }

        private PositionsReading positions(int i) {
            return new PositionsReading(List.of(new ConsumerPositions.Read("c", "group",
                    Map.of(TOPIC, new long[] {positions[i]}))), true, List.of());
        }
    }

    private static long[] l(long... values) {
        return values;
    }

    static Stream<Arguments> cases() {
        long big = 1_000_000;
        return Stream.of(
                // name, scans, ingest, consume, time lag, time to drain, drainsNever, verdict
                Arguments.of("first scan: unknown", new Scans(l(0), l(6000), l(3000), null, big),
                        null, null, null, null, null, Verdict.OK),
                Arguments.of("slower than ingestion: never drains", new Scans(l(0, 60), l(0, 6000), l(0, 3000), null,
                        big), 100.0, 50.0, 30.0, null, true, Verdict.OK),
                Arguments.of("faster than ingestion: drains", new Scans(l(0, 60), l(6000, 12000), l(0, 9000), null,
                        big), 100.0, 150.0, 30.0, 60.0, false, Verdict.OK),
                Arguments.of("caught up: nothing to drain", new Scans(l(0, 60), l(0, 6000), l(0, 6000), null, big),
                        100.0, 100.0, 0.0, 0.0, false, Verdict.OK),
                Arguments.of("gap between scans: unknown", new Scans(l(0, 600), l(0, 6000), l(0, 3000), null, big),
                        null, null, null, null, null, Verdict.OK),
                Arguments.of("offsets went backwards (re-created topic): unknown", new Scans(l(0, 60),
                        l(9000, 100), l(9000, 50), null, big), null, null, null, null, null, Verdict.OK),
                Arguments.of("position unchanged with lag: STALLED", new Scans(l(0, 60, 120, 180),
                        l(0, 600, 1200, 1800), l(100, 100, 100, 100), null, big), 10.0, 0.0, 170.0, null, true,
                        Verdict.STALLED),
                Arguments.of("lag grew at each scan: FALLING_BEHIND", new Scans(l(0, 60, 120, 180),
                        l(0, 600, 1200, 1800), l(0, 500, 1000, 1500), null, big), 10.0, 500.0 / 60, 30.0, null, true,
                        Verdict.FALLING_BEHIND),
                Arguments.of("time lag above half of retention.ms: AT_RISK", new Scans(l(0, 60, 120),
                        l(0, 6000, 12000), l(0, 3000, 6000), 100_000L, big), 100.0, 50.0, 60.0, null, true,
                        Verdict.AT_RISK),
                Arguments.of("a more severe verdict stays: LAGGING over FALLING_BEHIND", new Scans(l(0, 60, 120, 180),
                        l(0, 600, 1200, 1800), l(0, 500, 1000, 1500), null, 100), 10.0, 500.0 / 60, 30.0, null, true,
                        Verdict.LAGGING));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void figuresAndVerdicts(String name, Scans scans, Double ingest, Double consume, Double timeLag, Double toDrain,
                            Boolean drainsNever, Verdict verdict) {
        ScanResult result = scans.enriched();
        TopicSummary topic = result.topics().get(0);
        ConsumerSummary consumer = topic.consumers().get(0);
        assertClose(ingest, topic.ingestRatePerSec(), "ingest");
        assertClose(consume, consumer.consumeRatePerSec(), "consume");
        assertClose(timeLag, consumer.timeLagSeconds(), "time lag");
        assertClose(toDrain, consumer.timeToDrainSeconds(), "time to drain");
        assertEquals(drainsNever, consumer.drainsNever(), "drains never");
        assertEquals(timeLag == null ? null : Math.round(timeLag * 1000), consumer.oldestUnreadAgeMs());
        assertEquals(verdict, consumer.verdict());
        assertEquals(verdict, topic.verdict(), "the topic takes its worst consumer's verdict");
        assertEquals(consumer, topic.worst());
        assertEquals(Map.of(verdict, 1), result.verdictCounts());
    }

    @Test
    void atRiskAsksToProtectRetention() {
        ScanResult result = new Scans(l(0, 60, 120), l(0, 6000, 12000), l(0, 3000, 6000), 100_000L, 1_000_000)
                .enriched();
        assertEquals(List.of(Action.Kind.PROTECT_RETENTION), ActionPlanner.actionsFor(result).stream().map(Action::kind).toList());
        assertTrue(ActionPlanner.actionsFor(result).get(0).reason().contains("time lag 60 s"), ActionPlanner.actionsFor(result).get(0).reason());
    }

    @Test
    void theWorstConsumerIsChosenAgainAfterATrendVerdict() {
        Scans scans = new Scans(l(0, 60, 120, 180), l(0, 600, 1200, 1800), l(100, 100, 100, 100), null, 1_000_000);
        List<ScanSnapshot> snapshots = new ArrayList<>();
        List<TopicLog> logs = null;
        PositionsReading positions = null;
        for (int i = 0; i < 4; i++) {
            logs = List.of(new TopicLog(TOPIC, null, List.of(new PartitionLog.Range(0, scans.ends()[i])), null));
            // "b" keeps up, "c" is stuck at 100: only the history tells that "c" is the one to look at.
            positions = new PositionsReading(List.of(
                    new ConsumerPositions.Read("b", "group", Map.of(TOPIC, new long[] {scans.ends()[i]})),
                    new ConsumerPositions.Read("c", "group", Map.of(TOPIC, new long[] {100}))), true, List.of());
            snapshots.add(ScanSnapshots.of("s" + i, T0.plusSeconds(60L * i), logs, positions));
        }
        ScanResult current = new ScanAssembler(LagScannerSettings.fromEnv(Map.of())).result("s3",
                T0.plusSeconds(180), 1, logs, positions, List.of(), false);
        ScanResult result = new HistoryEnricher(HistorySettings.DEFAULTS).enrich(current, snapshots);
        TopicSummary topic = result.topics().get(0);
        assertEquals(Verdict.STALLED, topic.verdict());
        assertEquals("c", topic.worst().consumer());
        assertEquals(List.of("c", "b"), topic.consumers().stream().map(ConsumerSummary::consumer).toList());
        assertEquals(Verdict.OK, topic.consumers().get(1).verdict());
        assertEquals(List.of(Action.Kind.INVESTIGATE), ActionPlanner.actionsFor(result).stream().map(Action::kind).toList());
    }

    /**
     * A Kafka group and a Spark checkpoint source may share a name (a query named like a group): each keeps its own
     * history. The group "etl" is stuck at 100, the Spark query "etl" keeps up; only the group is STALLED.
     */
    @Test
    void aGroupAndASparkCheckpointOfTheSameNameKeepTheirOwnHistory() {
        List<ScanSnapshot> snapshots = new ArrayList<>();
        List<TopicLog> logs = null;
        PositionsReading positions = null;
        for (int i = 0; i < 4; i++) {
            long end = 600L * i + 100;
            logs = List.of(new TopicLog(TOPIC, null, List.of(new PartitionLog.Range(0, end)), null));
            positions = new PositionsReading(List.of(
                    new ConsumerPositions.Read("etl", "group", Map.of(TOPIC, new long[] {100})),
                    new ConsumerPositions.Read("etl", "spark-checkpoint", Map.of(TOPIC, new long[] {end}))),
                    true, List.of());
            snapshots.add(ScanSnapshots.of("s" + i, T0.plusSeconds(60L * i), logs, positions));
        }
        ScanResult current = new ScanAssembler(LagScannerSettings.fromEnv(Map.of())).result("s3",
                T0.plusSeconds(180), 1, logs, positions, List.of(), false);
        List<ConsumerSummary> consumers = new HistoryEnricher(HistorySettings.DEFAULTS).enrich(current, snapshots)
                .topics().get(0).consumers();

        ConsumerSummary group = consumers.stream().filter(c -> c.source().equals("group")).findFirst().orElseThrow();
        ConsumerSummary spark = consumers.stream().filter(c -> c.source().equals("spark-checkpoint")).findFirst()
                .orElseThrow();
        assertEquals(Verdict.STALLED, group.verdict());
        assertClose(0.0, group.consumeRatePerSec(), "the group's consume rate");
        assertEquals(Verdict.OK, spark.verdict());
        assertClose(10.0, spark.consumeRatePerSec(), "the Spark query's consume rate");
        assertClose(0.0, spark.timeLagSeconds(), "the Spark query's time lag");
    }

    /** Snapshots stored before kinds were recorded (the state topic holds them after an upgrade) still count. */
    @Test
    void snapshotsStoredWithoutKindsStillGiveTheHistory() {
        List<ScanSnapshot> history = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            history.add(storedWithoutKinds(i, 600L * i, Map.of("c", 500L * i)));
        }
        List<TopicLog> logs = List.of(new TopicLog(TOPIC, null, List.of(new PartitionLog.Range(0, 1800)), null));
        PositionsReading positions = new PositionsReading(List.of(new ConsumerPositions.Read("c", "group",
                Map.of(TOPIC, new long[] {1500}))), true, List.of());
        history.add(ScanSnapshots.of("s3", T0.plusSeconds(180), logs, positions));
        ScanResult current = new ScanAssembler(LagScannerSettings.fromEnv(Map.of())).result("s3",
                T0.plusSeconds(180), 1, logs, positions, List.of(), false);

        ConsumerSummary consumer = new HistoryEnricher(HistorySettings.DEFAULTS).enrich(current, history).topics()
                .get(0).consumers().get(0);

        assertClose(500.0 / 60, consumer.consumeRatePerSec(), "consume rate over the old and the new snapshots");
        assertEquals(Verdict.FALLING_BEHIND, consumer.verdict());
    }

    /** A snapshot stored without kinds cannot say whose position it holds when a group and a query share a name. */
    @Test
    void snapshotsStoredWithoutKindsAreNotUsedForANameBothKindsHave() {
        List<ScanSnapshot> history = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            history.add(storedWithoutKinds(i, 600L * i + 100, Map.of("etl", 100L)));
        }
        List<TopicLog> logs = List.of(new TopicLog(TOPIC, null, List.of(new PartitionLog.Range(0, 1900)), null));
        PositionsReading positions = new PositionsReading(List.of(
                new ConsumerPositions.Read("etl", "group", Map.of(TOPIC, new long[] {100})),
                new ConsumerPositions.Read("etl", "spark-checkpoint", Map.of(TOPIC, new long[] {1900}))),
                true, List.of());
        history.add(ScanSnapshots.of("s3", T0.plusSeconds(180), logs, positions));
        ScanResult current = new ScanAssembler(LagScannerSettings.fromEnv(Map.of())).result("s3",
                T0.plusSeconds(180), 1, logs, positions, List.of(), false);

        TopicSummary topic = new HistoryEnricher(HistorySettings.DEFAULTS).enrich(current, history).topics().get(0);

        assertEquals(2, topic.consumers().size());
        for (ConsumerSummary consumer : topic.consumers()) {
            assertNull(consumer.consumeRatePerSec(), consumer.source() + ": no rate from another's positions");
            assertEquals(Verdict.OK, consumer.verdict(), consumer.source());
        }
        assertClose(10.0, topic.ingestRatePerSec(), "the topic's own figures still use them");
    }

    /** A snapshot in the form stored before kinds were recorded: consumer names only. */
    private static ScanSnapshot storedWithoutKinds(int minute, long end, Map<String, Long> positions) {
        Map<ConsumerKey, long[]> byConsumer = new HashMap<>();
        positions.forEach((name, position) -> byConsumer.put(ConsumerKey.unrecorded(name), new long[] {position}));
        return new ScanSnapshot("old-" + minute, T0.plusSeconds(60L * minute),
                Map.of(TOPIC, TopicOffsets.of(new long[] {end}, byConsumer)));
    }

    @Test
    void anUnmeasuredPartitionLeavesTheTopicUntouched() {
        List<TopicLog> logs = List.of(new TopicLog(TOPIC, null, List.of(new PartitionLog.Range(0, 10),
                new PartitionLog.Unreadable("down")), null));
        PositionsReading positions = new PositionsReading(List.of(new ConsumerPositions.Read("c", "group",
                Map.of(TOPIC, new long[] {5, 5}))), true, List.of());
        ScanResult current = new ScanAssembler(LagScannerSettings.fromEnv(Map.of())).result("s1",
                T0.plusSeconds(60), 1, logs, positions, List.of(), false);
        List<ScanSnapshot> history = List.of(ScanSnapshots.of("s0", T0, List.of(new TopicLog(TOPIC, null,
                List.of(new PartitionLog.Range(0, 5), new PartitionLog.Range(0, 5)), null)), positions),
                ScanSnapshots.of("s1", T0.plusSeconds(60), logs, positions));
        ScanResult result = new HistoryEnricher(HistorySettings.DEFAULTS).enrich(current, history);
        assertEquals(current.topics(), result.topics());
        assertNull(result.topics().get(0).ingestRatePerSec());
    }

    @Test
    void aProblemIsAddedWithoutTouchingFigures() {
        ScanResult current = new Scans(l(0), l(10), l(5), null, 1_000_000).current();
        ScanResult noted = HistoryEnricher.withProblem(current, "scan history: not read");
        assertEquals(List.of("scan history: not read"), noted.problems());
        assertEquals(current.topics(), noted.topics());
        assertEquals(current.partial(), noted.partial());
    }

    private static void assertClose(Double expected, Double actual, String what) {
        if (expected == null) {
            assertNull(actual, what + " unknown");
        } else {
            assertTrue(actual != null && Math.abs(expected - actual) < 1e-6, what + ": expected " + expected
                    + ", was " + actual);
        }
    }
}
