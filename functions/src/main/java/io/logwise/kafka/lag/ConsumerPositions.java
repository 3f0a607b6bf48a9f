package io.logwise.kafka.lag;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one consumer stands on the managed topics, as one {@link LagSource} read it.
 */
public sealed interface ConsumerPositions {

    /** Marks a partition without a committed offset in {@link Read#committed}. */
    long NO_COMMIT = -1;

    String consumer();

    /** {@code group} for a Kafka consumer group, {@code spark-checkpoint} for a Spark checkpoint (later). */
    String source();

    /**
     * @param committed  per topic, the committed offset of each partition (index = partition number), or
     *                   {@link #NO_COMMIT}; a topic the consumer never committed on is absent
     * @param checkpoint the Spark checkpoint's batches and configured topics; null for a Kafka group
     */
    record Read(String consumer, String source, Map<String, long[]> committed, CheckpointProgress checkpoint)
            implements ConsumerPositions {

        public Read {
            // A HashMap, not Map.copyOf: every scan looks a topic up here once per consumer in each of several
            // passes (100,000 lookups each at 2,000 topics x 50 groups), and Map.copyOf's table compares names with
            // equals while probing, where a HashMap compares their cached hash codes first.
            Map<String, long[]> copy = new HashMap<>(committed.size() * 2);
            committed.forEach((topic, offsets) -> copy.put(Objects.requireNonNull(topic, "topic"),
                    Objects.requireNonNull(offsets, "offsets")));
            committed = Collections.unmodifiableMap(copy);
        }

        public Read(String consumer, String source, Map<String, long[]> committed) {
            this(consumer, source, committed, null);
        }

        /** True when the consumer is configured to read {@code topic} (a Spark source's {@code topics}). */
        // {@code topics} is the Spark source's option, not a misspelt parameter.
        @SuppressWarnings("InvalidParam")
        public boolean configuredFor(String topic) {
            return checkpoint != null && checkpoint.topics().contains(topic);
        }

        /** The committed offset of one partition, empty when there is none. */
        public Optional<Long> committed(String topic, int partition) {
            long[] offsets = committed.get(topic);
            if (offsets == null || partition >= offsets.length || offsets[partition] == NO_COMMIT) {
                return Optional.empty();
            }
            return Optional.of(offsets[partition]);
        }

        public boolean hasCommitsOn(String topic) {
            return anyCommitted(committed.get(topic));
        }

        /** Whether a topic's offsets (as in {@link #committed}, null when absent) hold at least one commit. */
        public static boolean anyCommitted(long[] offsets) {
            if (offsets != null) {
                for (long offset : offsets) {
                    if (offset != NO_COMMIT) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /** The source could not read this consumer's positions (coordinator down, timeout). */
    record Unreadable(String consumer, String source, String reason) implements ConsumerPositions {
    }
}
