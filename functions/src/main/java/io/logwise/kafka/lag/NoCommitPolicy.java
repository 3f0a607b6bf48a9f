package io.logwise.kafka.lag;

/**
 * How a partition without a committed offset counts toward lag (and so toward scaling), like KEDA's
 * {@code offsetResetPolicy}. Either way the partition is counted in {@code noCommitPartitions}: never lag 0.
 */
public enum NoCommitPolicy {
    /** Lag counted from the log start offset: the consumer would read everything retained. */
    EARLIEST,
    /** Not counted in lag figures: the consumer would start at the end. */
    IGNORE
}
