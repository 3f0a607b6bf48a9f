package io.logwise.kafka.history;

import java.util.List;

/**
 * The recent samples of one partition for one consumer, the current scan included: the partition's end offset and
 * the consumer's position, both taken at each scan's time.
 */
public record PartitionHistory(int partition, List<Sample> endOffsets, List<Sample> positions) {
}
