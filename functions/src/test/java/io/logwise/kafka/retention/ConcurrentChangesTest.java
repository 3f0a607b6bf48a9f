package io.logwise.kafka.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.state.DecidingFunction;
import io.logwise.kafka.state.Decision;
import io.logwise.kafka.state.DecisionAction;
import io.logwise.kafka.state.DecisionOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConcurrentChangesTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final String TOPIC = "logs.orders";

    private final Decision ours = decision("revert-run", DecisionAction.REVERT_RETENTION, DecisionOutcome.PENDING,
            NOW, "retention.ms");
    private final Set<String> ownKeys = Set.of(ours.key().text());

    @Test
    void anotherInvocationsChangeInFlightIsRacedWhetherOrNotItWasSeenBefore() {
        Decision other = decision("req-1", DecisionAction.SET_RETENTION, DecisionOutcome.PENDING, NOW, "retention.ms");
        assertEquals(List.of(other), racing(Map.of(), List.of(ours, other)));
        assertEquals(List.of(other), racing(Map.of(other.key().text(), other), List.of(ours, other)));
    }

    @Test
    void aChangeAppliedSinceTheFirstReadingIsRacedOneAppliedBeforeIsNot() {
        Decision pending = decision("req-1", DecisionAction.SET_RETENTION, DecisionOutcome.PENDING,
                NOW.minusSeconds(5), "retention.ms");
        Decision applied = pending.withOutcome(DecisionOutcome.APPLIED, "done", NOW.minusSeconds(5));
        assertEquals(List.of(applied), racing(Map.of(), List.of(ours, applied)));
        assertEquals(List.of(applied), racing(Map.of(pending.key().text(), pending), List.of(ours, applied)));
        assertTrue(racing(Map.of(applied.key().text(), applied), List.of(ours, applied)).isEmpty(),
                "known when deciding");
    }

    @Test
    void ownDecisionsRefusedOrFailedChangesStaleIntentsAndOtherTopicsOrConfigsAreNotRaced() {
        Decision refused = decision("req-2", DecisionAction.SET_RETENTION, DecisionOutcome.REFUSED, NOW,
                "retention.ms");
        Decision failed = decision("req-3", DecisionAction.EXTEND_RETENTION, DecisionOutcome.FAILED, NOW,
                "retention.ms");
        Decision stale = decision("req-4", DecisionAction.SET_RETENTION, DecisionOutcome.PENDING,
                NOW.minus(Duration.ofMinutes(16)), "retention.ms");
        Decision bytes = decision("req-5", DecisionAction.SET_RETENTION, DecisionOutcome.PENDING, NOW,
                "retention.bytes");
        Decision elsewhere = new Decision(Decision.idFor(DecidingFunction.RETENTION_UPDATER, "req-6", "logs.other",
                DecisionAction.SET_RETENTION), NOW, DecidingFunction.RETENTION_UPDATER, "logs.other",
                DecisionAction.SET_RETENTION, 1L, 2L, "request", Map.of("config", "retention.ms"), "r", "on",
                DecisionOutcome.PENDING, "req-6");
        Decision partitions = decision("scan-1", DecisionAction.INCREASE_PARTITIONS, DecisionOutcome.PENDING, NOW,
                "retention.ms");
        assertTrue(racing(Map.of(), List.of(ours, refused, failed, stale, bytes, elsewhere, partitions)).isEmpty());
    }

    @Test
    void aStaleIntentSettledAsAppliedByThisRunIsNotRaced() {
        Decision stale = decision("crashed", DecisionAction.SET_RETENTION, DecisionOutcome.PENDING,
                NOW.minus(Duration.ofMinutes(20)), "retention.ms");
        Decision settled = stale.withOutcome(DecisionOutcome.APPLIED, "settled", stale.time());
        assertTrue(racing(Map.of(stale.key().text(), stale), List.of(ours, settled)).isEmpty());
    }

    @Test
    void theReportNamesWhoIsChangingTheTopicToWhat() {
        Decision other = decision("req-1", DecisionAction.SET_RETENTION, DecisionOutcome.PENDING, NOW, "retention.ms");
        assertEquals("set retention to 3d by req-1 (pending at 2026-12-07T10:00:00Z)",
                ConcurrentChanges.describe(List.of(other)));
    }

    private List<Decision> racing(Map<String, Decision> before, List<Decision> now) {
        return ConcurrentChanges.racing(before, now, ownKeys, TOPIC, ConfigKey.RETENTION_MS, NOW);
    }

    private static Decision decision(String trigger, DecisionAction action, DecisionOutcome outcome, Instant at,
                                     String config) {
        return new Decision(Decision.idFor(DecidingFunction.RETENTION_UPDATER, trigger, TOPIC, action), at,
                DecidingFunction.RETENTION_UPDATER, TOPIC, action, Duration.ofDays(7).toMillis(),
                Duration.ofDays(3).toMillis(), "request", Map.of("config", config), "reason", "on", outcome,
                trigger);
    }
}
