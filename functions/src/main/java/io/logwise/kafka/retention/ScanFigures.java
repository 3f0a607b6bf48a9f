package io.logwise.kafka.retention;

import io.logwise.kafka.scan.ConsumerSummary;
import io.logwise.kafka.scan.TopicSummary;
import io.logwise.kafka.scan.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Reads what retention protection needs from one topic of the lag scanner's result. */
public final class ScanFigures {

    private ScanFigures() {
    }

    /** The scanner's verdict for the topic; UNKNOWN when some of it was not measured, whatever the verdict says. */
    public static Verdict verdict(TopicSummary topic) {
        return topic.measuredCompletely() ? topic.verdict() : Verdict.UNKNOWN;
    }

    /** The largest age of an unread record over the topic's consumers, as of the scan; empty when none is known. */
    public static Optional<Duration> timeLag(TopicSummary topic) {
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
