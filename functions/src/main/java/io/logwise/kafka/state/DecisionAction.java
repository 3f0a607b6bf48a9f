package io.logwise.kafka.state;

/** What a decision is about. Whether it was carried out is its {@link DecisionOutcome}. */
public enum DecisionAction {
    CREATE_TOPIC,
    INCREASE_PARTITIONS,
    SET_RETENTION,
    EXTEND_RETENTION,
    REVERT_RETENTION
}
