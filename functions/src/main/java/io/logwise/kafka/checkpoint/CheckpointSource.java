package io.logwise.kafka.checkpoint;

import io.logwise.kafka.lag.LagEvaluator;
import java.util.Objects;
import java.util.Set;

/**
 * One Spark Structured Streaming query whose consumer positions come from its checkpoint.
 *
 * @param name     how the query appears in lag reports (beside Kafka group ids), e.g. {@code spark-order}
 * @param location the checkpoint folder (the query's {@code checkpointLocation})
 * @param topics   the managed topics the query is configured to read: it is reported on them even before its first
 *                 committed batch says which topics it reads (as NO_COMMIT); empty when not configured
 */
public record CheckpointSource(String name, CheckpointLocation location, Set<String> topics) {

    /** The {@code source} value of this kind of consumer in lag reports ({@code ConsumerSummary.source}). */
    public static final String KIND = LagEvaluator.CHECKPOINT_SOURCE;

    public CheckpointSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        topics = Set.copyOf(topics);
    }

    public CheckpointSource(String name, CheckpointLocation location) {
        this(name, location, Set.of());
    }
}
