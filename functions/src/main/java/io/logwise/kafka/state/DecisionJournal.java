package io.logwise.kafka.state;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision journal: every decision of the mutating functions, one key per decision, readable back in time order.
 *
 * <p>A mutation is recorded in two steps under the same key, so a crash between the steps stays visible and a retry
 * (or, once it cannot be in flight any more, {@link #settleStalePending}) completes it:
 * {@code record(decision with PENDING)} → make the change in Kafka →
 * {@code record(decision.withOutcome(APPLIED | FAILED, ...))}. When {@code record} throws, the write may or may not
 * have happened: do not make the change (after the intent) and do not report success (after the outcome); the caller
 * fails and the retry rewrites the key.
 */
public final class DecisionJournal {

    /** Lambda's longest run: a PENDING decision older than this is not being carried out any more. */
    public static final Duration IN_FLIGHT_AT_MOST = Duration.ofMinutes(15);

    private static final Logger LOG = LoggerFactory.getLogger(DecisionJournal.class);
    private static final Comparator<Decision> IN_TIME_ORDER =
            Comparator.comparing(Decision::time).thenComparing(Decision::id);

    private final LoadedPart journal;
    private final Duration retention;
    private Map<String, Decision> byKey;

    public DecisionJournal(LoadedPart journal, Duration retention) {
        if (journal.part() != StatePart.JOURNAL) {
            throw new IllegalArgumentException("the decision journal lives in the journal part");
        }
        this.journal = journal;
        this.retention = retention;
    }

    /** Writes the decision (acknowledged by all in-sync replicas) or throws; the same id overwrites. */
    public void record(Decision decision) {
        journal.write(List.of(StateRecord.put(decision.key(), StateCodec.encode(decision))));
        if (byKey != null) {
            byKey.put(decision.key().text(), decision);
        }
    }

    /**
     * Writes the decisions in one batch (sent together, then every acknowledgement awaited) or throws: a batched
     * invocation records hundreds of intents in one round trip instead of one each.
     */
    public void recordAll(List<Decision> decisions) {
        if (decisions.isEmpty()) {
            return;
        }
        journal.write(decisions.stream().map(d -> StateRecord.put(d.key(), StateCodec.encode(d))).toList());
        if (byKey != null) {
            decisions.forEach(decision -> byKey.put(decision.key().text(), decision));
        }
    }

    public Optional<Decision> find(String topic, String decisionId) {
        return Optional.ofNullable(decoded().get(new StateKey.DecisionKey(topic, decisionId).text()));
    }

    /** Every decision on the topic, oldest first. */
    public List<Decision> decisions(String topic) {
        return decoded().values().stream().filter(d -> d.topic().equals(topic)).sorted(IN_TIME_ORDER).toList();
    }

    /** Every decision, oldest first. */
    public List<Decision> all() {
        return decoded().values().stream().sorted(IN_TIME_ORDER).toList();
    }

    /** Every decision by key, as this journal sees it now: what a later {@link #reload} is compared with. */
    public Map<String, Decision> snapshot() {
        return Map.copyOf(decoded());
    }

    /** Reads the journal from the state topic again: what other invocations recorded meanwhile becomes visible. */
    public void reload() {
        journal.reload();
        byKey = null;
    }

    /** Decisions whose intent was recorded but not their outcome: a function stopped between the two steps. */
    public List<Decision> pending() {
        return decoded().values().stream().filter(d -> d.outcome() == DecisionOutcome.PENDING)
                .sorted(IN_TIME_ORDER).toList();
    }

    /**
     * Settles the PENDING decisions of {@code function} that no invocation can still be carrying out (recorded longer
     * ago than Lambda's 15-minute maximum run), from the value Kafka shows now: APPLIED when it {@code reached} the
     * decided value, FAILED otherwise. A retry does not redo a change Kafka already has, so without this the intent
     * of an invocation that stopped between its two writes would stay PENDING for ever. The record keeps its
     * intent's time (the cooldown reads it). Returns the settled decisions.
     */
    public List<Decision> settleStalePending(DecidingFunction function, Instant now,
                                             Function<Decision, Optional<Long>> valueNow,
                                             BiPredicate<Long, Long> reached) {
        List<Decision> settled = new ArrayList<>();
        for (Decision decision : pending()) {
            if (decision.function() != function || decision.to() == null
                    || decision.time().isAfter(now.minus(IN_FLIGHT_AT_MOST))) {
                continue;
            }
            Optional<Long> current = valueNow.apply(decision);
            boolean done = current.isPresent() && reached.test(current.get(), decision.to());
            String found = current.map(value -> "Kafka shows " + value).orElse("the topic is gone");
            Decision outcome = decision.withOutcome(done ? DecisionOutcome.APPLIED : DecisionOutcome.FAILED,
                    decision.reason() + "; settled at " + now + " (the deciding invocation stopped before recording"
                            + " its outcome): " + found, decision.time());
            record(outcome);
            settled.add(outcome);
        }
        return settled;
    }

    /**
     * When the topic's partitions were last increased, for the scaler's cooldown. A PENDING increase counts: it may
     * have been made, and partitions can never be taken back, so the safe error is to wait one cooldown more.
     */
    public Optional<Instant> lastIncrease(String topic) {
        return Optional.ofNullable(lastIncreases().get(topic));
    }

    /** {@link #lastIncrease} of every topic that has one. */
    public Map<String, Instant> lastIncreases() {
        Map<String, Instant> latest = new HashMap<>();
        for (Decision decision : decoded().values()) {
            if (countsAsIncrease(decision)) {
                latest.merge(decision.topic(), decision.time(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        return latest;
    }

    /**
     * Tombstones decisions older than the journal retention, except pending ones and each topic's last increase
     * (the cooldown needs it). Returns how many were removed.
     */
    // Identity on purpose: the one decision instance chosen above as its topic's latest increase is kept.
    @SuppressWarnings("ReferenceEquality")
    public int prune(Instant now) {
        Instant cutoff = now.minus(retention);
        Map<String, Decision> lastIncreaseByTopic = new HashMap<>();
        for (Decision decision : decoded().values()) {
            if (countsAsIncrease(decision)) {
                lastIncreaseByTopic.merge(decision.topic(), decision,
                        (a, b) -> IN_TIME_ORDER.compare(a, b) >= 0 ? a : b);
            }
        }
        List<StateRecord> tombstones = new ArrayList<>();
        for (Decision decision : decoded().values()) {
            boolean keep = !decision.time().isBefore(cutoff) || decision.outcome() == DecisionOutcome.PENDING
                    || lastIncreaseByTopic.get(decision.topic()) == decision;
            if (!keep) {
                tombstones.add(StateRecord.tombstone(decision.key()));
            }
        }
        if (!tombstones.isEmpty()) {
            journal.write(tombstones);
            tombstones.forEach(t -> byKey.remove(t.key().text()));
        }
        return tombstones.size();
    }

    private static boolean countsAsIncrease(Decision decision) {
        return decision.action() == DecisionAction.INCREASE_PARTITIONS
                && (decision.outcome() == DecisionOutcome.APPLIED || decision.outcome() == DecisionOutcome.PENDING);
    }

    private Map<String, Decision> decoded() {
        if (byKey == null) {
            byKey = new LinkedHashMap<>();
            journal.values().forEach((key, value) -> StateKey.parse(key).ifPresent(parsed -> {
                if (parsed instanceof StateKey.DecisionKey decisionKey) {
                    decode(decisionKey, value);
                }
            }));
        }
        return byKey;
    }

    private void decode(StateKey.DecisionKey key, byte[] value) {
        try {
            Decision decision = StateCodec.decodeDecision(value);
            if (!decision.key().equals(key)) {
                throw new UnreadableStateException("its topic and id do not match the key");
            }
            byKey.put(key.text(), decision);
        } catch (UnreadableStateException e) {
            LOG.warn("skipping the journal record {}: {}", key.text(), e.getMessage());
            journal.problem("state record " + key.text() + " skipped: " + e.getMessage());
        }
    }
}
