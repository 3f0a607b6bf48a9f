package io.logwise.kafka.checkpoint;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The query's consumer position: the offsets of its newest committed batch.
 *
 * <p>The offsets log entry of batch N holds the END offsets (exclusive) of batch N. Once commits/N exists, the query
 * has processed up to them and restarts from them, so they are its position: the next offset it reads, like a Kafka
 * group's committed offset, and lag = log end offset - position. A newer batch in {@code offsets/} without a commit
 * may still be running (or fail and be re-run), so its offsets are not counted as consumed.
 *
 * @param committedBatchId the newest batch with a file in both {@code commits/} and {@code offsets/}
 * @param batchTimestamp   that batch's {@code batchTimestampMs}: when Spark planned it; null when not recorded
 * @param offsets          topic to partition to position, for every Kafka topic-partition of the query
 * @param plannedBatchId   the newest batch in {@code offsets/}; greater than committedBatchId while a batch runs
 * @param committedAt      when the commit file was written (the store's modification time); null when unknown
 */
// {@code batchTimestampMs} is the field of Spark's offsets file, not a misspelt parameter.
@SuppressWarnings("InvalidParam")
public record CheckpointPositions(
        String sourceName,
        String location,
        long committedBatchId,
        Instant batchTimestamp,
        Map<String, Map<Integer, Long>> offsets,
        long plannedBatchId,
        Instant committedAt) implements CheckpointResult {

    /** The position of one partition, when the query reads it. */
    public Optional<Long> position(String topic, int partition) {
        return Optional.ofNullable(offsets.getOrDefault(topic, Map.of()).get(partition));
    }

    /** True while a planned batch has not been committed yet. */
    public boolean batchInFlight() {
        return plannedBatchId > committedBatchId;
    }
}
