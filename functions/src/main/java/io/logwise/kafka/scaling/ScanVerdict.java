package io.logwise.kafka.scaling;

/** The lag scanner's verdict for one topic, as the scaler sees it. */
public enum ScanVerdict {
    /** Average lag of the lagging partitions is at or under the topic's maxLagPerPartition. */
    OK,
    /** Average lag of the lagging partitions is over the topic's maxLagPerPartition. */
    LAGGING,
    /** A consumer does not read partitions added to the topic before: more would go unread too. */
    NEW_PARTITIONS_UNREAD,
    /** The scanner could not tell (no committed offsets, offsets unreadable, no consumer group). */
    UNKNOWN
}
