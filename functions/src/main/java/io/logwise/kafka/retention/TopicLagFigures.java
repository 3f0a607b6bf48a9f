package io.logwise.kafka.retention;

import io.logwise.kafka.scan.Verdict;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One topic's figures from a lag scan, plus its stored temporary extension if any.
 *
 * @param topic           the managed topic
 * @param verdict         the scanner's verdict for the topic (UNKNOWN when not measured completely)
 * @param timeLag         age of the oldest unread record across groups; empty when nothing is unread (or unknown,
 *                        with verdict UNKNOWN)
 * @param retentionMs     the topic's retention.ms now (-1 = unlimited)
 * @param activeExtension the stored temporary extension for this topic
 */
public record TopicLagFigures(
        String topic,
        Verdict verdict,
        Optional<Duration> timeLag,
        long retentionMs,
        Optional<TemporaryExtension> activeExtension) {

    public TopicLagFigures {
        if (!ManagedTopics.isManaged(topic)) {
            throw new IllegalArgumentException("not a managed topic: " + topic);
        }
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(timeLag, "timeLag");
        Objects.requireNonNull(activeExtension, "activeExtension");
        if (activeExtension.isPresent() && !activeExtension.get().topic().equals(topic)) {
            throw new IllegalArgumentException("extension for " + activeExtension.get().topic() + " given for "
                    + topic);
        }
    }
}
