package io.logwise.kafka.retention;

import io.logwise.kafka.scan.ConsumerSummary;
import io.logwise.kafka.scan.TopicSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
     * NEW_PARTITIONS_UNREAD is lagging: the records on the unread new partitions are unread, so an extension is not
     * reverted (extending for them would not help: their consumer never reads there).
     */
    static LagState state(TopicSummary topic) {
        if (!topic.measuredCompletely()) {
            return LagState.UNKNOWN;
        }
        return switch (topic.verdict()) {
            case AT_RISK, DATA_LOST -> LagState.AT_RISK;
            case LAGGING, FALLING_BEHIND, STALLED, NO_COMMIT, NEW_PARTITIONS_UNREAD -> LagState.LAGGING;
            case OK -> LagState.OK;
            case NO_CONSUMER, UNKNOWN -> LagState.UNKNOWN;
        };
    }

    /** The largest age of an unread record over the topic's consumers, as of the scan; empty when none is known. */
    static Optional<Duration> timeLag(TopicSummary topic) {
        return consumers(topic).stream().map(ScanFigures::age).flatMap(Optional::stream).max(Duration::compareTo);
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
