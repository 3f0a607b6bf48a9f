package io.logwise.kafka.scan;

/**
 * The state of a consumer on a topic, and of a topic (its most severe consumer verdict): the one verdict type of
 * the scan contract, read by the lag scanner's metrics and table, the partition scaler and the retention updater.
 * Ordered from most to least severe: a topic's verdict is the first one any of its consumers has. Each consumer of
 * the scan decides per verdict in one exhaustive switch, so a new verdict does not compile until each has decided.
 */
public enum Verdict {
    /** Some partitions could not be measured (broker down, timeout): nothing may be decided from this topic. */
    UNKNOWN,
    /** Committed offset below the log start offset: records were deleted by retention before they were read. */
    DATA_LOST,
    /** Time lag above a share of retention.ms: data will be lost unless retention grows or consumers catch up. */
    AT_RISK,
    /**
     * The consumer reads some of the topic's partitions but has had no position, for more than the grace scans, on
     * partitions added later: the records written there are read by nobody (a static assignment, Spark's assign).
     */
    NEW_PARTITIONS_UNREAD,
    /**
     * At least one partition's lag is above the topic's maxLagPerPartition; the consumer's summary reports how many
     * ({@code laggingPartitions}) and their average lag.
     */
    LAGGING,
    /** Position unchanged while lag > 0 over the recent scans. */
    STALLED,
    /** Lag grew over the last scans. */
    FALLING_BEHIND,
    /** The consumer has no committed position on some partitions. */
    NO_COMMIT,
    /** Nobody reads the topic (no group, no checkpoint, no expected consumer with a position). */
    NO_CONSUMER,
    OK;

    public boolean isWorseThan(Verdict other) {
        return compareTo(other) < 0;
    }

    public static Verdict worst(Verdict a, Verdict b) {
        return a.isWorseThan(b) ? a : b;
    }
}
