package io.logwise.kafka.lag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logwise.kafka.history.HistoryEnricher;
import io.logwise.kafka.history.HistorySettings;
import io.logwise.kafka.history.ScanSnapshots;
import io.logwise.kafka.scan.ScanResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LagTableTest {

    @Test
    void rendersOneRowPerTopicAndConsumerThenActionsAndProblems() {
        LagScannerSettings settings = LagScannerSettings.fromEnv(Map.of("MAX_LAG_PER_PARTITION", "100"));
        List<TopicLog> logs = List.of(
                new TopicLog("logs.a", 1000L, List.of(new PartitionLog.Range(0, 500), new PartitionLog.Range(0, 50)),
                        null),
                new TopicLog("logs.b", 1000L, List.of(new PartitionLog.Range(10, 20),
                        new PartitionLog.Unreadable("TimeoutException: x")), null),
                new TopicLog("logs.c", 1000L, List.of(new PartitionLog.Range(0, 0)), null));
        PositionsReading positions = new PositionsReading(List.of(
                new ConsumerPositions.Read("spark-a", "group", Map.of("logs.a", new long[] {100, 50},
                        "logs.b", new long[] {15, 0})),
                new ConsumerPositions.Read("debug", "group", Map.of("logs.a", new long[] {500, -1}))), true, List.of());
        String table = LagTable.render(new ScanAssembler(settings).result("id", Instant.parse("2026-11-25T12:00:00Z"),
                42, logs, positions, List.of(), false));
        assertEquals("""
                Lag scan 2026-11-25T12:00:00Z: 3 topics, 5 partitions, 42 ms, PARTIAL (some partitions or consumers not measured)
                TOPIC   PARTITIONS     MAX LAG/P  TOPIC VERDICT  RATE IN/S  CONSUMER  LAG  MAX PARTITION LAG  OVER MAX  NO COMMIT  LOST  RATE OUT/S  TIME LAG  DRAIN    VERDICT
                logs.a  2              100        LAGGING        unknown    spark-a   400  400                1         0          0     unknown     unknown   unknown  LAGGING
                                                                            debug     50   50                 0         1          0     unknown     unknown   unknown  NO_COMMIT
                logs.b  2 (1 unknown)  100        UNKNOWN        unknown    spark-a   5+?  5+?                0         0          0     unknown     unknown   unknown  UNKNOWN
                logs.c  1              100        NO_CONSUMER    unknown    -

                Actions:
                  SCALE logs.a: spark-a: 1 of 2 partitions over 100 (average lag 400)
                  INVESTIGATE logs.a: debug: no committed offset on 1 of 2 partitions
                  INVESTIGATE logs.c: nobody reads this topic: no consumer group has committed offsets on it

                Problems:
                  logs.b: partition 1 not measured (UNKNOWN): TimeoutException: x
                """, table);
    }

    @Test
    void ratesTimeLagAndDrainFromTheHistory() {
        LagScannerSettings settings = LagScannerSettings.fromEnv(Map.of("MAX_LAG_PER_PARTITION", "100000"));
        Instant t0 = Instant.parse("2026-11-25T12:00:00Z");
        List<TopicLog> before = List.of(new TopicLog("logs.a", null, List.of(new PartitionLog.Range(0, 1000)), null));
        List<TopicLog> now = List.of(new TopicLog("logs.a", null, List.of(new PartitionLog.Range(0, 7000)), null));
        PositionsReading positionsBefore = new PositionsReading(List.of(
                new ConsumerPositions.Read("slow", "group", Map.of("logs.a", new long[] {0})),
                new ConsumerPositions.Read("fast", "group", Map.of("logs.a", new long[] {0}))), true, List.of());
        PositionsReading positionsNow = new PositionsReading(List.of(
                new ConsumerPositions.Read("slow", "group", Map.of("logs.a", new long[] {3000})),
                new ConsumerPositions.Read("fast", "group", Map.of("logs.a", new long[] {6900}))), true, List.of());
        ScanResult current = new ScanAssembler(settings).result("id", t0.plusSeconds(60), 42, now, positionsNow,
                List.of(), false);
        ScanResult result = new HistoryEnricher(HistorySettings.DEFAULTS).enrich(current, List.of(
                ScanSnapshots.of("s0", t0, before, positionsBefore), ScanSnapshots.of("id", t0.plusSeconds(60), now,
                        positionsNow)));
        String table = LagTable.render(result);
        assertEquals("""
                Lag scan 2026-11-25T12:01:00Z: 1 topics, 1 partitions, 42 ms
                TOPIC   PARTITIONS  MAX LAG/P  TOPIC VERDICT  RATE IN/S  CONSUMER  LAG   MAX PARTITION LAG  OVER MAX  NO COMMIT  LOST  RATE OUT/S  TIME LAG  DRAIN  VERDICT
                logs.a  1           100000     OK             100.0      slow      4000  4000               0         0          0     50.0        40s       never  OK
                                                                         fast      100   100                0         0          0     115.0       1s        7s     OK
                """, table);
    }

    @Test
    void sparkCheckpointsShowTheirBatchesAndWhyTheyHaveNoPosition() {
        LagScannerSettings settings = LagScannerSettings.fromEnv(Map.of("MAX_LAG_PER_PARTITION", "100"));
        List<TopicLog> logs = List.of(new TopicLog("logs.a", null, List.of(new PartitionLog.Range(0, 50)), null));
        PositionsReading positions = new PositionsReading(List.of(
                new ConsumerPositions.Read("spark-run", "spark-checkpoint", Map.of("logs.a", new long[] {40}),
                        new CheckpointProgress(12L, 13L, null, Set.of())),
                new ConsumerPositions.Read("spark-new", "spark-checkpoint", Map.of(),
                        new CheckpointProgress(null, null, "no batch yet: the query started", Set.of("logs.a"))),
                new ConsumerPositions.Read("group-a", "group", Map.of("logs.a", new long[] {50}))), true, List.of());
        String table = LagTable.render(new ScanAssembler(settings).result("id", Instant.parse("2026-11-25T12:00:00Z"),
                42, logs, positions, List.of(), false));
        assertEquals("""
                Lag scan 2026-11-25T12:00:00Z: 1 topics, 1 partitions, 42 ms
                TOPIC   PARTITIONS  MAX LAG/P  TOPIC VERDICT  RATE IN/S  CONSUMER   BATCH            LAG  MAX PARTITION LAG  OVER MAX  NO COMMIT  LOST  RATE OUT/S  TIME LAG  DRAIN    VERDICT
                logs.a  1           100        NO_COMMIT      unknown    spark-new  -                50   50                 0         1          0     unknown     unknown   unknown  NO_COMMIT
                                                                         spark-run  12 (13 planned)  10   10                 0         0          0     unknown     unknown   unknown  OK
                                                                         group-a                     0    0                  0         0          0     unknown     unknown   unknown  OK

                Spark checkpoints without a position:
                  spark-new: no batch yet: the query started

                Actions:
                  INVESTIGATE logs.a: spark-new: no committed offset on 1 of 1 partitions
                """, table);
    }

    @Test
    void checkpointBatchIdsSurviveTheHistoryFigures() {
        LagScannerSettings settings = LagScannerSettings.fromEnv(Map.of());
        Instant t0 = Instant.parse("2026-11-25T12:00:00Z");
        List<TopicLog> before = List.of(new TopicLog("logs.a", null, List.of(new PartitionLog.Range(0, 100)), null));
        List<TopicLog> now = List.of(new TopicLog("logs.a", null, List.of(new PartitionLog.Range(0, 700)), null));
        PositionsReading positionsBefore = new PositionsReading(List.of(new ConsumerPositions.Read("spark-run",
                "spark-checkpoint", Map.of("logs.a", new long[] {0}), new CheckpointProgress(3L, null, null,
                Set.of()))), true, List.of());
        PositionsReading positionsNow = new PositionsReading(List.of(new ConsumerPositions.Read("spark-run",
                "spark-checkpoint", Map.of("logs.a", new long[] {600}), new CheckpointProgress(9L, 10L, null,
                Set.of()))), true, List.of());
        ScanResult current = new ScanAssembler(settings).result("id", t0.plusSeconds(60), 42, now, positionsNow,
                List.of(), false);
        ScanResult result = new HistoryEnricher(HistorySettings.DEFAULTS).enrich(current, List.of(
                ScanSnapshots.of("s0", t0, before, positionsBefore), ScanSnapshots.of("id", t0.plusSeconds(60), now,
                        positionsNow)));

        io.logwise.kafka.scan.ConsumerSummary run = result.topics().get(0).consumers().get(0);
        assertEquals(10.0, run.consumeRatePerSec(), "the history figures were added");
        assertEquals(9L, run.committedBatchId());
        assertEquals(10L, run.plannedBatchId());
    }
}
