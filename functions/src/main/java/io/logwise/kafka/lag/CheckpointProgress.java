package io.logwise.kafka.lag;

import java.util.Set;

/**
 * What a Spark checkpoint says about its query beyond the positions, carried to the consumer's summary.
 *
 * @param committedBatchId the newest committed batch; null when none
 * @param plannedBatchId   a newer batch planned in {@code offsets/} but not committed; null when none
 * @param noCommitReason   why the query has no position yet (then it is NO_COMMIT); null when it has one
 * @param topics           the topics the query is configured to read (reported there even without a position)
 */
public record CheckpointProgress(Long committedBatchId, Long plannedBatchId, String noCommitReason,
                                 Set<String> topics) {

    public CheckpointProgress {
        topics = Set.copyOf(topics);
    }
}
