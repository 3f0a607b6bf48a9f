package io.logwise.kafka.scaling;

/**
 * Lag of one topic's most lagging consumer at scan time, in records, as the lag scanner judged it: the scaler reads
 * these figures and never judges them against a threshold again.
 *
 * @param laggingPartitions          partitions whose lag the scanner found above {@code maxLagPerPartition}
 * @param avgLagOfLaggingPartitions  total lag of those partitions divided by their count (0 when none)
 * @param maxPartitionLag            lag of the worst partition
 * @param lagTotal                   lag summed over all partitions
 * @param maxLagPerPartition         the threshold the scanner judged the topic by (the lag rule sizes by it)
 */
public record LagFigures(
        int laggingPartitions,
        long avgLagOfLaggingPartitions,
        long maxPartitionLag,
        long lagTotal,
        long maxLagPerPartition) {

    public LagFigures {
        if (laggingPartitions < 0 || avgLagOfLaggingPartitions < 0 || maxPartitionLag < 0 || lagTotal < 0) {
            throw new IllegalArgumentException("lag figures cannot be negative: " + laggingPartitions + ", "
                    + avgLagOfLaggingPartitions + ", " + maxPartitionLag + ", " + lagTotal);
        }
        if (maxLagPerPartition <= 0) {
            throw new IllegalArgumentException("maxLagPerPartition must be positive, was " + maxLagPerPartition);
        }
    }

    public static LagFigures none(long maxLagPerPartition) {
        return new LagFigures(0, 0, 0, 0, maxLagPerPartition);
    }
}
