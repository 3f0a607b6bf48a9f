package io.logwise.kafka.lag;

import static io.logwise.kafka.lag.NoCommitPolicy.EARLIEST;
import static io.logwise.kafka.lag.NoCommitPolicy.IGNORE;
import static io.logwise.kafka.scan.Verdict.DATA_LOST;
import static io.logwise.kafka.scan.Verdict.LAGGING;
import static io.logwise.kafka.scan.Verdict.NO_COMMIT;
import static io.logwise.kafka.scan.Verdict.NO_CONSUMER;
import static io.logwise.kafka.scan.Verdict.OK;
import static io.logwise.kafka.scan.Verdict.UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.logwise.kafka.scan.ConsumerSummary;
import io.logwise.kafka.scan.TopicSummary;
import io.logwise.kafka.scan.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The evaluator's correctness table (after Burrow's evaluator tests): offsets in, verdict and figures out. Lag is
 * log end minus committed, as ConsumerGroupCommand's LAG column.
 */
class LagEvaluatorTest {

    /** Expected: verdict, lag, max partition lag, lagging partitions, avg lag of lagging, no-commit, lost. */
    record Expected(Verdict verdict, long lag, long max, int lagging, long avgLagging, int noCommit, long lost) {
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                row("caught up everywhere", EARLIEST, 50, List.of(c(0, 100, 100), c(0, 7, 7)),
                        new Expected(OK, 0, 0, 0, 0, 0, 0)),
                row("lag below the threshold", EARLIEST, 50, List.of(c(0, 100, 60), c(0, 100, 100)),
                        new Expected(OK, 40, 40, 0, 0, 0, 0)),
                row("lag exactly at the threshold is not over it", EARLIEST, 40, List.of(c(0, 100, 60)),
                        new Expected(OK, 40, 40, 0, 0, 0, 0)),
                row("one partition over the threshold", EARLIEST, 50, List.of(c(0, 200, 100), c(0, 100, 90)),
                        new Expected(LAGGING, 110, 100, 1, 100, 0, 0)),
                row("average over the lagging partitions only", EARLIEST, 50,
                        List.of(c(0, 200, 100), c(0, 300, 100), c(0, 100, 90)),
                        new Expected(LAGGING, 310, 200, 2, 150, 0, 0)),
                row("average rounds half up", EARLIEST, 50, List.of(c(0, 51, 0), c(0, 52, 0)),
                        new Expected(LAGGING, 103, 52, 2, 52, 0, 0)),
                row("no commit on one partition, counted from log start", EARLIEST, 50,
                        List.of(c(0, 100, 100), nc(10, 30)), new Expected(NO_COMMIT, 20, 20, 0, 0, 1, 0)),
                row("no commit counted from log start can make a consumer lag", EARLIEST, 50,
                        List.of(c(0, 10, 10), nc(0, 100)), new Expected(LAGGING, 100, 100, 1, 100, 1, 0)),
                row("no commit ignored: never lag, still reported", IGNORE, 50,
                        List.of(c(0, 10, 10), nc(0, 100)), new Expected(NO_COMMIT, 0, 0, 0, 0, 1, 0)),
                row("never committed anywhere: nobody reads it (earliest)", EARLIEST, 50, List.of(nc(0, 100), nc(5, 8)),
                        new Expected(NO_CONSUMER, 103, 100, 1, 100, 2, 0)),
                row("never committed anywhere: nobody reads it (ignore)", IGNORE, 50, List.of(nc(0, 100), nc(5, 8)),
                        new Expected(NO_CONSUMER, 0, 0, 0, 0, 2, 0)),
                row("committed below log start: records lost, lag as ConsumerGroupCommand", EARLIEST, 50,
                        List.of(c(150, 200, 100), c(0, 10, 10)), new Expected(DATA_LOST, 100, 100, 1, 100, 0, 50)),
                row("data lost is reported even with a small lag", EARLIEST, 1000, List.of(c(3, 5, 1)),
                        new Expected(DATA_LOST, 4, 4, 0, 0, 0, 2)),
                row("committed exactly at log start: nothing lost", EARLIEST, 50, List.of(c(100, 150, 100)),
                        new Expected(OK, 50, 50, 0, 0, 0, 0)),
                row("unmeasured partition: UNKNOWN, figures of the measured ones", EARLIEST, 50,
                        List.of(c(0, 100, 50), unknown(1)), new Expected(UNKNOWN, 50, 50, 0, 0, 0, 0)),
                row("UNKNOWN is more severe than DATA_LOST", EARLIEST, 50, List.of(c(150, 200, 100), unknown(1)),
                        new Expected(UNKNOWN, 100, 100, 1, 100, 0, 50)),
                row("committed past the end (log truncated): no negative lag", EARLIEST, 50, List.of(c(0, 100, 120)),
                        new Expected(OK, 0, 0, 0, 0, 0, 0)),
                row("empty partition, committed at 0", EARLIEST, 50, List.of(c(0, 0, 0)),
                        new Expected(OK, 0, 0, 0, 0, 0, 0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evaluates(String description, NoCommitPolicy policy, long maxLag, List<PartitionOffsets> partitions,
                   Expected expected) {
        ConsumerSummary summary = new LagEvaluator(policy).evaluate("g", "group", partitions, maxLag);
        assertEquals(expected, new Expected(summary.verdict(), summary.lag(), summary.maxPartitionLag(),
                summary.laggingPartitions(), summary.avgLagOfLaggingPartitions(), summary.noCommitPartitions(),
                summary.lostRecords()));
        assertNull(summary.consumeRatePerSec());
        assertNull(summary.timeLagSeconds());
    }

    @Test
    void lagOfCommittedPartitionsIsEndMinusCommittedAndNeverNegative() {
        java.util.Random random = new java.util.Random(42);
        for (int round = 0; round < 500; round++) {
            List<PartitionOffsets> partitions = new ArrayList<>();
            long expected = 0;
            for (int p = 0; p < 1 + random.nextInt(20); p++) {
                long start = random.nextInt(1000);
                long end = start + random.nextInt(1_000_000);
                long committed = start + (long) (random.nextDouble() * (end - start + 1));
                partitions.add(PartitionOffsets.Measured.committed(p, start, end, committed));
                expected += end - committed;
            }
            ConsumerSummary summary = new LagEvaluator(EARLIEST).evaluate("g", "group", partitions, Long.MAX_VALUE);
            assertEquals(expected, summary.lag());
            assertEquals(OK, summary.verdict());
        }
    }

    @Test
    void topicWithoutConsumersIsNoConsumerOnlyWhenEveryConsumerWasReadable() {
        TopicLog log = new TopicLog("logs.a", 3_600_000L, List.of(new PartitionLog.Range(0, 10)), null);
        LagEvaluator evaluator = new LagEvaluator(EARLIEST);
        TopicSummary known = evaluator.evaluateTopic(log, List.of(), 50, true);
        assertEquals(NO_CONSUMER, known.verdict());
        assertNull(known.worst());
        assertEquals(3_600_000L, known.retentionMs());
        assertEquals(UNKNOWN, evaluator.evaluateTopic(log, List.of(), 50, false).verdict());
    }

    @Test
    void topicVerdictIsItsWorstConsumerAndUnknownPartitionsMakeItUnknown() {
        LagEvaluator evaluator = new LagEvaluator(EARLIEST);
        ConsumerSummary ok = evaluator.evaluate("a-ok", "group", List.of(c(0, 10, 10)), 50);
        ConsumerSummary lagging = evaluator.evaluate("b-lagging", "group", List.of(c(0, 100, 0)), 50);
        ConsumerSummary lost = evaluator.evaluate("c-lost", "group", List.of(c(5, 10, 4)), 50);
        TopicLog log = new TopicLog("logs.a", null, List.of(new PartitionLog.Range(0, 10)), null);
        TopicSummary topic = evaluator.evaluateTopic(log, List.of(ok, lagging, lost), 50, true);
        assertEquals(DATA_LOST, topic.verdict());
        assertEquals("c-lost", topic.worst().consumer());
        assertEquals(List.of("c-lost", "b-lagging", "a-ok"), topic.consumers().stream().map(ConsumerSummary::consumer)
                .toList());

        TopicLog partlyUnknown = new TopicLog("logs.a", null,
                List.of(new PartitionLog.Range(0, 10), new PartitionLog.Unreadable("broker down")), null);
        TopicSummary unknown = evaluator.evaluateTopic(partlyUnknown, List.of(ok), 50, true);
        assertEquals(UNKNOWN, unknown.verdict());
        assertEquals(1, unknown.unknownPartitions());
        assertEquals(2, unknown.partitions());
    }

    @Test
    void tiesBetweenEquallySevereConsumersGoToTheLargestLag() {
        LagEvaluator evaluator = new LagEvaluator(EARLIEST);
        ConsumerSummary small = evaluator.evaluate("a", "group", List.of(c(0, 100, 0)), 50);
        ConsumerSummary large = evaluator.evaluate("b", "group", List.of(c(0, 900, 0)), 50);
        TopicLog log = new TopicLog("logs.a", null, List.of(new PartitionLog.Range(0, 900)), null);
        assertEquals("b", evaluator.evaluateTopic(log, List.of(small, large), 50, true).worst().consumer());
    }

    @Test
    void offsetsJoinTheLogWithTheConsumersPositions() {
        TopicLog log = new TopicLog("logs.a", null, List.of(new PartitionLog.Range(0, 10),
                new PartitionLog.Unreadable("timeout"), new PartitionLog.Range(5, 20)), null);
        ConsumerPositions.Read read = new ConsumerPositions.Read("g", "group",
                Map.of("logs.a", new long[] {7, 3, ConsumerPositions.NO_COMMIT}));
        assertEquals(List.of(PartitionOffsets.Measured.committed(0, 0, 10, 7),
                new PartitionOffsets.Unknown(1, "timeout"), PartitionOffsets.Measured.noCommit(2, 5, 20)),
                LagEvaluator.offsets(log, read));
    }

    private static Arguments row(String description, NoCommitPolicy policy, long maxLag,
                                 List<PartitionOffsets> partitions, Expected expected) {
        return Arguments.of(description, policy, maxLag, numbered(partitions), expected);
    }

    private static List<PartitionOffsets> numbered(List<PartitionOffsets> partitions) {
        List<PartitionOffsets> result = new ArrayList<>();
        for (int p = 0; p < partitions.size(); p++) {
            PartitionOffsets offsets = partitions.get(p);
            result.add(offsets instanceof PartitionOffsets.Measured m
                    ? new PartitionOffsets.Measured(p, m.start(), m.end(), m.committed())
                    : new PartitionOffsets.Unknown(p, ((PartitionOffsets.Unknown) offsets).reason()));
        }
        return result;
    }

    private static PartitionOffsets c(long start, long end, long committed) {
        return PartitionOffsets.Measured.committed(0, start, end, committed);
    }

    private static PartitionOffsets nc(long start, long end) {
        return PartitionOffsets.Measured.noCommit(0, start, end);
    }

    private static PartitionOffsets unknown(int partition) {
        return new PartitionOffsets.Unknown(partition, "broker down");
    }
}
