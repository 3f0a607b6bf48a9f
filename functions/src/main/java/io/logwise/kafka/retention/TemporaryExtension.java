package io.logwise.kafka.retention;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A temporary retention raise kept in the state store so it can be undone. It reverts once all its conditions hold:
 * {@code expiresAt} has passed (when set) and, for protection extensions, the consumers have caught up.
 *
 * @param topic                the managed topic
 * @param originalRetentionMs  the value to restore (never the value of an earlier extension)
 * @param extendedRetentionMs  the value LogWise set; if the topic shows anything else, someone changed it since
 * @param expiresAt            for {@code for}/{@code until} requests
 * @param untilCaughtUp        set by protection: revert only once the consumers have caught up
 * @param reason               why it was extended
 * @param createdAt            when it was first extended
 */
public record TemporaryExtension(
        String topic,
        long originalRetentionMs,
        long extendedRetentionMs,
        Optional<Instant> expiresAt,
        boolean untilCaughtUp,
        String reason,
        Instant createdAt) {

    public TemporaryExtension {
        if (!ManagedTopics.isManaged(topic)) {
            throw new IllegalArgumentException("not a managed topic: " + topic);
        }
        if (originalRetentionMs <= 0) {
            throw new IllegalArgumentException("original retention.ms must be positive, got " + originalRetentionMs);
        }
        if (extendedRetentionMs <= originalRetentionMs) {
            throw new IllegalArgumentException("an extension must raise retention: " + extendedRetentionMs
                    + " <= " + originalRetentionMs);
        }
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (expiresAt.isEmpty() && !untilCaughtUp) {
            throw new IllegalArgumentException("an extension needs an expiry or the caught-up condition");
        }
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /**
     * The extension to store after a temporary request ({@code for}/{@code until}) raised {@code topic} from
     * {@code currentMs} to {@code requestedMs}. If an extension is already active its original value is kept, so
     * the eventual revert goes back to the value from before any extension.
     */
    public static TemporaryExtension forRequest(Optional<TemporaryExtension> active, String topic, long currentMs,
                                                long requestedMs, Instant expiresAt, String reason, Instant now) {
        return active.filter(existing -> existing.topic().equals(topic) && !existing.isDrifted(currentMs))
                .map(existing -> new TemporaryExtension(topic, existing.originalRetentionMs(), requestedMs,
                        Optional.of(expiresAt), existing.untilCaughtUp(), reason, existing.createdAt()))
                .orElseGet(() -> new TemporaryExtension(topic, currentMs, requestedMs, Optional.of(expiresAt), false,
                        reason, now));
    }

    /** True when the topic's retention is no longer the value this extension set. */
    public boolean isDrifted(long currentRetentionMs) {
        return currentRetentionMs != extendedRetentionMs;
    }

    public boolean timeConditionMet(Instant now) {
        return expiresAt.map(expiry -> !now.isBefore(expiry)).orElse(true);
    }

    /** The same extension raised further, now also waiting for the consumers to catch up. */
    TemporaryExtension extendedForProtection(long newRetentionMs, String why) {
        return new TemporaryExtension(topic, originalRetentionMs, newRetentionMs, expiresAt, true, why, createdAt);
    }

    /** What the guard must approve to undo this extension: a plain, permanent, unforced lowering. */
    public GuardInput revertInput(Optional<UnreadData> unread, OptionalDouble ingestBytesPerSecond) {
        return new GuardInput(topic, extendedRetentionMs, originalRetentionMs, unread, false, false,
                Optional.of("revert temporary extension: " + reason), ingestBytesPerSecond);
    }
}
