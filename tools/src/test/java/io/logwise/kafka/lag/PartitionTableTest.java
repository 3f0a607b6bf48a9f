package io.logwise.kafka.lag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logwise.kafka.scan.ScanResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PartitionTableTest {

    private static String render(Map<String, String> env, List<TopicLog> logs, PositionsReading positions,
                                 boolean narrowed) {
        LagScannerSettings settings = LagScannerSettings.fromEnv(env);
        ScanResult summary = new ScanAssembler(settings).result("id", Instant.parse("2026-11-25T12:00:00Z"), 42, logs,
                positions, List.of(), narrowed);
        return PartitionTable.render(PartitionView.of(summary, logs, positions, settings.noCommitPolicy()));
    }

    @Test
    void rendersOneRowPerTopicConsumerAndPartitionWithThousandsSeparators() {
        List<TopicLog> logs = List.of(
                new TopicLog("logs.a", null, List.of(new PartitionLog.Range(0, 1_234_567),
                        new PartitionLog.Range(80_000, 100_000), new PartitionLog.Range(0, 40),
                        new PartitionLog.Unreadable("TimeoutException: x")), null),
                new TopicLog("logs.b", null, List.of(new PartitionLog.Range(5, 9)), null),
                TopicLog.undescribed("logs.c", "gone"));
        PositionsReading positions = new PositionsReading(List.of(
                new ConsumerPositions.Read("g", "group", Map.of("logs.a", new long[] {1_000_000, 30_000, -1, 7})),
                new ConsumerPositions.Read("spark-run", "spark-checkpoint", Map.of("logs.a",
                        new long[] {1_234_567, 100_000, 40}), new CheckpointProgress(12L, 13L, null, Set.of())),
                new ConsumerPositions.Read("spark-new", "spark-checkpoint", Map.of(),
                        new CheckpointProgress(null, null, "no batch yet: the query started", Set.of("logs.b")))),
                true, List.of());
        assertEquals("""
                Partition positions 2026-11-25T12:00:00Z: 3 topics, NO_COMMIT_POLICY=earliest, PARTIAL (some partitions or consumers not measured)
                TOPIC   CONSUMER   KIND   PARTITION  POSITION   LOG START  LOG END    LAG      NOTE
                logs.a  g          group  0          1,000,000  0          1,234,567  234,567
                logs.a  g          group  1          30,000     80,000     100,000    70,000   below log start: 50,000 lost
                logs.a  g          group  2          -          0          40         40       no commit: lag counted from log start
                logs.a  g          group  3          7          ?          ?          ?        log not measured: TimeoutException: x
                logs.a  spark-run  spark  0          1,234,567  0          1,234,567  0
                logs.a  spark-run  spark  1          100,000    80,000     100,000    0
                logs.a  spark-run  spark  2          40         0          40         0
                logs.a  spark-run  spark  3          -          ?          ?          ?        log not measured: TimeoutException: x
                logs.b  spark-new  spark  0          -          5          9          4        no commit: lag counted from log start
                logs.c  -                 -                                                    topic not described: gone

                Spark checkpoints:
                  spark-run: batch 12 committed (13 planned)
                  spark-new: no batch committed; no position: no batch yet: the query started

                Problems:
                  logs.a: partition 3 not measured (UNKNOWN): TimeoutException: x
                  logs.c: not described: gone
                """, render(Map.of(), logs, positions, false));
    }

    @Test
    void aTopicNobodyReadsShowsItsLogsAndTheIgnorePolicyLeavesLagOut() {
        List<TopicLog> logs = List.of(new TopicLog("logs.a", null, List.of(new PartitionLog.Range(0, 2_000),
                new PartitionLog.Range(0, 10)), null),
                new TopicLog("logs.b", null, List.of(new PartitionLog.Range(1_500, 2_500)), null));
        PositionsReading positions = new PositionsReading(List.of(
                new ConsumerPositions.Read("g", "group", Map.of("logs.a", new long[] {1_999}))), true, List.of());
        assertEquals("""
                Partition positions 2026-11-25T12:00:00Z: 2 topics, NO_COMMIT_POLICY=ignore, narrowed by request
                TOPIC   CONSUMER  KIND   PARTITION  POSITION  LOG START  LOG END  LAG  NOTE
                logs.a  g         group  0          1,999     0          2,000    1
                logs.a  g         group  1          -         0          10       -    no commit: not counted (NO_COMMIT_POLICY=ignore)
                logs.b  -                0                    1,500      2,500         no consumer
                """, render(Map.of("NO_COMMIT_POLICY", "ignore"), logs, positions, true));
    }
}
