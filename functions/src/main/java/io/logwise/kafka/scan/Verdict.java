package io.logwise.kafka.scan;

/**
 * The state of a consumer on a topic, and of a topic (its most severe consumer verdict). Ordered from most to least
 * severe: a topic's verdict is the first one any of its consumers has.
 */
public enum Verdict {
    /** Some partitions could not be measured (broker down, timeout): nothing may be decided from this topic. */
    UNKNOWN,
    /** Committed offset below the log start offset: records were deleted by retention before they were read. */
    DATA_LOST,
    /** Time lag above a share of retention.ms: data will be lost unless retention grows or consumers catch up. */
    AT_RISK,
    /** Average lag of the partitions over maxLagPerPartition exceeds maxLagPerPartition. */
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
