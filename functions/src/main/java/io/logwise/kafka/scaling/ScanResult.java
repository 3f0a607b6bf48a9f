package io.logwise.kafka.scaling;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** One run of the lag scanner: when it read the offsets, and what it found per topic. */
public record ScanResult(Instant scannedAt, List<TopicScan> topics) {

    public ScanResult {
        Objects.requireNonNull(scannedAt, "scannedAt");
        topics = List.copyOf(topics);
    }
}
