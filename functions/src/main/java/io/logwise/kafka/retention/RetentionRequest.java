package io.logwise.kafka.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A validated retention request. Targets that failed validation are kept in {@code rejectedTargets} so a mixed
 * batch can proceed with the valid ones and report the rest.
 *
 * @param topics          resolved managed topic names, distinct, in request order
 * @param rejectedTargets per-item errors, e.g. {@code services[2]: ... outside the managed prefix}
 * @param retention       the requested retention.ms
 * @param retentionBytes  the requested retention.bytes, if asked (-1 = unlimited)
 * @param expiresAt       set for a temporary change ({@code for} or {@code until}): when the previous value returns
 * @param reason          why; required with force, recorded with every change
 * @param force           override the unread-data and floor guard (never the disk budget)
 * @param dryRun          decide and report, change nothing
 */
public record RetentionRequest(
        List<String> topics,
        List<FieldError> rejectedTargets,
        Duration retention,
        OptionalLong retentionBytes,
        Optional<Instant> expiresAt,
        Optional<String> reason,
        boolean force,
        boolean dryRun) {

    public RetentionRequest {
        topics = List.copyOf(topics);
        rejectedTargets = List.copyOf(rejectedTargets);
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(retentionBytes, "retentionBytes");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(reason, "reason");
        if (force && reason.isEmpty()) {
            throw new IllegalArgumentException("force needs a reason");
        }
    }

    public long retentionMs() {
        return retention.toMillis();
    }

    public boolean temporary() {
        return expiresAt.isPresent();
    }
}
