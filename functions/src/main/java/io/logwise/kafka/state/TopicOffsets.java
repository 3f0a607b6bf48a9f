package io.logwise.kafka.state;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One topic in a scan snapshot: per partition the end offset, and each consumer's position, by partition index.
 * {@link #UNKNOWN} stands for an end offset that could not be read or a consumer without a position.
 * Immutable: arrays are copied in and out.
 */
public final class TopicOffsets {

    public static final long UNKNOWN = -1;

    private final long[] endOffsets;
    private final Map<ConsumerKey, long[]> positions;

    private TopicOffsets(long[] endOffsets, Map<ConsumerKey, long[]> positions) {
        this.endOffsets = endOffsets;
        this.positions = positions;
    }

    /** @param positions consumer (group or Spark checkpoint source) to positions, one per partition like endOffsets */
    public static TopicOffsets of(long[] endOffsets, Map<ConsumerKey, long[]> positions) {
        requireOffsets(null, endOffsets);
        var sorted = new TreeMap<ConsumerKey, long[]>();
        positions.forEach((consumer, byPartition) -> {
            if (byPartition.length != endOffsets.length) {
                throw new IllegalArgumentException("consumer '" + consumer + "' has " + byPartition.length
                        + " positions for " + endOffsets.length + " partitions");
            }
            requireOffsets(consumer, byPartition);
            sorted.put(consumer, byPartition.clone());
        });
        // Looked up by hash (a scan's history asks millions of times); iterated in the sorted order.
        return new TopicOffsets(endOffsets.clone(), Collections.unmodifiableMap(new LinkedHashMap<>(sorted)));
    }

    public int partitions() {
        return endOffsets.length;
    }

    public long endOffset(int partition) {
        return endOffsets[partition];
    }

    public long[] endOffsets() {
        return endOffsets.clone();
    }

    public Set<ConsumerKey> consumers() {
        return positions.keySet();
    }

    /** The consumer's position on the partition, or {@link #UNKNOWN} (also for a consumer not in the snapshot). */
    public long position(ConsumerKey consumer, int partition) {
        long[] byPartition = positions.get(consumer);
        return byPartition == null ? UNKNOWN : byPartition[partition];
    }

    public long[] positions(ConsumerKey consumer) {
        long[] byPartition = positions.get(consumer);
        if (byPartition == null) {
            long[] none = new long[endOffsets.length];
            Arrays.fill(none, UNKNOWN);
            return none;
        }
        return byPartition.clone();
    }

    /** @param consumer whose positions these are; null: the end offsets */
    private static void requireOffsets(ConsumerKey consumer, long[] offsets) {
        for (int partition = 0; partition < offsets.length; partition++) {
            if (offsets[partition] < UNKNOWN) {
                String what = consumer == null ? "end offset" : "position of '" + consumer + "'";
                throw new IllegalArgumentException(what + " on partition " + partition + " is " + offsets[partition]
                        + "; offsets are >= 0, or -1 for unknown");
            }
        }
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof TopicOffsets that)) {
            return false;
        }
        if (!Arrays.equals(endOffsets, that.endOffsets) || !positions.keySet().equals(that.positions.keySet())) {
            return false;
        }
        return positions.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), that.positions.get(e.getKey())));
    }

    @Override
    public int hashCode() {
        int hash = Arrays.hashCode(endOffsets);
        for (var entry : positions.entrySet()) {
            hash = 31 * hash + (entry.getKey().hashCode() ^ Arrays.hashCode(entry.getValue()));
        }
        return hash;
    }

    @Override
    public String toString() {
        return "TopicOffsets[partitions=" + endOffsets.length + ", consumers=" + positions.keySet() + "]";
    }
}
