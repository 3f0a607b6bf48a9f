package io.logwise.kafka.sizing;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * What the calculator recommends, with the intermediate figures so the arithmetic can be shown.
 *
 * @param input                  the validated input
 * @param sizeBand               the message-size band that sets the per-partition rate
 * @param peakMessagesPerSecond  rate x peak factor
 * @param partitionsForPeak      ceil(peak rate / max rate per partition)
 * @param partitionsWithHeadroom ceil(partitionsForPeak x (1 + headroom))
 * @param partitions             max(3, partitionsWithHeadroom): the starting partition count
 * @param maxLagPerPartition     max rate per partition x 300 s: the lag scanner's MAX_LAG_PER_PARTITION
 * @param retention              the environment's retention
 * @param replicationFactor      replication factor for the environment
 * @param minInsyncReplicas      min.insync.replicas for the environment
 * @param minBrokers             the fewest brokers that can host that replication factor
 * @param averageIngestBytesPerSecond rate x message size, one replica
 * @param estimatedDiskBytes     average ingest x retention x replication factor, before compression
 */
public record SizingResult(
        SizingInput input,
        SizeBand sizeBand,
        BigDecimal peakMessagesPerSecond,
        long partitionsForPeak,
        long partitionsWithHeadroom,
        long partitions,
        long maxLagPerPartition,
        Duration retention,
        int replicationFactor,
        int minInsyncReplicas,
        int minBrokers,
        BigDecimal averageIngestBytesPerSecond,
        BigDecimal estimatedDiskBytes) {

    public long retentionMs() {
        return retention.toMillis();
    }
}
