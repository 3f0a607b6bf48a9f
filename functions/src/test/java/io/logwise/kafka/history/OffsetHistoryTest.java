package io.logwise.kafka.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OffsetHistoryTest {

    static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration GAP = Duration.ofMinutes(5);

    static Sample at(int second, long offset) {
        return new Sample(T0.plusSeconds(second), offset);
    }

    @Test
    void rateIsOffsetsPerSecondOverTheUsableWindow() {
        OffsetHistory history = OffsetHistory.of(List.of(at(0, 0), at(60, 600), at(120, 1200)), WINDOW, GAP);
        assertEquals(10.0, history.ratePerSecond().getAsDouble(), 1e-9);
    }

    @Test
    void oneSampleKnowsNoRate() {
        assertTrue(OffsetHistory.of(List.of(at(0, 5)), WINDOW, GAP).ratePerSecond().isEmpty());
        assertTrue(OffsetHistory.of(List.of(), WINDOW, GAP).ratePerSecond().isEmpty());
    }

    @Test
    void aGapBetweenScansCutsTheHistory() {
        OffsetHistory history = OffsetHistory.of(List.of(at(0, 0), at(60, 600), at(60 + 600, 700)), WINDOW, GAP);
        assertEquals(1, history.samples().size());
        assertTrue(history.ratePerSecond().isEmpty());
    }

    @Test
    void anOffsetGoingBackwardsCutsTheHistory() {
        OffsetHistory history = OffsetHistory.of(List.of(at(0, 500), at(60, 900), at(120, 30), at(180, 90)),
                WINDOW, GAP);
        assertEquals(2, history.samples().size());
        assertEquals(1.0, history.ratePerSecond().getAsDouble(), 1e-9);
    }

    @Test
    void samplesOlderThanTheWindowAreIgnoredAndOrderDoesNotMatter() {
        OffsetHistory history = OffsetHistory.of(List.of(at(1200, 1200), at(0, 0), at(60, 1000), at(120, 1010),
                at(180, 1020), at(240, 1030), at(300, 1040), at(360, 1050), at(420, 1060), at(480, 1070),
                at(540, 1080), at(600, 1090), at(660, 1100), at(720, 1110), at(780, 1120), at(840, 1130),
                at(900, 1140), at(960, 1150), at(1020, 1160), at(1080, 1170), at(1140, 1180)), WINDOW, GAP);
        assertEquals(at(300, 1040), history.samples().get(0));
    }

    @Test
    void timeWhenReachedInterpolatesBetweenSamples() {
        OffsetHistory history = OffsetHistory.of(List.of(at(0, 0), at(60, 600), at(120, 1200)), WINDOW, GAP);
        assertEquals(T0.plusSeconds(90), history.timeWhenReached(900).orElseThrow());
        assertEquals(T0.plusSeconds(120), history.timeWhenReached(1500).orElseThrow());
    }

    @Test
    void timeWhenReachedExtrapolatesBeforeTheOldestSample() {
        OffsetHistory history = OffsetHistory.of(List.of(at(0, 600), at(60, 1200)), WINDOW, GAP);
        assertEquals(T0.minusSeconds(30), history.timeWhenReached(300).orElseThrow());
    }

    @Test
    void noGrowthCannotPlaceAnOlderOffset() {
        OffsetHistory history = OffsetHistory.of(List.of(at(0, 600), at(60, 600)), WINDOW, GAP);
        assertTrue(history.timeWhenReached(100).isEmpty());
    }
}
