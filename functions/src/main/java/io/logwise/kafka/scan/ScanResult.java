package io.logwise.kafka.scan;

import java.time.Instant;
import java.util.List;

/**
 * The lag scanner's return value. EventBridge delivers it (Lambda on-success destination) to the partition scaler
 * and the retention updater; it must stay well under EventBridge's 256 KB event limit.
 *
 * @param scanId    unique per scan
 * @param scannedAt when the offsets were read (downstream refuses scans older than its configured age)
 * @param partial   true when some partitions or sources could not be measured
 * @param prefix    the managed prefix the scan covered
 * @param topics    one summary per managed topic
 * @param problems  plain-language notes on what could not be measured (sources, partitions)
 */
public record ScanResult(
        String scanId,
        Instant scannedAt,
        long durationMs,
        boolean partial,
        String prefix,
        int topicCount,
        int partitionCount,
        List<TopicSummary> topics,
        List<String> problems) {
}
