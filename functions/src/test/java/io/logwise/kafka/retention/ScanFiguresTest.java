package io.logwise.kafka.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logwise.kafka.scan.ConsumerSummary;
import io.logwise.kafka.scan.TopicSummary;
import io.logwise.kafka.scan.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScanFiguresTest {

    private static final Instant SCANNED = Instant.parse("2026-11-25T09:00:00Z");

    private static ConsumerSummary consumer(long lag, Double timeLagSeconds, Long oldestUnreadAgeMs) {
        return new ConsumerSummary("spark", "group", Verdict.OK, lag, lag, 0, 0, 0, 0, null, timeLagSeconds, null,
                oldestUnreadAgeMs);
    }

    private static TopicSummary topic(Verdict verdict, int unknownPartitions, ConsumerSummary... consumers) {
        return new TopicSummary("logs.a", 2, unknownPartitions, verdict, 3_600_000L, 50_000, null,
                consumers.length == 0 ? null : consumers[0], Arrays.asList(consumers), null);
    }

    @Test
    void verdictsMapToLagStatesAndAnIncompleteMeasurementIsUnknown() {
        Map<Verdict, LagState> expected = Map.of(Verdict.AT_RISK, LagState.AT_RISK,
                Verdict.DATA_LOST, LagState.AT_RISK, Verdict.LAGGING, LagState.LAGGING,
                Verdict.FALLING_BEHIND, LagState.LAGGING, Verdict.STALLED, LagState.LAGGING,
                Verdict.NO_COMMIT, LagState.LAGGING, Verdict.NEW_PARTITIONS_UNREAD, LagState.LAGGING,
                Verdict.OK, LagState.OK,
                Verdict.NO_CONSUMER, LagState.UNKNOWN, Verdict.UNKNOWN, LagState.UNKNOWN);
        expected.forEach((verdict, state) -> assertEquals(state, ScanFigures.state(topic(verdict, 0)), verdict.name()));
        assertEquals(LagState.UNKNOWN, ScanFigures.state(topic(Verdict.AT_RISK, 1)));
    }

    @Test
    void timeLagIsTheLargestAgeOverConsumersPreferringTheOldestUnreadAge() {
        TopicSummary summary = topic(Verdict.LAGGING, 0, consumer(10, 600.0, null), consumer(10, 60.0, 1_200_000L),
                consumer(0, null, null));
        assertEquals(Optional.of(Duration.ofMinutes(20)), ScanFigures.timeLag(summary));
        assertEquals(Optional.empty(), ScanFigures.timeLag(topic(Verdict.OK, 0, consumer(0, null, null))));
    }
}
