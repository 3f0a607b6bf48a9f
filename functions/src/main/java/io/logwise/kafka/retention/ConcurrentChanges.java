package io.logwise.kafka.retention;

import io.logwise.kafka.state.Decision;
import io.logwise.kafka.state.DecisionAction;
import io.logwise.kafka.state.DecisionJournal;
import io.logwise.kafka.state.DecisionOutcome;
import io.logwise.kafka.time.HumanDuration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Retention changes other invocations are making, or made, to a topic while this invocation was deciding on it.
 *
 * <p>Kafka has no compare-and-set for configs, so two invocations changing one topic's retention at once (an expiry
 * revert and a permanent request, say) would leave whichever alter landed last. The journal's log order arbitrates:
 * each invocation records its intents, reads the journal again, and gives up a change when another invocation's
 * change of the same topic and config is in flight, or was carried out after this invocation first read the
 * journal. Of two overlapping invocations the one that reads second always sees the other's intent, so at most one
 * goes ahead; both may give up, which changes nothing (the next run decides again on what it finds).
 */
public final class ConcurrentChanges {

    private static final Set<DecisionAction> RETENTION_ACTIONS = EnumSet.of(DecisionAction.SET_RETENTION,
            DecisionAction.EXTEND_RETENTION, DecisionAction.REVERT_RETENTION);

    private ConcurrentChanges() {
    }

    /**
     * @param before   the journal by key when this invocation first read it (before it read Kafka's configs)
     * @param now      the journal read again after this invocation recorded its intents
     * @param ownKeys  the journal keys of this invocation's own decisions (a retry of the same trigger shares them)
     * @return the other invocations' changes of {@code topic}'s {@code config} that this one must not race
     */
    public static List<Decision> racing(Map<String, Decision> before, Collection<Decision> now, Set<String> ownKeys,
                                 String topic, ConfigKey config, Instant at) {
        return now.stream()
                .filter(d -> d.topic().equals(topic) && RETENTION_ACTIONS.contains(d.action()))
                .filter(d -> configOf(d).equals(config.kafkaName()) && !ownKeys.contains(d.key().text()))
                .filter(d -> recent(d, at))
                .filter(d -> d.outcome() == DecisionOutcome.PENDING || isNewlyApplied(d, before.get(d.key().text())))
                .toList();
    }

    /**
     * Decided within Lambda's longest run: an older decision's invocation has ended, so whatever it changed was in
     * Kafka before this invocation read it (a stale PENDING one this run settles included).
     */
    private static boolean recent(Decision decision, Instant at) {
        return decision.time().isAfter(at.minus(DecisionJournal.IN_FLIGHT_AT_MOST));
    }

    private static boolean isNewlyApplied(Decision decision, Decision seenBefore) {
        return decision.outcome() == DecisionOutcome.APPLIED
                && (seenBefore == null || seenBefore.outcome() != DecisionOutcome.APPLIED);
    }

    private static String configOf(Decision decision) {
        Object config = decision.inputs().get("config");
        return config == null ? ConfigKey.RETENTION_MS.kafkaName() : config.toString();
    }

    /** One line for a report: who is changing the topic, how, and since when. */
    public static String describe(List<Decision> racing) {
        return String.join("; ", racing.stream().map(d -> lower(d.action().name()).replace('_', ' ') + " to "
                + value(d) + " by " + d.triggerId() + " (" + lower(d.outcome().name()) + " at " + d.time() + ")")
                .toList());
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static String value(Decision decision) {
        if (decision.to() == null) {
            return "?";
        }
        return configOf(decision).equals(ConfigKey.RETENTION_MS.kafkaName())
                ? HumanDuration.retentionMs(decision.to()) : decision.to() + " bytes";
    }
}
