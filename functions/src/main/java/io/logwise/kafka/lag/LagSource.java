package io.logwise.kafka.lag;

import java.util.Map;

/**
 * Where consumer positions come from: Kafka's committed group offsets today; Spark checkpoints (whose offsets never
 * reach Kafka) are a later source. A source reads all consumers in a constant number of calls and never fails the scan
 * for one consumer: an unreadable consumer is reported as {@link ConsumerPositions.Unreadable}.
 */
public interface LagSource {

    /**
     * @param partitionsByTopic the managed topics in the scan and their partition counts
     */
    PositionsReading read(Map<String, Integer> partitionsByTopic, ConsumerScope scope);
}
