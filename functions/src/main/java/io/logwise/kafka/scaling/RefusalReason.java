package io.logwise.kafka.scaling;

/** Why the scaler did not increase a topic that asked for it (a lagging topic or a manual request). */
public enum RefusalReason {
    /** The scan is older than the configured maximum age, or dated in the future beyond the clock skew. */
    STALE_SCAN,
    /** The scanner could not read every partition of the topic. */
    PARTIAL_SCAN,
    /** The scanner's verdict for the topic is unknown. */
    UNKNOWN_TOPIC,
    /** The topic is absent from the cluster when re-read. */
    TOPIC_NOT_FOUND,
    /** The topic does not start with the managed prefix {@code logs.}. */
    NOT_MANAGED,
    /** The topic is configured as keyed: more partitions would break per-key order. */
    KEYED_TOPIC,
    /** A manual request asks for fewer partitions than the topic has. */
    DECREASE,
    /** The topic is at its ceiling, or a manual request asks for more than the ceiling. */
    CEILING,
    /** The increase would put the cluster over its partition-replica budget. */
    CLUSTER_BUDGET,
    /** The topic was increased less than the cooldown ago. */
    COOLDOWN,
    /** The scaler's mode is {@code off}. */
    MODE_OFF,
    /** The consumer reads nothing although the topic lags: more partitions would not help. */
    CONSUMER_STALLED,
    /** A consumer does not read the partitions added to the topic before: more partitions would go unread too. */
    NEW_PARTITIONS_UNREAD,
    /** A manual request that is malformed (e.g. partitions below 1). */
    INVALID_REQUEST,
    /** The lag the scan claimed was not confirmed when this function measured it just before increasing. */
    LAG_NOT_CONFIRMED
}
