package io.logwise.kafka.state;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One topic in a scan snapshot: per partition the end offset, and each consumer's position, by partition index.
 * {@link #UNKNOWN} stands for an end offset that could not be read or a consumer without a position.
 * Immutable: arrays are copied in and out.
 *
 * <p>Held as arrays (consumers sorted, positions consumer by consumer in one array), not a map of arrays: a scan's
 * history holds a dozen snapshots of up to hundreds of thousands of positions and reads each of them once.
 */
public final class TopicOffsets {

    public static final long UNKNOWN = -1;

    private final long[] endOffsets;
    private final ConsumerKey[] consumers;
    /** Consumer {@code c}'s position on partition {@code p} at {@code c * partitions + p}. */
    private final long[] positions;

    private TopicOffsets(long[] endOffsets, ConsumerKey[] consumers, long[] positions) {
        this.endOffsets = endOffsets;
        this.consumers = consumers;
        this.positions = positions;
    }

    /** @param positions consumer (group or Spark checkpoint source) to positions, one per partition like endOffsets */
    public static TopicOffsets of(long[] endOffsets, Map<ConsumerKey, long[]> positions) {
        ConsumerKey[] sorted = positions.keySet().toArray(new ConsumerKey[0]);
        Arrays.sort(sorted);
        int partitions = endOffsets.length;
        long[] flat = new long[sorted.length * partitions];
        for (int c = 0; c < sorted.length; c++) {
            long[] column = positions.get(sorted[c]);
            if (column.length != partitions) {
                throw new IllegalArgumentException("consumer '" + sorted[c] + "' has " + column.length
                        + " positions for " + partitions + " partitions");
            }
            System.arraycopy(column, 0, flat, c * partitions, partitions);
        }
        return adopt(endOffsets.clone(), sorted, flat);
    }

    /**
     * As {@link #of}, with the consumers already in their sorted order and their positions consumer by consumer in one
     * array ({@code positions[c * partitions + p]}); the arrays are copied.
     */
    public static TopicOffsets ofSorted(long[] endOffsets, List<ConsumerKey> consumers, long[] positions) {
        return adopt(endOffsets.clone(), consumers.toArray(new ConsumerKey[0]), positions.clone());
    }

    /** As {@link #ofSorted}, taking the arrays instead of copying them: the caller must not keep them. */
    static TopicOffsets adopt(long[] endOffsets, ConsumerKey[] consumers, long[] positions) {
        requireOffsets(endOffsets);
        if (positions.length != consumers.length * endOffsets.length) {
            throw new IllegalArgumentException(positions.length + " positions for " + consumers.length
                    + " consumers on " + endOffsets.length + " partitions");
        }
        for (int c = 0; c < consumers.length; c++) {
            if (c > 0 && consumers[c - 1].compareTo(consumers[c]) >= 0) {
                throw new IllegalArgumentException("consumers out of order or twice: '" + consumers[c - 1]
                        + "' before '" + consumers[c] + "'");
            }
        }
        for (int i = 0; i < positions.length; i++) {
            if (positions[i] < UNKNOWN) {
                throw new IllegalArgumentException("position of '" + consumers[i / endOffsets.length]
                        + "' on partition " + i % endOffsets.length + " is " + positions[i]
                        + "; offsets are >= 0, or -1 for unknown");
            }
        }
        return new TopicOffsets(endOffsets, consumers, positions);
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

    /** The consumers, sorted (kinds as in {@link ConsumerKey.Kind}, then names). */
    public List<ConsumerKey> consumers() {
        return Collections.unmodifiableList(Arrays.asList(consumers));
    }

    /** The consumer's position on the partition, or {@link #UNKNOWN} (also for a consumer not in the snapshot). */
    public long position(ConsumerKey consumer, int partition) {
        int c = Arrays.binarySearch(consumers, consumer);
        return c < 0 ? UNKNOWN : positions[c * endOffsets.length + Objects.checkIndex(partition, endOffsets.length)];
    }

    public long[] positions(ConsumerKey consumer) {
        int c = Arrays.binarySearch(consumers, consumer);
        if (c < 0) {
            long[] none = new long[endOffsets.length];
            Arrays.fill(none, UNKNOWN);
            return none;
        }
        return Arrays.copyOfRange(positions, c * endOffsets.length, (c + 1) * endOffsets.length);
    }

    /** How many consumers have positions here; {@link #consumer(int)} and {@link #position(int, int)} index them. */
    public int consumerCount() {
        return consumers.length;
    }

    /** The {@code c}-th consumer in the sorted order (kinds as in {@link ConsumerKey.Kind}, then names). */
    public ConsumerKey consumer(int c) {
        return consumers[c];
    }

    /**
     * The {@code c}-th consumer's position on the partition, or {@link #UNKNOWN}: for a reader going through every
     * consumer of a topic in a dozen snapshots, where looking each one up by key would be a search each.
     */
    public long position(int c, int partition) {
        return positions[Objects.checkIndex(c, consumers.length) * endOffsets.length
                + Objects.checkIndex(partition, endOffsets.length)];
    }

    private static void requireOffsets(long[] endOffsets) {
        for (int partition = 0; partition < endOffsets.length; partition++) {
            if (endOffsets[partition] < UNKNOWN) {
                throw new IllegalArgumentException("end offset on partition " + partition + " is "
                        + endOffsets[partition] + "; offsets are >= 0, or -1 for unknown");
            }
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TopicOffsets that && Arrays.equals(endOffsets, that.endOffsets)
                && Arrays.equals(consumers, that.consumers) && Arrays.equals(positions, that.positions);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(endOffsets) + Arrays.hashCode(consumers)) + Arrays.hashCode(positions);
    }

    @Override
    public String toString() {
        return "TopicOffsets[partitions=" + endOffsets.length + ", consumers=" + consumers() + "]";
    }
}
