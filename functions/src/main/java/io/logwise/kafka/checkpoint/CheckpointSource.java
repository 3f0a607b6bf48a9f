package io.logwise.kafka.checkpoint;

import java.util.Objects;

/**
 * One Spark Structured Streaming query whose consumer positions come from its checkpoint.
 *
 * @param name     how the query appears in lag reports (beside Kafka group ids), e.g. {@code spark-order}
 * @param location the checkpoint folder (the query's {@code checkpointLocation})
 */
public record CheckpointSource(String name, CheckpointLocation location) {

    /** The {@code source} value of this kind of consumer in lag reports ({@code ConsumerSummary.source}). */
    public static final String KIND = "spark-checkpoint";

    public CheckpointSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
    }
}
