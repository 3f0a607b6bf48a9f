package io.logwise.kafka.retention;

import io.logwise.kafka.scan.ConsumerSummary;
import io.logwise.kafka.scan.TopicSummary;
import io.logwise.kafka.scan.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Reads what retention protection needs from one topic of the lag scanner's result. */
final class ScanFigures {

    private ScanFigures() {
    }

    /**
     * DATA_LOST counts as at risk (records are being deleted unread: protect what is left). NO_COMMIT is treated as
     * lagging (some positions unknown: neither extend on the verdict alone nor revert), NO_CONSUMER and UNKNOWN as
     * unknown: with no consumer in sight nothing is decided, so a protection extension is not reverted.
     */
    static LagState state(TopicSummary topic) {
        if (!topic.measuredCompletely()) {
            return LagState.UNKNOWN;
        }
        return switch (topic.verdict()) {
            case AT_RISK, DATA_LOST -> LagState.AT_RISK;
            case LAGGING, FALLING_BEHIND, STALLED, NO_COMMIT -> LagState.LAGGING;
            case OK -> LagState.OK;
            case NO_CONSUMER, UNKNOWN -> LagState.UNKNOWN;
        };
    }

    /** The largest age of an unread record over the topic's consumers, as of the scan; empty when none is known. */
    static Optional<Duration> timeLag(TopicSummary topic) {
        return consumers(topic).stream().map(ScanFigures::age).flatMap(Optional::stream).max(Duration::compareTo);
    }

    /**
     * Unread data as the scan saw it (Spark checkpoints included, which Kafka's group offsets do not show), aged to
     * {@code now}: every partition is assumed to hold the oldest unread record, which can only over-state it.
     * Empty (unknown) when a consumer has unread records of unknown age.
     */
    static Optional<UnreadData> unread(TopicSummary topic, Instant scannedAt, Instant now) {
        if (!topic.measuredCompletely()) {
            return Optional.empty();
        }
        Duration oldest = Duration.ZERO;
        boolean anyUnread = false;
        for (ConsumerSummary consumer : consumers(topic)) {
            if (consumer.lag() <= 0) {
                continue;
            }
            Optional<Duration> age = age(consumer);
            if (age.isEmpty()) {
                return Optional.empty();
            }
            anyUnread = true;
            oldest = age.get().compareTo(oldest) > 0 ? age.get() : oldest;
        }
        if (!anyUnread) {
            return Optional.of(UnreadData.allRead());
        }
        Duration aged = oldest.plus(now.isAfter(scannedAt) ? Duration.between(scannedAt, now) : Duration.ZERO);
        Map<Integer, Duration> byPartition = new HashMap<>();
        for (int partition = 0; partition < topic.partitions(); partition++) {
            byPartition.put(partition, aged);
        }
        return Optional.of(new UnreadData(byPartition));
    }

    /** Per partition the larger age of the two; unknown if either side is unknown, unless Kafka knows no group. */
    static Optional<UnreadData> merge(Optional<UnreadData> fromGroups, Optional<UnreadData> fromScan) {
        if (fromScan.isEmpty()) {
            return Optional.empty();
        }
        if (fromGroups.isEmpty()) {
            return fromScan;
        }
        Map<Integer, Duration> merged = new HashMap<>(fromGroups.get().oldestUnreadAgeByPartition());
        fromScan.get().oldestUnreadAgeByPartition().forEach((partition, age) ->
                merged.merge(partition, age, (a, b) -> a.compareTo(b) >= 0 ? a : b));
        return Optional.of(new UnreadData(merged));
    }

    private static List<ConsumerSummary> consumers(TopicSummary topic) {
        List<ConsumerSummary> all = new ArrayList<>(topic.consumers() == null ? List.of() : topic.consumers());
        if (topic.worst() != null && !all.contains(topic.worst())) {
            all.add(topic.worst());
        }
        all.removeIf(Objects::isNull);
        return all;
    }

    private static Optional<Duration> age(ConsumerSummary consumer) {
        if (consumer.oldestUnreadAgeMs() != null) {
            return Optional.of(Duration.ofMillis(Math.max(0, consumer.oldestUnreadAgeMs())));
        }
        if (consumer.timeLagSeconds() != null && Double.isFinite(consumer.timeLagSeconds())) {
            return Optional.of(Duration.ofMillis(Math.max(0, Math.round(consumer.timeLagSeconds() * 1000))));
        }
        return Optional.empty();
    }
}
