package io.logwise.kafka.topics;

import java.util.Map;
import java.util.Set;

/**
 * What one describe pass saw: the broker count, the name of every topic (for the '.'/'_' collision check, prefix or
 * not) and the described state of the topics the invocation is about.
 */
public record ClusterSnapshot(int brokers, Set<String> topicNames, Map<String, TopicState> described) {

    public ClusterSnapshot {
        topicNames = Set.copyOf(topicNames);
        described = Map.copyOf(described);
    }
}
