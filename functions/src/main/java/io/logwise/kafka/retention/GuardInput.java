package io.logwise.kafka.retention;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What the guard needs to judge a retention.ms change for one topic.
 *
 * @param topic                the managed topic
 * @param currentMs            its retention.ms now (-1 = unlimited)
 * @param requestedMs          the wanted retention.ms (positive)
 * @param unread               oldest unread records per partition; empty when no consumer positions are known
 * @param temporary            part of a temporary change (for/until or protection)
 * @param force                override the refusals force may override
 * @param reason               why; required with force
 * @param ingestBytesPerSecond the topic's write rate on disk (from log dir growth, replicas included), if known
 */
public record GuardInput(
        String topic,
        long currentMs,
        long requestedMs,
        Optional<UnreadData> unread,
        boolean temporary,
        boolean force,
        Optional<String> reason,
        OptionalDouble ingestBytesPerSecond) {

    public GuardInput {
        if (!ManagedTopics.isManaged(topic)) {
            throw new IllegalArgumentException("not a managed topic: " + topic);
        }
        if (currentMs <= 0 && currentMs != RetentionDuration.UNLIMITED) {
            throw new IllegalArgumentException("current retention.ms must be positive or -1, got " + currentMs);
        }
        if (requestedMs <= 0) {
            throw new IllegalArgumentException("requested retention.ms must be positive, got " + requestedMs);
        }
        Objects.requireNonNull(unread, "unread");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(ingestBytesPerSecond, "ingestBytesPerSecond");
        if (force && reason.filter(text -> !text.isBlank()).isEmpty()) {
            throw new IllegalArgumentException("force needs a reason");
        }
    }

    /** A plain, permanent, unforced change with no consumer or ingest figures. */
    public static GuardInput of(String topic, long currentMs, long requestedMs) {
        return new GuardInput(topic, currentMs, requestedMs, Optional.empty(), false, false, Optional.empty(),
                OptionalDouble.empty());
    }

    public GuardInput withUnread(UnreadData figures) {
        return new GuardInput(topic, currentMs, requestedMs, Optional.of(figures), temporary, force, reason,
                ingestBytesPerSecond);
    }

    public GuardInput withIngest(double bytesPerSecond) {
        return new GuardInput(topic, currentMs, requestedMs, unread, temporary, force, reason,
                OptionalDouble.of(bytesPerSecond));
    }

    public GuardInput asTemporary() {
        return new GuardInput(topic, currentMs, requestedMs, unread, true, force, reason, ingestBytesPerSecond);
    }

    public GuardInput forced(String why) {
        return new GuardInput(topic, currentMs, requestedMs, unread, temporary, true, Optional.of(why),
                ingestBytesPerSecond);
    }

    public boolean lowers() {
        return currentMs == RetentionDuration.UNLIMITED || requestedMs < currentMs;
    }
}
