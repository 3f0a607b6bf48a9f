package io.logwise.kafka.state;

/**
 * The two parts of the state topic. The journal part (decisions, temporary retention extensions) is small and read by
 * every mutating function; the snapshot part is large and read only by the lag scanner. Keeping them in separate
 * partitions lets each reader fetch only what it needs, and keeps the journal in one total order.
 */
public enum StatePart {
    JOURNAL,
    SNAPSHOTS
}
