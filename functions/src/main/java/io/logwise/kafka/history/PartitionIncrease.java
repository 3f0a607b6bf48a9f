package io.logwise.kafka.history;

import java.time.Instant;

/**
 * Partitions {@code from} to {@code to - 1} added to a topic at {@code at}, as the decision journal recorded it (an
 * APPLIED increase of the partition scaler or the provisioner).
 */
public record PartitionIncrease(String topic, int from, int to, Instant at) {

    public PartitionIncrease {
        if (from < 0 || to <= from) {
            throw new IllegalArgumentException(topic + ": not an increase: " + from + " -> " + to);
        }
    }
}
