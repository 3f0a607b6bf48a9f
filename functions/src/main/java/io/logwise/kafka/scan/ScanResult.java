package io.logwise.kafka.scan;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The lag scanner's return value, and the one contract between the scanner and its consumers. EventBridge delivers
 * it (Lambda on-success destination) to the partition scaler and the retention updater; it must stay well under
 * EventBridge's 256 KB event limit. Downstream it is a claim: each consumer checks its age and measures again before
 * any irreversible or destructive change. Build one with {@link #builder} or {@link #toBuilder}.
 *
 * <p>Results written before December 2026 carried an {@code actions} list; it is ignored when read (the scanner's
 * people-facing table derives those items from the verdicts, see {@code lag.ActionPlanner}).
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
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties({"actions"})
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
        Integer omittedTopics) {

    public static Builder builder(String scanId, Instant scannedAt) {
        return new Builder(scanId, scannedAt);
    }

    /** A builder holding every field of this result, to change some of them. */
    public Builder toBuilder() {
        Builder builder = new Builder(scanId, scannedAt).durationMs(durationMs).partial(partial).prefix(prefix)
                .topicCount(topicCount).partitionCount(partitionCount).problems(problems).narrowed(narrowed)
                .verdictCounts(verdictCounts).omittedTopics(omittedTopics);
        builder.topics = topics;
        return builder;
    }

    /** How many of these topics have each verdict. */
    public static Map<Verdict, Integer> countVerdicts(List<TopicSummary> topics) {
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        topics.forEach(topic -> counts.merge(topic.verdict(), 1, Integer::sum));
        return counts;
    }

    /**
     * Fields not set keep these defaults: no topics and no problems, a full scan (not partial, not narrowed), nothing
     * omitted, no verdict counts; topic and partition counts follow the topics unless set.
     */
    public static final class Builder {
        private final String scanId;
        private final Instant scannedAt;
        private long durationMs;
        private boolean partial;
        private String prefix;
        private Integer topicCount;
        private Integer partitionCount;
        private List<TopicSummary> topics = List.of();
        private List<String> problems = List.of();
        private boolean narrowed;
        private Map<Verdict, Integer> verdictCounts;
        private Integer omittedTopics;

        private Builder(String scanId, Instant scannedAt) {
            this.scanId = scanId;
            this.scannedAt = scannedAt;
        }

        public Builder durationMs(long value) {
            durationMs = value;
            return this;
        }

        public Builder partial(boolean value) {
            partial = value;
            return this;
        }

        public Builder prefix(String value) {
            prefix = value;
            return this;
        }

        public Builder topicCount(int value) {
            topicCount = value;
            return this;
        }

        public Builder partitionCount(int value) {
            partitionCount = value;
            return this;
        }

        /** The topics to report; a result built from scratch counts its topics and partitions from them. */
        public Builder topics(List<TopicSummary> value) {
            topics = value;
            return this;
        }

        public Builder problems(List<String> value) {
            problems = value;
            return this;
        }

        public Builder narrowed(boolean value) {
            narrowed = value;
            return this;
        }

        public Builder verdictCounts(Map<Verdict, Integer> value) {
            verdictCounts = value;
            return this;
        }

        /** Topics left out to keep the result small; 0 is stored as none (null). */
        public Builder omittedTopics(Integer value) {
            omittedTopics = value == null || value == 0 ? null : value;
            return this;
        }

        public ScanResult build() {
            int topicTotal = topicCount != null ? topicCount : topics.size();
            int partitionTotal = partitionCount != null ? partitionCount
                    : topics.stream().mapToInt(TopicSummary::partitions).sum();
            return new ScanResult(scanId, scannedAt, durationMs, partial, prefix, topicTotal, partitionTotal, topics,
                    problems, narrowed, verdictCounts, omittedTopics);
        }
    }
}
