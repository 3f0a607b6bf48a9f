package io.logwise.kafka.gateway;

import io.logwise.kafka.client.Deadline;
import io.logwise.kafka.error.KafkaErrors;
import io.logwise.kafka.scaling.ClusterState.TopicLayout;
import io.logwise.kafka.scaling.ClusterState;
import io.logwise.kafka.scaling.ScalingDecision;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * The partition scaler's only contact with Kafka: re-read the cluster in one round of batched calls, and raise
 * partitions for a whole plan in one {@code createPartitions} call, reading each topic's result on its own.
 */
public final class ScalingKafkaGateway {

    private final Admin admin;
    private final AdminReads reads;
    private final Deadline deadline;

    public ScalingKafkaGateway(Admin admin, Deadline deadline) {
        this.admin = admin;
        this.reads = new AdminReads(admin);
        this.deadline = deadline;
    }

    /** Layout of every topic (for the cluster budget) and broker count: listTopics, describeTopics, describeCluster. */
    public ClusterState readCluster() {
        try {
            Set<String> names = reads.topicNames(true, deadline.callTimeoutMs("listing topics")).get();
            Map<String, TopicDescription> described = AdminReads.all(reads.topics(names,
                    deadline.callTimeoutMs("describing topics")));
            int brokers = reads.brokers(false, deadline.callTimeoutMs("describing the cluster")).get().size();
            Map<String, TopicLayout> layouts = new HashMap<>();
            long replicas = 0;
            for (TopicDescription topic : described.values()) {
                int partitions = topic.partitions().size();
                int replicationFactor = topic.partitions().isEmpty() ? 1 : topic.partitions().get(0).replicas().size();
                replicas += (long) partitions * replicationFactor;
                layouts.put(topic.name(), new TopicLayout(partitions, Math.max(1, replicationFactor)));
            }
            return new ClusterState(layouts, replicas, brokers);
        } catch (InterruptedException | ExecutionException e) {
            throw KafkaErrors.translate("reading the cluster before scaling", e);
        }
    }

    /**
     * One createPartitions call for all increases, made the one way the project raises partitions
     * ({@link TopicsKafkaGateway#raisePartitions}): a failing topic does not fail the others, and a topic that
     * already has its target (a retry or a concurrent invocation won) is ALREADY_DONE.
     */
    public Map<String, CallResult> increase(Collection<ScalingDecision.Increase> increases) {
        Map<String, Integer> targets = new LinkedHashMap<>();
        increases.forEach(increase -> targets.put(increase.topic(), increase.to()));
        return new TopicsKafkaGateway(admin, deadline).raisePartitions(targets);
    }
}
