package io.logwise.kafka.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Bounded waits for a state a test checks. Kafka answers a read from the broker that receives it, and a broker
 * applies what the controller committed a moment later (longer on a busy machine): a change reported done may not be
 * visible yet. So a test reads until it sees the state it expects, or until the time is up, and then asserts on the
 * last value read: a wrong result still fails, with what was seen.
 */
public final class Eventually {

    /** Long enough for a starved broker on a busy 2-core machine; a correct result usually arrives within 100 ms. */
    public static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final long POLL_MILLIS = 50;

    private Eventually() {
    }

    /** A read that may throw (Kafka calls do). */
    @FunctionalInterface
    public interface Read<T> {
        T get() throws Exception;
    }

    /** Reads until the value equals {@code expected} or {@link #PATIENCE} has passed; returns the last value read. */
    public static <T> T awaitEquals(T expected, Read<T> read) throws Exception {
        return await(read, value -> Objects.equals(expected, value), PATIENCE);
    }

    /** Reads until {@code done} accepts the value or {@link #PATIENCE} has passed; returns the last value read. */
    public static <T> T await(Read<T> read, Predicate<? super T> done) throws Exception {
        return await(read, done, PATIENCE);
    }

    /**
     * Reads until {@code done} accepts the value or {@code patience} has passed, and returns the last value read. A
     * read that throws is tried again until the time is up; then its exception is thrown.
     */
    public static <T> T await(Read<T> read, Predicate<? super T> done, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            T value;
            try {
                value = read.get();
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(POLL_MILLIS);
                continue;
            }
            if (done.test(value) || System.nanoTime() > deadline) {
                return value;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
