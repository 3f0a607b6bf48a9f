package io.logwise.kafka.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.retention.ProtectionPolicy.Stance;
import io.logwise.kafka.scan.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Defaults: cap 7d, factor 2, margin 15m, at risk above 0.5 of retention, caught up below 0.25 of the original. */
class ProtectionPolicyTest {
    private static final String TOPIC = "logs.orders";
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Instant EARLIER = NOW.minus(Duration.ofHours(6));
    private static final ProtectionPolicy POLICY = new ProtectionPolicy(RetentionSettings.defaults());
    private static final RetentionGuard GUARD = new RetentionGuard(RetentionSettings.defaults());

    private static long ms(String text) {
        return text.equals("unlimited") ? -1 : RetentionDuration.parse("test", text).toMillis();
    }

    private static Optional<Duration> lag(String text) {
        return text.equals("-") ? Optional.empty() : Optional.of(RetentionDuration.parse("test", text));
    }

    /** Protection extension from 24h to 1575m (26h15m) made six hours ago. */
    private static TemporaryExtension protection() {
        return new TemporaryExtension(TOPIC, ms("24h"), ms("1575m"), Optional.empty(), true, "protection", EARLIER);
    }

    /** A for/until request: 24h raised to 3d until a day from now. */
    private static TemporaryExtension manual() {
        return new TemporaryExtension(TOPIC, ms("24h"), ms("3d"), Optional.of(NOW.plus(Duration.ofDays(1))), false,
                "audit", EARLIER);
    }

    private static ProtectionPolicy.Action decide(String state, String timeLag, String retention,
                                                  Optional<TemporaryExtension> extension) {
        return POLICY.decide(new TopicLagFigures(TOPIC, Verdict.valueOf(state), lag(timeLag), ms(retention),
                extension), NOW);
    }

    @Test
    void eachVerdictHasOneStance() {
        Map<Verdict, Stance> expected = Map.of(Verdict.AT_RISK, Stance.PROTECT, Verdict.DATA_LOST, Stance.PROTECT,
                Verdict.LAGGING, Stance.HOLD, Verdict.FALLING_BEHIND, Stance.HOLD, Verdict.STALLED, Stance.HOLD,
                Verdict.NO_COMMIT, Stance.HOLD, Verdict.NEW_PARTITIONS_UNREAD, Stance.HOLD, Verdict.OK, Stance.RELEASE,
                Verdict.NO_CONSUMER, Stance.UNDECIDED, Verdict.UNKNOWN, Stance.UNDECIDED);
        for (Verdict verdict : Verdict.values()) {
            assertEquals(expected.get(verdict), ProtectionPolicy.stance(verdict), verdict.name());
        }
    }

    @ParameterizedTest(name = "{0}, lag {1}, retention {2} -> {3} {4}")
    @CsvSource(delimiter = '|', value = {
        "OK       | 1h   | 24h       | NoAction | not at risk",
        "LAGGING  | 11h  | 24h       | NoAction | not at risk",            // 11h is below half of 24h
        "LAGGING  | 13h  | 24h       | Extend   | 1575m",                  // above half: 13h x 2 + 15m = 26h15m
        "OK       | 13h  | 24h       | Extend   | 1575m",                  // the share applies whatever the verdict
        "AT_RISK  | 10h  | 12h       | Extend   | 1215m",                  // 10h x 2 + 15m = 20h15m
        "DATA_LOST | 10h | 12h       | Extend   | 1215m",                  // deleted unread: protect what is left
        "AT_RISK  | 5h   | 12h       | NoAction | at risk, but retention 12h already covers 5h x 2",
        "AT_RISK  | 4d   | 24h       | Extend   | 7d",                     // 8d15m capped at 7d
        "AT_RISK  | 4d   | 7d        | NoAction | already at or above the protection cap of 7d",
        "AT_RISK  | 4d   | 30d       | NoAction | already at or above the protection cap of 7d",
        "AT_RISK  | -    | 24h       | Extend   | 2d",                     // no time lag: current x factor
        "UNKNOWN  | -    | 24h       | NoAction | not at risk",
        "AT_RISK  | 4d   | unlimited | NoAction | retention is unlimited",
    })
    void withoutAnExtension(String state, String timeLag, String retention, String expected, String detail) {
        ProtectionPolicy.Action action = decide(state, timeLag, retention, Optional.empty());

        assertEquals(expected, action.getClass().getSimpleName(), action.toString());
        if (action instanceof ProtectionPolicy.Action.Extend extend) {
            assertEquals(ms(retention), extend.fromMs());
            assertEquals(ms(detail), extend.toMs());
            TemporaryExtension stored = extend.extension();
            assertEquals(ms(retention), stored.originalRetentionMs());
            assertEquals(ms(detail), stored.extendedRetentionMs());
            assertTrue(stored.untilCaughtUp());
            assertEquals(Optional.empty(), stored.expiresAt());
            assertEquals(NOW, stored.createdAt());
            assertTrue(stored.reason().startsWith("protection: " + state), stored.reason());
        } else {
            assertTrue(((ProtectionPolicy.Action.NoAction) action).why().contains(detail), action.toString());
        }
    }

