package io.logwise.kafka.checkpoint;

/**
 * The query has not committed a batch yet (a new query, or its first batch still runs): it has no position, which
 * is not an error (NO_COMMIT in lag terms).
 *
 * @param plannedBatchId the batch already planned in {@code offsets/}, or null when there is none
 */
public record CheckpointNoBatchYet(String sourceName, String location, Long plannedBatchId)
        implements CheckpointResult {

    public String reason() {
        return plannedBatchId == null
                ? "no batch yet: " + location + "/offsets/ has no batch file"
                : "no committed batch yet: batch " + plannedBatchId + " is planned in offsets/, commits/ has none";
    }
}
