package io.logwise.kafka.scan;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One consumer (a Kafka group or a Spark checkpoint) on one topic. Rate and time fields are null when unknown
 * (first scan, gap in history): never guessed.
 *
 * @param consumer                  the group id or the checkpoint source's name
 * @param source                    {@code group} or {@code spark-checkpoint}
 * @param lag                       sum of lag (log end offset minus committed offset, as Kafka's ConsumerGroupCommand
 *                                  prints it) over the measured partitions; a partition without a committed offset
 *                                  counts from its log start offset under NO_COMMIT_POLICY=earliest and not at all
 *                                  under ignore; unmeasured (UNKNOWN) partitions never count
 * @param maxPartitionLag           the largest partition lag
 * @param laggingPartitions         partitions with lag above maxLagPerPartition
 * @param avgLagOfLaggingPartitions average lag of those partitions (0 when none)
 * @param noCommitPartitions        partitions without a committed position
 * @param lostRecords               records deleted before this consumer read them (committed below log start)
 * @param consumeRatePerSec         records read per second over the recent scans (all partitions)
 * @param timeLagSeconds            how far behind the head the consumer is in time (worst partition): when the log
 *                                  end offset passed the consumer's position, interpolated between scan snapshots
 * @param timeToDrainSeconds        lag / (consume rate - ingest rate) when the consumer gains on the head; 0 without
 *                                  lag
 * @param oldestUnreadAgeMs         age of the oldest record this consumer has not read, when known (today the time
 *                                  lag estimate)
 * @param drainsNever               true when the consumer has lag and reads no faster than the topic grows (then
 *                                  timeToDrainSeconds is null); false when it drains; null when unknown
 * @param committedBatchId          a Spark checkpoint's newest committed batch (its offsets are the position); null
 *                                  for a group or before the first commit
 * @param plannedBatchId            a Spark checkpoint's newer batch, planned but not committed yet (running, or
 *                                  left by a crash); null when none
 * @param noCommitReason            why a Spark checkpoint has no position yet (e.g. no batch planned); null otherwise
 * @param addedPartitions           partitions added to the topic that this consumer does not read, or may have
 *                                  started reading past their first records; null when none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsumerSummary(
        String consumer,
        String source,
        Verdict verdict,
        long lag,
        long maxPartitionLag,
        int laggingPartitions,
        long avgLagOfLaggingPartitions,
        int noCommitPartitions,
        long lostRecords,
        Double consumeRatePerSec,
        Double timeLagSeconds,
        Double timeToDrainSeconds,
        Long oldestUnreadAgeMs,
        Boolean drainsNever,
        Long committedBatchId,
        Long plannedBatchId,
        String noCommitReason,
        AddedPartitions addedPartitions) {

    /** A summary without new-partition findings. */
    public ConsumerSummary(String consumer, String source, Verdict verdict, long lag, long maxPartitionLag,
                           int laggingPartitions, long avgLagOfLaggingPartitions, int noCommitPartitions,
                           long lostRecords, Double consumeRatePerSec, Double timeLagSeconds,
                           Double timeToDrainSeconds, Long oldestUnreadAgeMs, Boolean drainsNever,
                           Long committedBatchId, Long plannedBatchId, String noCommitReason) {
        this(consumer, source, verdict, lag, maxPartitionLag, laggingPartitions, avgLagOfLaggingPartitions,
                noCommitPartitions, lostRecords, consumeRatePerSec, timeLagSeconds, timeToDrainSeconds,
                oldestUnreadAgeMs, drainsNever, committedBatchId, plannedBatchId, noCommitReason, null);
    }

    /** A summary without Spark checkpoint details (a Kafka group, or built before they existed). */
    public ConsumerSummary(String consumer, String source, Verdict verdict, long lag, long maxPartitionLag,
                           int laggingPartitions, long avgLagOfLaggingPartitions, int noCommitPartitions,
                           long lostRecords, Double consumeRatePerSec, Double timeLagSeconds,
                           Double timeToDrainSeconds, Long oldestUnreadAgeMs, Boolean drainsNever) {
        this(consumer, source, verdict, lag, maxPartitionLag, laggingPartitions, avgLagOfLaggingPartitions,
                noCommitPartitions, lostRecords, consumeRatePerSec, timeLagSeconds, timeToDrainSeconds,
                oldestUnreadAgeMs, drainsNever, null, null, null);
    }

    /** A summary whose drain outlook is unknown (no history, or built before the history figures existed). */
    public ConsumerSummary(String consumer, String source, Verdict verdict, long lag, long maxPartitionLag,
                           int laggingPartitions, long avgLagOfLaggingPartitions, int noCommitPartitions,
                           long lostRecords, Double consumeRatePerSec, Double timeLagSeconds,
                           Double timeToDrainSeconds, Long oldestUnreadAgeMs) {
        this(consumer, source, verdict, lag, maxPartitionLag, laggingPartitions, avgLagOfLaggingPartitions,
                noCommitPartitions, lostRecords, consumeRatePerSec, timeLagSeconds, timeToDrainSeconds,
                oldestUnreadAgeMs, null);
    }

    /** This summary with a Spark checkpoint's batch ids and no-commit reason, and the given verdict. */
    public ConsumerSummary withCheckpoint(Verdict newVerdict, Long committedBatch, Long plannedBatch, String reason) {
        return new ConsumerSummary(consumer, source, newVerdict, lag, maxPartitionLag, laggingPartitions,
                avgLagOfLaggingPartitions, noCommitPartitions, lostRecords, consumeRatePerSec, timeLagSeconds,
                timeToDrainSeconds, oldestUnreadAgeMs, drainsNever, committedBatch, plannedBatch, reason,
                addedPartitions);
    }

    /** This summary with the rates and times its scan history gives, and the given verdict. */
    public ConsumerSummary withDynamics(Verdict newVerdict, Double consumeRate, Double timeLag, Double timeToDrain,
                                        Long oldestUnreadAge, Boolean neverDrains) {
        return new ConsumerSummary(consumer, source, newVerdict, lag, maxPartitionLag, laggingPartitions,
                avgLagOfLaggingPartitions, noCommitPartitions, lostRecords, consumeRate, timeLag, timeToDrain,
                oldestUnreadAge, neverDrains, committedBatchId, plannedBatchId, noCommitReason, addedPartitions);
    }

    /** This summary with what the new-partition check found, and the given verdict. */
    public ConsumerSummary withAddedPartitions(Verdict newVerdict, AddedPartitions found) {
        return new ConsumerSummary(consumer, source, newVerdict, lag, maxPartitionLag, laggingPartitions,
                avgLagOfLaggingPartitions, noCommitPartitions, lostRecords, consumeRatePerSec, timeLagSeconds,
                timeToDrainSeconds, oldestUnreadAgeMs, drainsNever, committedBatchId, plannedBatchId, noCommitReason,
                found);
    }
}
