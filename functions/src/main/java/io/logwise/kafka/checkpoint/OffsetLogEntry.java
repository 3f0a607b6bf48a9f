package io.logwise.kafka.checkpoint;

import java.time.Instant;
import java.util.Map;

/**
 * One parsed file of a checkpoint's {@code offsets/} folder (Spark's {@code OffsetSeq}): the end offsets of one batch.
 *
 * @param batchTimestamp      the batch's {@code batchTimestampMs} (when Spark planned it); null when not recorded
 * @param offsets             topic to partition to offset (unmodifiable, sorted): the end (exclusive) of the batch,
 *                            i.e. the next offset the query reads once the batch is committed
 * @param kafkaSources        source lines that were Kafka offsets
 * @param sourcesWithoutOffset sources written as {@code -} (no offset yet) or {@code {}} (a Kafka source with no
 *                             partition yet)
 * @param otherSources        source lines of other kinds (files, rate, ...), skipped
 */
// {@code batchTimestampMs} is the field of Spark's offsets file, not a misspelt parameter.
@SuppressWarnings("InvalidParam")
public record OffsetLogEntry(
        Instant batchTimestamp,
        Map<String, Map<Integer, Long>> offsets,
        int kafkaSources,
        int sourcesWithoutOffset,
        int otherSources) {
}
