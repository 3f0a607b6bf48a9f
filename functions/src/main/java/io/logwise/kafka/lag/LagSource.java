package io.logwise.kafka.lag;

import java.util.function.Predicate;

/**
 * Where consumer positions come from: Kafka's committed group offsets today; Spark checkpoints (whose offsets never
 * reach Kafka) are a later source. A source reads all consumers in a constant number of calls and never fails the scan
 * for one consumer: an unreadable consumer is reported as {@link ConsumerPositions.Unreadable}.
 */
public interface LagSource {

    /**
     * @param topics which topics the scan covers (the managed prefix, or a narrowed request's topics); positions on
     *               other topics are dropped. A predicate, not a described list, so that a source can be read while
     *               the topics are being described.
     */
    PositionsReading read(Predicate<String> topics, ConsumerScope scope);
}
