package io.logwise.kafka.lag;

import java.util.OptionalLong;

/** One consumer on one partition: the evaluator's input. */
public sealed interface PartitionOffsets {

    int partition();

    /**
     * @param committed the consumer's committed offset; empty when it never committed on this partition
     */
    record Measured(int partition, long start, long end, OptionalLong committed) implements PartitionOffsets {

        public static Measured committed(int partition, long start, long end, long committed) {
            return new Measured(partition, start, end, OptionalLong.of(committed));
        }

        public static Measured noCommit(int partition, long start, long end) {
            return new Measured(partition, start, end, OptionalLong.empty());
        }
    }

    /** The partition's log or the consumer's position could not be read. */
    record Unknown(int partition, String reason) implements PartitionOffsets {
    }
}
