package io.logwise.kafka.checkpoint;

/**
 * What one Spark checkpoint source says about its query's consumer position: {@link CheckpointPositions},
 * {@link CheckpointNoBatchYet} or {@link CheckpointProblem}. One result per configured source, always.
 */
public sealed interface CheckpointResult permits CheckpointPositions, CheckpointNoBatchYet, CheckpointProblem {

    /** The source's configured name, as it appears in lag reports. */
    String sourceName();

    /** The checkpoint location, e.g. {@code s3://bucket/checkpoints/order}. */
    String location();
}
