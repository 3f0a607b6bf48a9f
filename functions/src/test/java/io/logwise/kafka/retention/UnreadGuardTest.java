package io.logwise.kafka.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The guard on a measurement with unknown positions: refused with every reason, force with a reason overrides. */
class UnreadGuardTest {

    private static final RetentionGuard GUARD = new RetentionGuard(RetentionSettings.defaults());
    private static final long DAY = 86_400_000L;

    private static GuardInput lowering(UnreadData unread, boolean force) {
        return new GuardInput("logs.orders", 7 * DAY, DAY, Optional.of(unread), false, force,
                force ? Optional.of("disk full") : Optional.empty(), OptionalDouble.empty());
    }

    @Test
    void anUnknownPositionRefusesEvenWhenTheKnownOnesAreAllRead() {
        UnreadData unread = UnreadData.unknown(List.of("spark checkpoint spark-a (s3://b/a) not read: timeout"));

        var refused = assertInstanceOf(RetentionDecision.Refused.class, GUARD.decide(lowering(unread, false)));

        assertEquals(List.of(Refusal.Reason.UNREAD_DATA_UNKNOWN),
                refused.refusals().stream().map(Refusal::reason).toList());
        assertTrue(refused.message().contains("spark-a (s3://b/a) not read: timeout"), refused.message());
        assertTrue(refused.message().contains("force with a reason overrides this"), refused.message());
    }

    @Test
    void unknownAndOldUnreadRecordsAreBothReportedAndTheRecordBehindIsNamed() {
        UnreadData unread = new UnreadData(Map.of(0, Duration.ofHours(30)),
                Map.of(0, "spark-a (spark-checkpoint) at offset 2 of 0..10"), List.of("partition 1: log not read"));

        var refused = assertInstanceOf(RetentionDecision.Refused.class, GUARD.decide(lowering(unread, false)));

        assertEquals(List.of(Refusal.Reason.UNREAD_DATA_UNKNOWN, Refusal.Reason.BELOW_UNREAD_DATA),
                refused.refusals().stream().map(Refusal::reason).toList());
        assertTrue(refused.message().contains("(partition 0: spark-a (spark-checkpoint) at offset 2 of 0..10)"),
                refused.message());
    }

    @Test
    void forceWithAReasonOverridesAnUnknownPositionAndCarriesTheOverriddenRefusal() {
        UnreadData unread = UnreadData.unknown(List.of("expected consumer spark-audit has no position"));

        var lowered = assertInstanceOf(RetentionDecision.Lower.class, GUARD.decide(lowering(unread, true)));

        assertTrue(lowered.forced());
        assertEquals(Refusal.Reason.UNREAD_DATA_UNKNOWN, lowered.overridden().get(0).reason());
    }

    @Test
    void theMarginCountsAgainstTheRecordTimestamp() {
        Duration margin = RetentionSettings.defaults().unreadMargin();
        UnreadData justInside = new UnreadData(Map.of(0, Duration.ofDays(1).minus(margin).minusSeconds(1)));
        UnreadData justOutside = new UnreadData(Map.of(0, Duration.ofDays(1).minus(margin).plusSeconds(1)));

        assertInstanceOf(RetentionDecision.Lower.class, GUARD.decide(lowering(justInside, false)));
        assertInstanceOf(RetentionDecision.Refused.class, GUARD.decide(lowering(justOutside, false)));
    }

    @Test
    void theClaimSettingsHaveSmallDefaultsAndNameTheirVariable() {
        RetentionSettings defaults = RetentionSettings.defaults();
        assertEquals(Duration.ofMinutes(5), defaults.scanMaxAge());
        assertEquals(Duration.ofMinutes(2), defaults.clockSkew());
        var error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RetentionSettings.fromEnv(Map.of(RetentionSettings.SCAN_MAX_AGE, "soon")));
        assertTrue(error.getMessage().contains(RetentionSettings.SCAN_MAX_AGE), error.getMessage());
    }
}
