package io.logwise.kafka.state;

/** What became of a decision. */
public enum DecisionOutcome {
    /**
     * The intent was recorded and the change may or may not have been made: the function stopped (crash, timeout)
     * between recording the intent and recording the outcome. A retry of the same trigger completes it.
     */
    PENDING,
    /** The change was made (or Kafka already showed it when a retry re-checked). */
    APPLIED,
    /** A rule or guard stopped the change; the reason says which. */
    REFUSED,
    /** The function runs in dry-run mode: the change was decided, not made. */
    DRY_RUN,
    /** Kafka refused or failed the change; the reason carries the error. */
    FAILED
}
