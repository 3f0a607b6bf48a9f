package io.logwise.kafka.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InvocationSessionTest {

    private static Invocation invocation(Duration timeout) {
        return new Invocation("req-1", "arn:aws:lambda:us-east-1:123456789012:function:f", "Root=1-0-0", new byte[0],
                timeout);
    }

    @Test
    void handsOutTheEventOnceWithItsDeadline() {
        InvocationSession session = new InvocationSession(invocation(Duration.ofSeconds(30)), Duration.ofSeconds(10));
        long before = System.currentTimeMillis();

        var first = session.start();
        long after = System.currentTimeMillis();

        assertTrue(first.isPresent());
        long deadline = first.get().deadlineEpochMillis();
        assertTrue(deadline >= before + 30_000 && deadline <= after + 30_000, "deadline " + deadline);
        assertEquals(Optional.empty(), session.start());
    }

    @Test
    void theFirstOutcomeWins() throws InterruptedException {
        InvocationSession session = new InvocationSession(invocation(Duration.ofSeconds(30)), Duration.ofSeconds(10));
        session.start();

        assertTrue(session.finish(new Outcome.Response(new byte[] {'1'})));
        assertFalse(session.finish(new Outcome.FunctionError(new byte[] {'2'})));

        assertInstanceOf(Outcome.Response.class, session.awaitOutcome());
        assertTrue(session.invokeDuration().isPresent());
    }

    @Test
    void theFunctionTimeoutCountsFromTheEventBeingHandedOut() throws InterruptedException {
        InvocationSession session = new InvocationSession(invocation(Duration.ofMillis(300)), Duration.ofSeconds(10));
        session.start();
        long started = System.nanoTime();

        Outcome outcome = session.awaitOutcome();
        long waitedMillis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(new Outcome.TimedOut("req-1", Duration.ofMillis(300)), outcome);
        assertTrue(waitedMillis >= 290 && waitedMillis < 5_000, "waited " + waitedMillis + " ms");
    }

    @Test
    void anInitThatNeverAsksForTheEventTimesOutAfterTheInitLimitPlusTheTimeout() throws InterruptedException {
        long created = System.nanoTime();
        InvocationSession session = new InvocationSession(invocation(Duration.ofMillis(200)), Duration.ofMillis(200));

        Outcome outcome = session.awaitOutcome();
        long waitedMillis = (System.nanoTime() - created) / 1_000_000;

        assertInstanceOf(Outcome.TimedOut.class, outcome);
        assertTrue(waitedMillis >= 390 && waitedMillis < 5_000, "waited " + waitedMillis + " ms");
        assertEquals(Optional.empty(), session.invokeDuration());
        assertEquals(Optional.empty(), session.start(), "no event after the outcome");
    }
}
