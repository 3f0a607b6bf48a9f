package io.logwise.kafka.scaling;

import java.util.Objects;
import java.util.Optional;

/**
 * The lag scanner's result for one topic.
 *
 * @param partitions the partition count the scan saw
 * @param partial    true when the scanner could not read every partition's offsets
 * @param rates      present only when both ingest and consume rates are known
 */
public record TopicScan(
        String topic,
        ScanVerdict verdict,
        boolean partial,
        int partitions,
        LagFigures lag,
        Optional<Rates> rates) {

    public TopicScan {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(lag, "lag");
        Objects.requireNonNull(rates, "rates");
        if (partitions < 1) {
            throw new IllegalArgumentException(topic + ": partitions must be at least 1, was " + partitions);
        }
        if (lag.laggingPartitions() > partitions) {
            throw new IllegalArgumentException(topic + ": " + lag.laggingPartitions()
                    + " lagging partitions out of " + partitions);
        }
    }
}
