package io.logwise.kafka.checkpoint;

/**
 * The checkpoint could not be read or is not in Spark's format: nothing is known about this query's position.
 *
 * @param reason what failed and why, in plain language (never a credential)
 */
public record CheckpointProblem(String sourceName, String location, String reason) implements CheckpointResult {
}
