package io.logwise.kafka.scaling;

import io.logwise.kafka.scan.Verdict;
import java.util.Objects;
import java.util.Optional;

/**
 * One topic of the lag scanner's result as the scaling policy reads it: the scanner's verdict for the topic, and the
 * figures of its most lagging measured consumer as the scanner judged them (see {@link ScanAdapter}).
 *
 * @param verdict    the scanner's verdict for the topic (UNKNOWN when it was not measured completely)
 * @param partitions the partition count the scan saw
 * @param partial    true when the scanner could not read every partition's offsets
 * @param rates      present only when both ingest and consume rates are known
 */
public record TopicScan(
        String topic,
        Verdict verdict,
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
