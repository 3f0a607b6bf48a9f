package io.logwise.kafka.lag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
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
                TOPIC   PARTITIONS     MAX LAG/P  TOPIC VERDICT  CONSUMER  LAG  MAX PARTITION LAG  OVER MAX  NO COMMIT  LOST  VERDICT
                logs.a  2              100        LAGGING        spark-a   400  400                1         0          0     LAGGING
                                                                 debug     50   50                 0         1          0     NO_COMMIT
                logs.b  2 (1 unknown)  100        UNKNOWN        spark-a   5+?  5+?                0         0          0     UNKNOWN
                logs.c  1              100        NO_CONSUMER    -

                Actions:
                  SCALE logs.a: spark-a: 1 of 2 partitions over 100 (average lag 400)
                  INVESTIGATE logs.a: debug: no committed offset on 1 of 2 partitions
                  INVESTIGATE logs.c: nobody reads this topic: no consumer group has committed offsets on it

                Problems:
                  logs.b: partition 1 not measured (UNKNOWN): TimeoutException: x
                """, table);
    }
}
