package io.logwise.kafka.lag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logwise.kafka.lag.Action.Kind;
import io.logwise.kafka.scan.ConsumerSummary;
import io.logwise.kafka.scan.TopicSummary;
import io.logwise.kafka.scan.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActionPlannerTest {

    private static ConsumerSummary consumer(String name, Verdict verdict, int lagging, long avg, int noCommit,
                                            long lost) {
        return new ConsumerSummary(name, "group", verdict, avg * lagging, avg, lagging, avg, noCommit, lost, null,
                null, null, null, null);
    }

    private static TopicSummary topic(Verdict verdict, ConsumerSummary... consumers) {
        List<ConsumerSummary> list = List.of(consumers);
        return new TopicSummary("logs.a", 6, verdict == Verdict.UNKNOWN ? 1 : 0, verdict, 3_600_000L, 50_000, null,
                list.isEmpty() ? null : list.get(0), list.isEmpty() ? null : list, null);
    }

    @Test
    void laggingConsumersAskForScaling() {
        assertEquals(List.of(new Action("logs.a", Kind.SCALE, "spark-a: 2 of 6 partitions over 50000 (average lag 80000)")),
                ActionPlanner.actionsFor(topic(Verdict.LAGGING, consumer("spark-a", Verdict.LAGGING, 2, 80_000, 0, 0),
                        consumer("debug", Verdict.OK, 0, 0, 0, 0))));
    }

    @Test
    void lostRecordsAskToProtectRetentionAndLaggingLossAlsoToScale() {
        assertEquals(List.of(
                        new Action("logs.a", Kind.SCALE, "spark-a: 1 of 6 partitions over 50000 (average lag 90000)"),
                        new Action("logs.a", Kind.PROTECT_RETENTION,
                                "spark-a: 1200 records deleted by retention before they were read")),
                ActionPlanner.actionsFor(topic(Verdict.DATA_LOST,
                        consumer("spark-a", Verdict.DATA_LOST, 1, 90_000, 0, 1200))));
    }

    @Test
    void missingCommitsAndAbsentConsumersAreForAPersonToInvestigate() {
        assertEquals(List.of(new Action("logs.a", Kind.INVESTIGATE,
                        "spark-a: expected consumer with no committed offset on any partition; "
                                + "b: no committed offset on 2 of 6 partitions; and 1 more consumers")),
                ActionPlanner.actionsFor(topic(Verdict.NO_COMMIT,
                        consumer("spark-a", Verdict.NO_CONSUMER, 0, 0, 6, 0),
                        consumer("b", Verdict.NO_COMMIT, 0, 0, 2, 0),
                        consumer("c", Verdict.NO_COMMIT, 0, 0, 1, 0))));
        assertEquals(List.of(new Action("logs.a", Kind.INVESTIGATE,
                        "nobody reads this topic: no consumer group has committed offsets on it")),
                ActionPlanner.actionsFor(topic(Verdict.NO_CONSUMER)));
    }

    @Test
    void noActionOnWhatWasNotMeasuredNorOnHealthyTopics() {
        assertEquals(List.of(), ActionPlanner.actionsFor(topic(Verdict.UNKNOWN,
                consumer("spark-a", Verdict.UNKNOWN, 3, 90_000, 0, 500))));
        assertEquals(List.of(), ActionPlanner.actionsFor(topic(Verdict.OK, consumer("a", Verdict.OK, 0, 0, 0, 0))));
    }
}
