package io.logwise.kafka.retention;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One topic's figures from a lag scan, plus its stored temporary extension if any.
 *
 * @param topic           the managed topic
 * @param state           the scanner's verdict
 * @param timeLag         age of the oldest unread record across groups; empty when nothing is unread (or unknown,
 *                        with state UNKNOWN)
 * @param retentionMs     the topic's retention.ms now (-1 = unlimited)
 * @param activeExtension the stored temporary extension for this topic
 */
public record TopicLagFigures(
        String topic,
        LagState state,
        Optional<Duration> timeLag,
        long retentionMs,
        Optional<TemporaryExtension> activeExtension) {

    public TopicLagFigures {
        if (!ManagedTopics.isManaged(topic)) {
            throw new IllegalArgumentException("not a managed topic: " + topic);
        }
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(timeLag, "timeLag");
        Objects.requireNonNull(activeExtension, "activeExtension");
        if (activeExtension.isPresent() && !activeExtension.get().topic().equals(topic)) {
            throw new IllegalArgumentException("extension for " + activeExtension.get().topic() + " given for "
                    + topic);
        }
    }
}
