package io.logwise.kafka.state;

import static io.logwise.kafka.state.StateFixtures.extension;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExtensionStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");

    private final InMemoryStateLog log = new InMemoryStateLog();
    private final LoadedPart journalPart = new LoadedPart(log, StatePart.JOURNAL);

    private ExtensionStore fresh() {
        return new ExtensionStore(new LoadedPart(log, StatePart.JOURNAL));
    }

    @Test
    void putListsAndRemoveTombstones() {
        ExtensionStore store = new ExtensionStore(journalPart);
        RetentionExtension billing = extension("logs.billing", T0);
        RetentionExtension audit = extension("logs.audit", T0);
        store.put(billing);
        store.put(audit);
        assertEquals(List.of(audit, billing), fresh().active());

        store.remove("logs.billing");
        assertEquals(List.of(audit), fresh().active());
        assertEquals(Optional.empty(), fresh().get("logs.billing"));
        assertEquals(Optional.of(audit), store.get("logs.audit"));
        assertTrue(log.records(StatePart.JOURNAL).get(2).isTombstone());
    }

    @Test
    void removingWhatIsNotThereIsHarmless() {
        fresh().remove("logs.none");
        assertEquals(List.of(), fresh().active());
    }

    @Test
    void sharesThePartWithTheJournalWithoutMixingThem() {
        DecisionJournal journal = new DecisionJournal(journalPart, java.time.Duration.ofDays(1));
        ExtensionStore store = new ExtensionStore(journalPart);
        journal.record(StateFixtures.increase("logs.billing", "scan-1", T0, DecisionOutcome.APPLIED));
        store.put(extension("logs.billing", T0));
        assertEquals(1, store.active().size());
        assertEquals(1, journal.all().size());
        assertEquals(1, log.reads(StatePart.JOURNAL), "the journal part is read once for both");
        assertEquals(1, fresh().active().size());
    }

    @Test
    void anExtensionSaysWhenItEnds() {
        RetentionExtension ext = extension("logs.a", T0);
        assertFalse(ext.expiredAt(T0));
        assertTrue(ext.expiredAt(ext.expiresAt()));
        assertThrows(IllegalArgumentException.class, () -> new RetentionExtension("logs.a", 1, 2, null, false, "r",
                T0, "d"));
    }
}
