package io.logwise.kafka.topics;

import java.util.Map;
import java.util.Optional;

/**
 * An existing topic as described by the cluster: its partition count, replication factor (the lowest of its
 * partitions) and its configs.
 */
public record TopicState(String name, int partitions, int replicationFactor, Map<String, ConfigValue> configs) {

    public TopicState {
        configs = Map.copyOf(configs);
    }

    public Optional<ConfigValue> config(String key) {
        return Optional.ofNullable(configs.get(key));
    }

    /**
     * A config's effective value and whether it is set on the topic itself (Kafka's {@code DYNAMIC_TOPIC_CONFIG})
     * rather than inherited from a broker or cluster default, which a later broker-wide change would alter.
     */
    public record ConfigValue(String value, boolean topicLevel) {

        public static ConfigValue onTopic(String value) {
            return new ConfigValue(value, true);
        }

        public static ConfigValue inherited(String value) {
            return new ConfigValue(value, false);
        }
    }
}
