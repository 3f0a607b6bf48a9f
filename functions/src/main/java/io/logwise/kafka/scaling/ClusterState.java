package io.logwise.kafka.scaling;

import java.util.Map;
import java.util.Optional;

/**
 * The cluster as re-read just before deciding: the scaler never trusts the scan's partition count alone.
 *
 * @param topics                 partition count and replication factor of the topics the decision may touch
 * @param totalPartitionReplicas partition replicas on the whole cluster (all topics, leaders and followers)
 * @param brokerCount            brokers in the cluster
 */
public record ClusterState(Map<String, TopicLayout> topics, long totalPartitionReplicas, int brokerCount) {

    public record TopicLayout(int partitions, int replicationFactor) {
        public TopicLayout {
            if (partitions < 1 || replicationFactor < 1) {
                throw new IllegalArgumentException(
                        "partitions and replication factor must be at least 1: " + partitions
                                + ", " + replicationFactor);
            }
        }
    }

    public ClusterState {
        topics = Map.copyOf(topics);
        if (totalPartitionReplicas < 0 || brokerCount < 1) {
            throw new IllegalArgumentException(
                    "need replicas >= 0 and at least one broker: " + totalPartitionReplicas + ", " + brokerCount);
        }
    }

    public Optional<TopicLayout> topic(String name) {
        return Optional.ofNullable(topics.get(name));
    }
}
