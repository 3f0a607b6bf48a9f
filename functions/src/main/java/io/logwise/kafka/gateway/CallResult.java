package io.logwise.kafka.gateway;

/** How one topic fared in a batched Admin call: done by this call, already so (e.g. a concurrent run), or failed. */
public record CallResult(Outcome outcome, String detail) {

    public enum Outcome { DONE, ALREADY_DONE, FAILED }

    public static final CallResult DONE = new CallResult(Outcome.DONE, "");

    public static CallResult alreadyDone(String detail) {
        return new CallResult(Outcome.ALREADY_DONE, detail);
    }

    public static CallResult failed(String detail) {
        return new CallResult(Outcome.FAILED, detail);
    }

    public boolean failed() {
        return outcome == Outcome.FAILED;
    }
}
