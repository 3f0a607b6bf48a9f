package io.logwise.kafka.checkpoint;

/**
 * The query has no committed position yet (a new query, its first batch still runs, or its committed batches hold no
 * Kafka partition yet): not an error, NO_COMMIT in lag terms.
 *
 * @param committedBatchId the newest committed batch, when there is one (it then holds no Kafka partition offset)
 * @param plannedBatchId   the newest batch planned in {@code offsets/}, or null when there is none
 * @param reason           why there is no position, in plain language
 */
public record CheckpointNoBatchYet(String sourceName, String location, Long committedBatchId, Long plannedBatchId,
                                   String reason) implements CheckpointResult {

    /** The query started (Spark wrote {@code metadata}) but planned no batch yet. */
    static CheckpointNoBatchYet notPlanned(String sourceName, String location) {
        return new CheckpointNoBatchYet(sourceName, location, null, null,
                "no batch yet: the query started (metadata) but " + location + "/offsets/ has no batch file");
    }

    /** A batch is planned, none is committed. */
    static CheckpointNoBatchYet planned(String sourceName, String location, long plannedBatchId) {
        return new CheckpointNoBatchYet(sourceName, location, null, plannedBatchId, "no committed batch yet: batch "
                + plannedBatchId + " is planned in offsets/, commits/ has none");
    }

    /** Committed batches exist, but their Kafka sources had no partition (e.g. a pattern that matches no topic). */
    static CheckpointNoBatchYet noPartitions(String sourceName, String location, long committedBatchId,
                                             long plannedBatchId) {
        return new CheckpointNoBatchYet(sourceName, location, committedBatchId, plannedBatchId, "committed batch "
                + committedBatchId + " holds no Kafka partition offset (a subscribePattern that matches no topic?)");
    }
}
