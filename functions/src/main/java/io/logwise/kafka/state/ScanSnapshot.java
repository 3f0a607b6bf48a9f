package io.logwise.kafka.state;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one lag scan saw, kept so later scans can compute rates: per topic, each partition's end offset and each
 * consumer's position, at {@code time}.
 */
public record ScanSnapshot(String scanId, Instant time, Map<String, TopicOffsets> topics) {

    public ScanSnapshot {
        Objects.requireNonNull(time, "time");
        if (scanId == null || scanId.isEmpty()) {
            throw new IllegalArgumentException("scanId is empty");
        }
        // In name order, as it is written, with hashed lookups: history reads each topic from each kept snapshot.
        topics = Collections.unmodifiableMap(new LinkedHashMap<>(new TreeMap<>(topics)));
    }

    public StateKey.SnapshotKey key() {
        return new StateKey.SnapshotKey(time, scanId);
    }

    public int partitionCount() {
        return topics.values().stream().mapToInt(TopicOffsets::partitions).sum();
    }
}
