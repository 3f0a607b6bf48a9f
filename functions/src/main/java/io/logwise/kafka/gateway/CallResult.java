package io.logwise.kafka.gateway;

import io.logwise.kafka.error.KafkaAuthorizationException;
import io.logwise.kafka.error.LogwiseException;

/** How one topic fared in a batched Admin call: done by this call, already so (e.g. a concurrent run), or failed. */
public record CallResult(Outcome outcome, String detail, boolean notAuthorized) {

    public enum Outcome { DONE, ALREADY_DONE, FAILED }

    public static final CallResult DONE = new CallResult(Outcome.DONE, "", false);

    public static CallResult alreadyDone(String detail) {
        return new CallResult(Outcome.ALREADY_DONE, detail, false);
    }

    public static CallResult failed(String detail) {
        return new CallResult(Outcome.FAILED, detail, false);
    }

    /** A failure; a refused permission is marked, as it is a deployment fault rather than a topic's state. */
    public static CallResult failed(LogwiseException error) {
        return new CallResult(Outcome.FAILED, error.getMessage(), error instanceof KafkaAuthorizationException);
    }

    public boolean failed() {
        return outcome == Outcome.FAILED;
    }
}
