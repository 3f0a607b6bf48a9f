package io.logwise.kafka.scan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The lag scanner's return value. EventBridge delivers it (Lambda on-success destination) to the partition scaler
 * and the retention updater; it must stay well under EventBridge's 256 KB event limit.
 *
 * @param scanId    unique per scan
 * @param scannedAt when the offsets were read (downstream refuses scans older than its configured age)
 * @param partial   true when some partitions or sources could not be measured
 * @param prefix    the managed prefix the scan covered
 * @param topics    one summary per managed topic, unless the result had to be cut to stay under the event size
 *                  limit: then the most severe topics are kept and the rest counted in {@code omittedTopics}
 * @param problems  plain-language notes on what could not be measured (sources, partitions) or what a narrowed
 *                  request named that does not exist
 * @param narrowed  true when a request limited the scan to some topics or groups: verdicts then describe only those
 * @param verdictCounts how many scanned topics have each verdict, omitted topics included
 * @param omittedTopics topics scanned but left out of {@code topics} to keep the result small (null when none)
 * @param actions   what to do about the topics in {@code topics}; never about an UNKNOWN topic
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScanResult(
        String scanId,
        Instant scannedAt,
        long durationMs,
        boolean partial,
        String prefix,
        int topicCount,
        int partitionCount,
        List<TopicSummary> topics,
        List<String> problems,
        boolean narrowed,
        Map<Verdict, Integer> verdictCounts,
        Integer omittedTopics,
        List<Action> actions) {

    /** The original contract's shape: a full scan with nothing omitted and no actions listed. */
    public ScanResult(String scanId, Instant scannedAt, long durationMs, boolean partial, String prefix,
                      int topicCount, int partitionCount, List<TopicSummary> topics, List<String> problems) {
        this(scanId, scannedAt, durationMs, partial, prefix, topicCount, partitionCount, topics, problems, false,
                null, null, List.of());
    }
}
