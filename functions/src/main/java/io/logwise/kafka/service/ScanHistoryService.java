package io.logwise.kafka.service;

import io.logwise.kafka.client.Deadline;
import io.logwise.kafka.gateway.StateStore;
import io.logwise.kafka.gateway.StateStores;
import io.logwise.kafka.history.HistoryEnricher;
import io.logwise.kafka.history.HistorySettings;
import io.logwise.kafka.history.NewPartitionCheck;
import io.logwise.kafka.history.PartitionIncrease;
import io.logwise.kafka.history.ScanSnapshots;
import io.logwise.kafka.scan.ScanResult;
import io.logwise.kafka.state.Decision;
import io.logwise.kafka.state.DecisionAction;
import io.logwise.kafka.state.DecisionJournal;
import io.logwise.kafka.state.DecisionOutcome;
import io.logwise.kafka.state.ScanSnapshot;
import io.logwise.kafka.state.StateStoreSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scan history on the state topic: reads the recent snapshots, stores this scan's own, and adds rates, time lag,
 * trend verdicts and consumers that do not read partitions added to their topics to the result. History never fails a
 * scan: when the state topic cannot be read or written, the result goes out with its figures unknown and a problem line
 * saying why.
 */
public final class ScanHistoryService {

    /** READ_WRITE for the function; READ_ONLY for local tools, which must not create or write anything. */
    public enum Mode { READ_WRITE, READ_ONLY }

    private static final Logger LOG = LoggerFactory.getLogger(ScanHistoryService.class);

    private final StateStores stores;
    private final StateStoreSettings stateSettings;
    private final HistoryEnricher enricher;
    private final NewPartitionCheck newPartitions;
    private final Mode mode;

    /** @param newPartitionGraceScans LAG_NEW_PARTITION_GRACE_SCANS, see {@link NewPartitionCheck} */
    public ScanHistoryService(StateStores stores, HistorySettings settings, int newPartitionGraceScans, Mode mode) {
        this.stores = stores;
        this.stateSettings = stores.settings();
        this.enricher = new HistoryEnricher(settings);
        this.newPartitions = new NewPartitionCheck(newPartitionGraceScans);
        this.mode = mode;
    }

    /**
     * Starts reading the kept snapshots and the journal on a thread of its own: they do not depend on the scan, so
     * they are read while the scan waits on Kafka. Close the reading when the scan is done (or failed).
     */
    public Reading startReading(Deadline deadline) {
        return new Reading(CompletableFuture.supplyAsync(() -> load(deadline),
                task -> new Thread(task, "scan-history").start()));
    }

    /**
     * The scan with its history: rates, time lag, trend verdicts, unread new partitions. A full scan's snapshot is
     * stored; a narrowed scan is enriched but not stored: it covers only some topics or consumers, and kept snapshots
     * are few (STATE_SNAPSHOT_HISTORY), so they are reserved for full scans.
     */
    public ScanResult withHistory(LagScan scan, Reading reading) {
        ScanResult result = scan.result();
        Timings timings = new Timings();
        Loaded loaded = reading.join();
        timings.lap("waited for the reading");
        if (loaded.failure() != null) {
            LOG.warn("scan history not read from {}", stateSettings.topic(), loaded.failure());
            return HistoryEnricher.withProblem(result, "scan history: not read from " + stateSettings.topic() + " ("
                    + loaded.failure().getMessage() + "); rates, time lag, trend verdicts and unread new partitions"
                    + " are unknown for this scan");
        }
        ScanSnapshot current = ScanSnapshots.of(result.scanId(), result.scannedAt(), scan.logs(), scan.positions());
        timings.lap("snapshot made");
        List<ScanSnapshot> history = new ArrayList<>();
        for (ScanSnapshot snapshot : loaded.snapshots()) {
            if (snapshot.time().isBefore(current.time())) {
                history.add(snapshot);
            }
        }
        String writeProblem = null;
        if (loaded.store() != null && mode == Mode.READ_WRITE && !result.narrowed()) {
            try {
                int bytes = loaded.store().snapshots().append(current);
                timings.lap("snapshot written (" + bytes + " bytes)");
            } catch (RuntimeException e) {
                writeProblem = "scan history: this scan's snapshot was not stored on " + stateSettings.topic()
                        + " (" + e.getMessage() + "); the next scans will see a gap";
            }
        }
        history.add(current);
        ScanResult enriched = newPartitions.apply(enricher.enrich(result, history), history, scan.logs(),
                loaded.increases());
        timings.lap("enriched");
        LOG.info("scan history: {} earlier snapshots used", history.size() - 1);
        LOG.info("scan history (ms): {}; read alongside the scan: {}", timings, loaded.timings());
        if (loaded.journalProblem() != null) {
            enriched = HistoryEnricher.withProblem(enriched, loaded.journalProblem());
        }
        return writeProblem == null ? enriched : HistoryEnricher.withProblem(enriched, writeProblem);
    }

