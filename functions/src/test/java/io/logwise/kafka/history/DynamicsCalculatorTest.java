package io.logwise.kafka.history;

import static io.logwise.kafka.history.OffsetHistoryTest.T0;
import static io.logwise.kafka.history.OffsetHistoryTest.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.scan.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Table-style cases: a partition written at a steady rate, read by a consumer at another. */
class DynamicsCalculatorTest {

    private final DynamicsCalculator calculator = new DynamicsCalculator(HistorySettings.DEFAULTS);

    /** {@code scans} scans a minute apart; end offset grows by ingestPerMinute, position by consumePerMinute. */
    private static PartitionHistory steady(int scans, long startEnd, long ingestPerMinute, long startPosition,
                                           long consumePerMinute) {
        List<Sample> ends = new ArrayList<>();
        List<Sample> positions = new ArrayList<>();
        for (int i = 0; i < scans; i++) {
            ends.add(at(60 * i, startEnd + ingestPerMinute * i));
            positions.add(at(60 * i, Math.min(startPosition + consumePerMinute * i, startEnd + ingestPerMinute * i)));
        }
        return new PartitionHistory(0, ends, positions);
    }

    private static Instant scanTime(int scans) {
        return T0.plusSeconds(60L * (scans - 1));
    }

    @Test
    void firstScanKnowsNothing() {
        ConsumerDynamics dynamics = calculator.evaluate(List.of(steady(1, 1000, 600, 0, 0)), T0, 3_600_000L);
        assertEquals(ConsumerDynamics.UNKNOWN, dynamics);
        assertNull(dynamics.ingestRatePerSec());
        assertNull(dynamics.timeLagSeconds());
    }

    @Test
    void catchingUpConsumerHasRatesTimeLagAndTimeToDrain() {
        // Written at 10/s, read at 20/s, 6,000 behind at the start: lag 6000 - 600*4 = 3600 at the 5th scan.
        ConsumerDynamics d = calculator.evaluate(List.of(steady(5, 6000, 600, 0, 1200)), scanTime(5), 3_600_000L);
        assertEquals(10.0, d.ingestRatePerSec(), 1e-9);
        assertEquals(20.0, d.consumeRatePerSec(), 1e-9);
        assertEquals(360.0, d.timeToDrainSeconds(), 1e-9);
        assertFalse(d.drainsNever());
        // Position 4800 was the end offset 2 minutes before the first scan (6000 - 1200 at 10/s): 6 minutes ago.
        assertEquals(360.0, d.timeLagSeconds(), 1e-6);
        assertEquals(Optional.empty(), d.trend());
    }

    @Test
    void slowerConsumerNeverDrainsAndIsFallingBehind() {
        ConsumerDynamics d = calculator.evaluate(List.of(steady(5, 6000, 600, 0, 300)), scanTime(5), 86_400_000L);
        assertTrue(d.drainsNever());
        assertNull(d.timeToDrainSeconds());
        assertEquals(Optional.of(Verdict.FALLING_BEHIND), d.trend());
    }

    @Test
    void unchangedPositionWithLagIsStalled() {
        ConsumerDynamics d = calculator.evaluate(List.of(steady(5, 6000, 600, 100, 0)), scanTime(5), 86_400_000L);
        assertEquals(Optional.of(Verdict.STALLED), d.trend());
        assertEquals(0.0, d.consumeRatePerSec(), 1e-9);
    }

    @Test
    void unchangedPositionWithoutLagIsNotStalled() {
        // An idle topic fully read: nothing to consume is not a stall.
        ConsumerDynamics d = calculator.evaluate(List.of(steady(5, 500, 0, 500, 0)), scanTime(5), 86_400_000L);
        assertEquals(Optional.empty(), d.trend());
        assertEquals(0.0, d.timeToDrainSeconds(), 1e-9);
        assertEquals(0.0, d.timeLagSeconds(), 1e-9);
    }

    @Test
    void timeLagAboveTheShareOfRetentionIsAtRisk() {
        // 360 s behind with retention 600 s: above the 50 % share (300 s); with 720 s it is exactly 50 %: not yet.
        ConsumerDynamics d = calculator.evaluate(List.of(steady(5, 6000, 600, 0, 1200)), scanTime(5), 600_000L);
        assertEquals(Optional.of(Verdict.AT_RISK), d.trend());
        assertTrue(d.explanation().contains("retention.ms"), d.explanation());
        ConsumerDynamics atHalf = calculator.evaluate(List.of(steady(5, 6000, 600, 0, 1200)), scanTime(5), 720_000L);
        assertEquals(Optional.empty(), atHalf.trend());
    }

    @Test
    void theWorstPartitionSetsTheTimeLag() {
        PartitionHistory caughtUp = new PartitionHistory(1, steady(5, 100, 60, 100, 60).endOffsets(),
                steady(5, 100, 60, 100, 60).positions());
        ConsumerDynamics d = calculator.evaluate(List.of(steady(5, 6000, 600, 0, 1200), caughtUp), scanTime(5),
                3_600_000L);
        assertEquals(360.0, d.timeLagSeconds(), 1e-6);
        assertEquals(11.0, d.ingestRatePerSec(), 1e-9);
    }

    @Test
    void aGapInHistoryMakesRatesUnknown() {
        PartitionHistory gapped = new PartitionHistory(0,
                List.of(at(0, 0), at(60, 600), at(60 + 3600, 5000)),
                List.of(at(0, 0), at(60, 600), at(60 + 3600, 4000)));
        assertEquals(ConsumerDynamics.UNKNOWN, calculator.evaluate(List.of(gapped), T0.plusSeconds(3660), 3_600_000L));
    }
}
