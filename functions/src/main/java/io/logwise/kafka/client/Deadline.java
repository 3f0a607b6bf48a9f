package io.logwise.kafka.client;

import io.logwise.kafka.error.KafkaUnavailableException;
import java.time.Duration;

/**
 * The time an invocation may still spend on Kafka calls: each Admin call gets
 * min(api timeout, time left before the function's own deadline minus a safety margin), so a dead or slow cluster
 * gives a clear error before Lambda kills the function.
 */
public final class Deadline {

    /** Time kept back to write the error or result after the last Kafka call. */
    public static final Duration SAFETY_MARGIN = Duration.ofMillis(1500);

    private final long deadlineNanos;
    private final Duration apiTimeout;

    private Deadline(long deadlineNanos, Duration apiTimeout) {
        this.deadlineNanos = deadlineNanos;
        this.apiTimeout = apiTimeout;
    }

    /** @param remaining the invocation's remaining time (Lambda's Context.getRemainingTimeInMillis) */
    public static Deadline after(Duration remaining, Duration apiTimeout) {
        return new Deadline(System.nanoTime() + remaining.minus(SAFETY_MARGIN).toNanos(), apiTimeout);
    }

    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }

    /** The timeout for the next Kafka call; throws when no time is left for {@code operation}. */
    public int callTimeoutMs(String operation) {
        long left = remaining().toMillis();
        if (left < 100) {
            throw new KafkaUnavailableException("no time left for " + operation
                    + " before the function's deadline; nothing further was attempted");
        }
        return (int) Math.min(apiTimeout.toMillis(), left);
    }
}
