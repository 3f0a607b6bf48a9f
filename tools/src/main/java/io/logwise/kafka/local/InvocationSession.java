package io.logwise.kafka.local;

import java.time.Duration;
import java.util.Optional;

/**
 * The life of the one invocation: handed out once, ended by the first outcome, and bounded in time like Lambda bounds
 * it. The function timeout counts from the moment the event is handed out; before that, the runtime gets Lambda's
 * 10-second init phase plus one function timeout (Lambda retries a slow init inside the first invoke's timeout).
 */
final class InvocationSession {

    static final Duration LAMBDA_INIT_LIMIT = Duration.ofSeconds(10);

    /** What the Runtime API sends with the event: Lambda-Runtime-Deadline-Ms as epoch milliseconds. */
    record Started(Invocation invocation, long deadlineEpochMillis) {
    }

    private final Invocation invocation;
    private final long initDeadlineNanos;
    private long startedNanos;
    private long startedEpochMillis;
    private long endedNanos;
    private boolean started;
    private Outcome outcome;

    InvocationSession(Invocation invocation, Duration initLimit) {
        this.invocation = invocation;
        this.initDeadlineNanos = System.nanoTime() + initLimit.plus(invocation.timeout()).toNanos();
    }

    Invocation invocation() {
        return invocation;
    }

    /** Hands out the event the first time; empty afterwards (the runtime asking for a second event). */
    synchronized Optional<Started> start() {
        if (started || outcome != null) {
            return Optional.empty();
        }
        started = true;
        startedNanos = System.nanoTime();
        startedEpochMillis = System.currentTimeMillis();
        notifyAll();
        return Optional.of(new Started(invocation, startedEpochMillis + invocation.timeout().toMillis()));
    }

    /** Records the outcome if it is the first; later ones (a response after the timeout) are refused. */
    synchronized boolean finish(Outcome result) {
        if (outcome != null) {
            return false;
        }
        outcome = result;
        endedNanos = System.nanoTime();
        notifyAll();
        return true;
    }

    synchronized Optional<Outcome> outcome() {
        return Optional.ofNullable(outcome);
    }

    /** Waits for the outcome; when the current deadline passes first, the outcome is a timeout. */
    synchronized Outcome awaitOutcome() throws InterruptedException {
        while (outcome == null) {
            long deadline = started ? startedNanos + invocation.timeout().toNanos() : initDeadlineNanos;
            long waitNanos = deadline - System.nanoTime();
            if (waitNanos <= 0) {
                finish(new Outcome.TimedOut(invocation.requestId(), invocation.timeout()));
            } else {
                wait(Math.max(1, waitNanos / 1_000_000), 0);
            }
        }
        return outcome;
    }

    /** From the event being handed out to the outcome; empty when the event was never handed out. */
    synchronized Optional<Duration> invokeDuration() {
        if (!started || outcome == null) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(endedNanos - startedNanos));
    }

    /** Wall-clock time the event was handed out; empty before. */
    synchronized Optional<Long> startedEpochMillis() {
        return started ? Optional.of(startedEpochMillis) : Optional.empty();
    }
}
