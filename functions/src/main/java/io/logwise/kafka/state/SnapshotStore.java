package io.logwise.kafka.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lag scanner's history: the last {@code history} scan snapshots, one key per scan. Adding a snapshot tombstones
 * the ones beyond the history in the same batch, so compaction drops their values.
 */
public final class SnapshotStore {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);

    private final LoadedPart snapshots;
    private final int history;

    public SnapshotStore(LoadedPart snapshots, int history) {
        if (snapshots.part() != StatePart.SNAPSHOTS) {
            throw new IllegalArgumentException("snapshots live in the snapshot part");
        }
        if (history < 1) {
            throw new IllegalArgumentException("history must be at least 1");
        }
        this.snapshots = snapshots;
        this.history = history;
    }

    /**
     * Adds the snapshot and removes those beyond the history (one acknowledged batch, or an exception). Appending the
     * same snapshot again rewrites the same key. Returns the size of the stored value in bytes (0: not stored).
     */
    public int append(ScanSnapshot snapshot) {
        NavigableSet<String> keys = snapshotKeys();
        String added = snapshot.key().text();
        keys.add(added);
        List<StateRecord> records = new ArrayList<>();
        byte[] value = null;
        if (keys.tailSet(added, false).size() < history) {
            value = StateCodec.encode(snapshot);
            records.add(StateRecord.put(snapshot.key(), value));
        } else {
            LOG.warn("snapshot {} is older than the {} kept snapshots: not stored", added, history);
        }
        while (keys.size() > history) {
            String oldest = keys.pollFirst();
            if (!oldest.equals(added)) {
                records.add(StateRecord.tombstone(StateKey.parse(oldest).orElseThrow()));
            }
        }
        if (!records.isEmpty()) {
            snapshots.write(records);
        }
        return value == null ? 0 : value.length;
    }

    /** Up to {@code n} of the newest snapshots, oldest first; unreadable ones are skipped. */
    public List<ScanSnapshot> recent(int n) {
        List<ScanSnapshot> newestFirst = new ArrayList<>();
        for (String key : snapshotKeys().descendingSet()) {
            if (newestFirst.size() >= n) {
                break;
            }
            try {
                newestFirst.add(StateCodec.decodeSnapshot(snapshots.values().get(key)));
            } catch (UnreadableStateException e) {
                LOG.warn("skipping the snapshot record {}: {}", key, e.getMessage());
            }
        }
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** The bytes of the snapshot values read (loading them if not yet loaded). */
    public long loadedBytes() {
        long bytes = 0;
        for (byte[] value : snapshots.values().values()) {
            bytes += value.length;
        }
        return bytes;
    }

    public Optional<ScanSnapshot> latest() {
        List<ScanSnapshot> latest = recent(1);
        return latest.isEmpty() ? Optional.empty() : Optional.of(latest.get(0));
    }

    private NavigableSet<String> snapshotKeys() {
        TreeSet<String> keys = new TreeSet<>();
        for (String key : snapshots.values().keySet()) {
            if (StateKey.parse(key).orElse(null) instanceof StateKey.SnapshotKey) {
                keys.add(key);
            }
        }
        return keys;
    }
}