    /** The store (null: none in read-only mode), the snapshots and increases read, or why they could not be. */
    private record Loaded(StateStore store, List<ScanSnapshot> snapshots, List<PartitionIncrease> increases,
                          String journalProblem, String timings, RuntimeException failure) {

        static Loaded failed(RuntimeException failure) {
            return new Loaded(null, List.of(), List.of(), null, "", failure);
        }
    }

    private Loaded load(Deadline deadline) {
        Timings timings = new Timings();
        StateStore store;
        try {
            store = open(deadline).orElse(null);
        } catch (RuntimeException e) {
            return Loaded.failed(e);
        }
        timings.lap("state topic opened");
        if (store == null) {
            return new Loaded(null, List.of(), List.of(), null, timings.toString(), null);
        }
        try {
            List<ScanSnapshot> snapshots = store.snapshots().recent(stateSettings.snapshotHistory());
            timings.lap("snapshots read (" + snapshots.size() + ", " + store.snapshots().loadedBytes() + " bytes)");
            List<PartitionIncrease> increases = List.of();
            String journalProblem = null;
            try {
                increases = increases(store.journal());
            } catch (RuntimeException e) {
                journalProblem = "decision journal: not read from " + stateSettings.topic() + " (" + e.getMessage()
                        + "); only partition increases seen in the scan history are checked";
            }
            timings.lap("journal read");
            return new Loaded(store, snapshots, increases, journalProblem, timings.toString(), null);
        } catch (RuntimeException e) {
            store.close();
            return Loaded.failed(e);
        }
    }

    /** The history being read alongside a scan; closing it closes the state store it holds. */
    public static final class Reading implements AutoCloseable {

        private final CompletableFuture<Loaded> loaded;

        private Reading(CompletableFuture<Loaded> loaded) {
            this.loaded = loaded;
        }

        private Loaded join() {
            try {
                return loaded.join();
            } catch (CompletionException | CancellationException e) {
                return Loaded.failed(e.getCause() instanceof RuntimeException cause ? cause : e);
            }
        }

        @Override
        public void close() {
            Loaded done = join();
            if (done.store() != null) {
                done.store().close();
            }
        }
    }

    /** The partition increases the scaler and the provisioner applied, as their journal entries say. */
    private static List<PartitionIncrease> increases(DecisionJournal journal) {
        List<PartitionIncrease> increases = new ArrayList<>();
        for (Decision decision : journal.all()) {
            if (decision.action() == DecisionAction.INCREASE_PARTITIONS
                    && decision.outcome() == DecisionOutcome.APPLIED && decision.from() != null
                    && decision.to() != null && decision.to() > decision.from() && decision.from() >= 0
                    && decision.to() <= Integer.MAX_VALUE) {
                increases.add(new PartitionIncrease(decision.topic(), decision.from().intValue(),
                        decision.to().intValue(), decision.time()));
            }
        }
        return increases;
    }

    private Optional<StateStore> open(Deadline deadline) {
        return mode == Mode.READ_WRITE ? Optional.of(stores.open(deadline)) : stores.openIfExists(deadline);
    }

    /** Where the history's time goes, for the log: each step and the milliseconds since the previous one. */
    private static final class Timings {

        private final StringBuilder steps = new StringBuilder();
        private long last = System.nanoTime();

        void lap(String step) {
            long now = System.nanoTime();
            steps.append(steps.length() == 0 ? "" : ", ").append(step).append(' ').append((now - last) / 1_000_000);
            last = now;
        }

        @Override
        public String toString() {
            return steps.toString();
        }
    }
}