    @ParameterizedTest(name = "extended 24h->26h15m; {0}, lag {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "OK       | 1h   | Revert   | ''",
        "OK       | -    | Revert   | ''",                                // nothing unread
        "OK       | 5h   | Revert   | ''",                                // below 0.25 x 24h = 6h
        "OK       | 6h   | NoAction | reverts below 6h",
        "OK       | 7h   | NoAction | extended until consumers catch up: OK, oldest unread record 7h old",
        "LAGGING  | 1h   | NoAction | extended until consumers catch up: LAGGING",
        "STALLED  | 1h   | NoAction | extended until consumers catch up: STALLED",
        "UNKNOWN  | -    | NoAction | extended until consumers catch up: UNKNOWN",
        "AT_RISK  | 20h  | Extend   | 2415m",                             // 20h x 2 + 15m = 40h15m
        "AT_RISK  | 10h  | NoAction | already covers",
    })
    void withAProtectionExtension(String state, String timeLag, String expected, String detail) {
        ProtectionPolicy.Action action = decide(state, timeLag, "1575m", Optional.of(protection()));

        assertEquals(expected, action.getClass().getSimpleName(), action.toString());
        if (action instanceof ProtectionPolicy.Action.Revert revert) {
            assertEquals(protection(), revert.extension());
        } else if (action instanceof ProtectionPolicy.Action.Extend extend) {
            assertEquals(ms(detail), extend.toMs());
            assertEquals(ms("24h"), extend.extension().originalRetentionMs(), "the original value is kept");
            assertEquals(EARLIER, extend.extension().createdAt());
        } else {
            String why = assertInstanceOf(ProtectionPolicy.Action.NoAction.class, action).why();
            assertTrue(why.contains(detail), why);
        }
    }

    @Test
    void retentionChangedByHandIsForgottenNotReverted() {
        ProtectionPolicy.Action action = decide("OK", "1h", "2d", Optional.of(protection()));

        ProtectionPolicy.Action.Forget forget = assertInstanceOf(ProtectionPolicy.Action.Forget.class, action);
        assertEquals("retention.ms is 2d, not the 1d2h15m LogWise set; someone changed it, so it is left alone",
                forget.why());
    }

    @Test
    void aRequestedExtensionIsLeftToExpiryUnlessAtRisk() {
        assertInstanceOf(ProtectionPolicy.Action.NoAction.class, decide("OK", "1h", "3d", Optional.of(manual())));

        ProtectionPolicy.Action.Extend extend = assertInstanceOf(ProtectionPolicy.Action.Extend.class,
                decide("AT_RISK", "2d", "3d", Optional.of(manual())));
        assertEquals(ms("2d") * 2 + ms("15m"), extend.toMs());
        TemporaryExtension stored = extend.extension();
        assertEquals(ms("24h"), stored.originalRetentionMs());
        assertEquals(manual().expiresAt(), stored.expiresAt(), "the requested expiry still applies");
        assertTrue(stored.untilCaughtUp(), "and now the consumers must catch up too");
    }

    @Test
    void bothConditionsMustHoldBeforeReverting() {
        TemporaryExtension both = new TemporaryExtension(TOPIC, ms("24h"), ms("3d"),
                Optional.of(NOW.plus(Duration.ofHours(1))), true, "protection", EARLIER);

        ProtectionPolicy.Action early = POLICY.decide(new TopicLagFigures(TOPIC, Verdict.OK, lag("1h"), ms("3d"),
                Optional.of(both)), NOW);
        ProtectionPolicy.Action later = POLICY.decide(new TopicLagFigures(TOPIC, Verdict.OK, lag("1h"), ms("3d"),
                Optional.of(both)), NOW.plus(Duration.ofHours(1)));

        assertTrue(assertInstanceOf(ProtectionPolicy.Action.NoAction.class, early).why()
                .startsWith("caught up, but the requested extension lasts until 2026-11-25T13:00:00Z"));
        assertInstanceOf(ProtectionPolicy.Action.Revert.class, later);
    }

    @Test
    void extendAndRevertGoThroughTheGuard() {
        ProtectionPolicy.Action.Extend extend = assertInstanceOf(ProtectionPolicy.Action.Extend.class,
                decide("AT_RISK", "10h", "12h", Optional.empty()));
        GuardInput raise = extend.guardInput(Optional.empty(), OptionalDouble.empty());
        assertTrue(raise.temporary());
        assertInstanceOf(RetentionDecision.Raise.class, GUARD.decide(raise));

        RetentionGuard budgeted = new RetentionGuard(RetentionSettings.fromEnv(
                Map.of("RETENTION_DISK_BUDGET_BYTES", "1GiB")));
        assertInstanceOf(RetentionDecision.Refused.class,
                budgeted.decide(extend.guardInput(Optional.empty(), OptionalDouble.of(1024 * 1024))),
                "20h15m at 1 MiB/s is about 71 GiB: protection respects the disk budget too");

        TemporaryExtension stored = protection();
        GuardInput revert = stored.revertInput(Optional.of(new UnreadData(Map.of(0, Duration.ofMinutes(23 * 60 + 50)))),
                OptionalDouble.empty());
        assertEquals(ms("1575m"), revert.currentMs());
        assertEquals(ms("24h"), revert.requestedMs());
        assertInstanceOf(RetentionDecision.Refused.class, GUARD.decide(revert),
                "23h50m old unread records + 15m margin do not fit in 24h");
        assertInstanceOf(RetentionDecision.Lower.class, GUARD.decide(stored.revertInput(
                Optional.of(UnreadData.allRead()), OptionalDouble.empty())));
        assertInstanceOf(RetentionDecision.Refused.class, GUARD.decide(stored.revertInput(Optional.empty(),
                OptionalDouble.empty())), "no consumer positions: the extension stays");
    }

    @Test
    void figuresForAnotherTopicAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TopicLagFigures("logs.other", Verdict.OK,
                Optional.empty(), ms("24h"), Optional.of(protection())));
        assertThrows(IllegalArgumentException.class, () -> new TopicLagFigures("other.orders", Verdict.OK,
                Optional.empty(), ms("24h"), Optional.empty()));
    }
}
