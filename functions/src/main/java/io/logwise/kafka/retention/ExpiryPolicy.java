package io.logwise.kafka.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Which stored temporary extensions are due at {@code now}. Extensions waiting for consumers to catch up are left to
 * {@link ProtectionPolicy}. A restore is a lowering and must still pass {@link RetentionGuard}
 * ({@link TemporaryExtension#revertInput}); a refused restore stays stored and is retried on the next run.
 */
public final class ExpiryPolicy {

    /** What to do with one stored extension. */
    public sealed interface Action {
        TemporaryExtension extension();

        /** Not yet: {@code remaining} until expiry, or empty while waiting for consumers. */
        record NotDue(TemporaryExtension extension, Optional<Duration> remaining) implements Action {
        }

        /** Due: pass {@link TemporaryExtension#revertInput} to the guard, then drop the extension once applied. */
        record Restore(TemporaryExtension extension) implements Action {
        }

        /** Retention was changed by someone else since: leave it, drop the stored extension, report it. */
        record Drifted(TemporaryExtension extension, long currentRetentionMs) implements Action {
        }

        /** The topic no longer exists: drop the stored extension. */
        record TopicGone(TemporaryExtension extension) implements Action {
        }
    }

    private ExpiryPolicy() {
    }

    /**
     * @param currentRetentionMs the topic's retention.ms now; empty when the topic does not exist
     */
    public static Action decide(TemporaryExtension extension, OptionalLong currentRetentionMs, Instant now) {
        if (currentRetentionMs.isEmpty()) {
            return new Action.TopicGone(extension);
        }
        if (extension.isDrifted(currentRetentionMs.getAsLong())) {
            return new Action.Drifted(extension, currentRetentionMs.getAsLong());
        }
        if (extension.untilCaughtUp()) {
            return new Action.NotDue(extension, extension.expiresAt()
                    .filter(now::isBefore).map(expiry -> Duration.between(now, expiry)));
        }
        if (extension.timeConditionMet(now)) {
            return new Action.Restore(extension);
        }
        return new Action.NotDue(extension, extension.expiresAt().map(expiry -> Duration.between(now, expiry)));
    }

    /** Decides every stored extension; {@code currentRetentionMs} maps topic to retention.ms (absent: no topic). */
    public static List<Action> decideAll(List<TemporaryExtension> extensions, Map<String, Long> currentRetentionMs,
                                         Instant now) {
        return extensions.stream()
                .map(extension -> decide(extension, currentRetentionMs.containsKey(extension.topic())
                        ? OptionalLong.of(currentRetentionMs.get(extension.topic())) : OptionalLong.empty(), now))
                .toList();
    }
}
