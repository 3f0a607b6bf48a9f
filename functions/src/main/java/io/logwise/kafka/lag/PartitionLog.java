package io.logwise.kafka.lag;

/** What the brokers said about one partition's log: its offset range, or why it could not be read. */
public sealed interface PartitionLog {

    /**
     * @param start the log start offset (older records were deleted)
     * @param end   the log end offset (high watermark)
     */
    record Range(long start, long end) implements PartitionLog {
        public Range {
            if (start < 0 || end < start) {
                throw new IllegalArgumentException("invalid log range " + start + ".." + end);
            }
        }
    }

    /** Broker down, no leader, timeout: nothing is known, and nothing may be assumed (never lag 0). */
    record Unreadable(String reason) implements PartitionLog {
    }
}
