package io.logwise.kafka.state;

import static io.logwise.kafka.state.StateFixtures.increase;
import static io.logwise.kafka.state.StateFixtures.retention;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DecisionJournalTest {

    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");

    private final InMemoryStateLog log = new InMemoryStateLog();

    private DecisionJournal freshJournal() {
        return new DecisionJournal(new LoadedPart(log, StatePart.JOURNAL), Duration.ofDays(30));
    }

    @Test
    void theOutcomeOverwritesTheIntentUnderOneKey() {
        Decision intent = increase("logs.a", "scan-1", T0, DecisionOutcome.PENDING);
        DecisionJournal journal = freshJournal();
        journal.record(intent);
        assertEquals(List.of(intent), freshJournal().pending());

        Decision applied = intent.withOutcome(DecisionOutcome.APPLIED, "increased", T0.plusSeconds(1));
        journal.record(applied);

        DecisionJournal reread = freshJournal();
        assertEquals(List.of(applied), reread.decisions("logs.a"));
        assertEquals(List.of(), reread.pending());
        assertEquals(Optional.of(applied), reread.find("logs.a", intent.id()));
        assertEquals(2, log.records(StatePart.JOURNAL).size(), "both steps were written");
    }

    @Test
    void aDuplicateDeliveryIsReadOnce() {
        Decision first = increase("logs.a", "scan-1", T0, DecisionOutcome.APPLIED);
        Decision redelivered = increase("logs.a", "scan-1", T0.plusSeconds(5), DecisionOutcome.APPLIED);
        freshJournal().record(first);
        freshJournal().record(redelivered);
        assertEquals(List.of(redelivered), freshJournal().all());
    }

    @Test
    void decisionsComeBackInTimeOrderPerTopic() {
        Decision late = increase("logs.a", "scan-2", T0.plusSeconds(60), DecisionOutcome.APPLIED);
        Decision early = increase("logs.a", "scan-1", T0, DecisionOutcome.REFUSED);
        Decision other = retention("logs.b", "scan-1", T0.plusSeconds(30), DecisionAction.EXTEND_RETENTION,
                DecisionOutcome.DRY_RUN);
        DecisionJournal journal = freshJournal();
        List.of(late, other, early).forEach(journal::record);
        assertEquals(List.of(early, late), freshJournal().decisions("logs.a"));
        assertEquals(List.of(early, other, late), freshJournal().all());
    }

    @Test
    void lastIncreaseCountsAppliedAndPendingIncreasesOnly() {
        DecisionJournal journal = freshJournal();
        journal.record(increase("logs.a", "scan-1", T0, DecisionOutcome.APPLIED));
        journal.record(increase("logs.a", "scan-2", T0.plusSeconds(600), DecisionOutcome.REFUSED));
        journal.record(increase("logs.a", "scan-3", T0.plusSeconds(900), DecisionOutcome.DRY_RUN));
        journal.record(increase("logs.a", "scan-4", T0.plusSeconds(1200), DecisionOutcome.FAILED));
        journal.record(increase("logs.b", "scan-1", T0.plusSeconds(60), DecisionOutcome.PENDING));
        journal.record(retention("logs.c", "scan-1", T0, DecisionAction.SET_RETENTION, DecisionOutcome.APPLIED));

        DecisionJournal reread = freshJournal();
        assertEquals(Optional.of(T0), reread.lastIncrease("logs.a"));
        assertEquals(Optional.of(T0.plusSeconds(60)), reread.lastIncrease("logs.b"), "a pending increase may be done");
        assertEquals(Optional.empty(), reread.lastIncrease("logs.c"));
        assertEquals(Map.of("logs.a", T0, "logs.b", T0.plusSeconds(60)), reread.lastIncreases());
    }

    @Test
    void readsTheLogOnceAndSeesItsOwnWrites() {
        DecisionJournal journal = freshJournal();
        assertEquals(List.of(), journal.all());
        Decision decision = increase("logs.a", "scan-1", T0, DecisionOutcome.APPLIED);
        journal.record(decision);
        assertEquals(List.of(decision), journal.all());
        assertEquals(Optional.of(T0), journal.lastIncrease("logs.a"));
        assertEquals(1, log.reads(StatePart.JOURNAL));
    }

    @Test
    void unreadableRecordsAreSkipped() {
        Decision good = increase("logs.a", "scan-1", T0, DecisionOutcome.APPLIED);
        freshJournal().record(good);
        log.write(StatePart.JOURNAL, List.of(
                StateRecord.put(new StateKey.DecisionKey("logs.a", "corrupt"), "{oops".getBytes(StandardCharsets.UTF_8)),
                StateRecord.put(new StateKey.DecisionKey("logs.b", good.id()), StateCodec.encode(good))));
        assertEquals(List.of(good), freshJournal().all(), "corrupt JSON and a value under another key are skipped");
    }

    @Test
    void pruneRemovesOldDecisionsButKeepsPendingAndEachLastIncrease() {
        Instant old = T0.minus(Duration.ofDays(40));
        Decision oldRefusal = increase("logs.a", "scan-1", old, DecisionOutcome.REFUSED);
        Decision oldIncrease = increase("logs.a", "scan-2", old.plusSeconds(1), DecisionOutcome.APPLIED);
        Decision olderIncrease = increase("logs.a", "scan-0", old.minusSeconds(1), DecisionOutcome.APPLIED);
        Decision oldPending = retention("logs.b", "scan-1", old, DecisionAction.EXTEND_RETENTION,
                DecisionOutcome.PENDING);
        Decision recent = retention("logs.b", "scan-9", T0.minus(Duration.ofDays(29)), DecisionAction.SET_RETENTION,
                DecisionOutcome.APPLIED);
        DecisionJournal journal = freshJournal();
        List.of(oldRefusal, oldIncrease, olderIncrease, oldPending, recent).forEach(journal::record);

        assertEquals(2, journal.prune(T0));

        assertEquals(List.of(oldPending, oldIncrease, recent), freshJournal().all());
        assertEquals(List.of(oldPending, oldIncrease, recent), journal.all(), "the pruning instance agrees");
        assertEquals(0, freshJournal().prune(T0), "nothing more to prune");
        assertTrue(log.records(StatePart.JOURNAL).stream().filter(StateRecord::isTombstone).count() == 2);
    }

    @Test
    void aStalePendingIncreaseIsSettledFromWhatKafkaShowsNow() {
        Decision made = increase("logs.made", "scan-1", T0, DecisionOutcome.PENDING);
        Decision notMade = increase("logs.not-made", "scan-1", T0, DecisionOutcome.PENDING);
        Decision gone = increase("logs.gone", "scan-1", T0, DecisionOutcome.PENDING);
        Decision inFlight = increase("logs.in-flight", "scan-2", T0.plus(Duration.ofMinutes(10)),
                DecisionOutcome.PENDING);
        DecisionJournal journal = freshJournal();
        List.of(made, notMade, gone, inFlight).forEach(journal::record);
        Map<String, Long> partitionsNow = Map.of("logs.made", made.to(), "logs.not-made", notMade.from(),
                "logs.in-flight", inFlight.from());

        List<Decision> settled = journal.settleStalePending(DecidingFunction.PARTITION_SCALER,
                T0.plus(Duration.ofMinutes(20)), d -> Optional.ofNullable(partitionsNow.get(d.topic())),
                (current, target) -> current >= target);

        DecisionJournal reread = freshJournal();
        assertEquals(3, settled.size());
        assertEquals(DecisionOutcome.APPLIED, reread.find("logs.made", made.id()).orElseThrow().outcome());
        assertEquals(DecisionOutcome.FAILED, reread.find("logs.not-made", notMade.id()).orElseThrow().outcome());
        assertEquals(DecisionOutcome.FAILED, reread.find("logs.gone", gone.id()).orElseThrow().outcome());
        assertTrue(reread.find("logs.gone", gone.id()).orElseThrow().reason().endsWith("the topic is gone"));
        assertEquals(List.of(inFlight), reread.pending(), "an intent younger than 15 minutes may still be in flight");
        assertEquals(T0, reread.find("logs.made", made.id()).orElseThrow().time(), "the cooldown reads the intent's time");
    }

    @Test
    void settlingLeavesOtherFunctionsPendingDecisionsAlone() {
        Decision retentionIntent = retention("logs.a", "req-1", T0, DecisionAction.SET_RETENTION,
                DecisionOutcome.PENDING);
        DecisionJournal journal = freshJournal();
        journal.record(retentionIntent);

        assertEquals(List.of(), journal.settleStalePending(DecidingFunction.PARTITION_SCALER,
                T0.plus(Duration.ofHours(1)), d -> Optional.of(0L), (current, target) -> true));
        assertEquals(List.of(retentionIntent), freshJournal().pending());
    }
}
