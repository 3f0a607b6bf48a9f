package io.logwise.kafka.state;

import io.logwise.kafka.topics.TopicNames;
import java.time.Instant;
import java.util.Objects;

/**
 * A temporary retention extension the retention updater made and must revert: written before retention is raised
 * (so a crash never loses the original value), removed (tombstone) once reverted.
 *
 * @param originalRetentionMs the topic's retention.ms before the extension, to restore
 * @param extendedRetentionMs the retention.ms set by the extension
 * @param expiresAt           revert at this time, when set
 * @param untilCaughtUp       revert once the consumers caught up (possibly before expiresAt)
 * @param decisionId          the journal decision that made the extension
 */
public record RetentionExtension(
        String topic,
        long originalRetentionMs,
        long extendedRetentionMs,
        Instant expiresAt,
        boolean untilCaughtUp,
        String reason,
        Instant createdAt,
        String decisionId) {

    public RetentionExtension {
        TopicNames.problemWith(topic).ifPresent(problem -> {
            throw new IllegalArgumentException("extension of '" + topic + "': " + problem);
        });
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(decisionId, "decisionId");
        if (expiresAt == null && !untilCaughtUp) {
            throw new IllegalArgumentException(topic + ": a temporary extension needs expiresAt or untilCaughtUp");
        }
        if (originalRetentionMs < -1 || extendedRetentionMs < -1) {
            throw new IllegalArgumentException(topic + ": retention.ms must be -1 (unlimited) or positive");
        }
    }

    public StateKey.ExtensionKey key() {
        return new StateKey.ExtensionKey(topic);
    }

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
