package io.logwise.kafka.scaling;

import io.logwise.kafka.client.Deadline;
import io.logwise.kafka.error.KafkaAuthorizationException;
import io.logwise.kafka.error.KafkaErrors;
import io.logwise.kafka.error.LogwiseException;
import io.logwise.kafka.scaling.ClusterState.TopicLayout;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreatePartitionsOptions;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The partition scaler's only contact with Kafka: re-read the cluster in one round of batched calls, and raise
 * partitions for a whole plan in one {@code createPartitions} call, reading each topic's result on its own.
 */
public final class ScalingKafkaGateway {

    /** What happened to one topic's increase. */
    public sealed interface Outcome {
        record Applied(int partitions) implements Outcome { }

        /** Kafka already had the target (a retry or a concurrent invocation won): nothing was changed. */
        record AlreadyThere(int partitions) implements Outcome { }

        /**
         * {@code notAuthorized}: the cluster refused the permission, a deployment fault rather than a topic's state.
         */
        record Failed(String error, boolean notAuthorized) implements Outcome {
            Failed(String error) {
                this(error, false);
            }
        }
    }

    private final Admin admin;
    private final Deadline deadline;

    public ScalingKafkaGateway(Admin admin, Deadline deadline) {
        this.admin = admin;
        this.deadline = deadline;
    }

    /** Layout of every topic (for the cluster budget) and broker count: listTopics, describeTopics, describeCluster. */
    public ClusterState readCluster() {
        try {
            Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true)
                    .timeoutMs(deadline.callTimeoutMs("listing topics"))).names().get();
            Map<String, TopicDescription> described = admin.describeTopics(names, new DescribeTopicsOptions()
                    .timeoutMs(deadline.callTimeoutMs("describing topics"))).allTopicNames().get();
            int brokers = admin.describeCluster(new DescribeClusterOptions()
                    .timeoutMs(deadline.callTimeoutMs("describing the cluster"))).nodes().get().size();
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

    /** One createPartitions call for all increases; a failing topic does not fail the others. */
    public Map<String, Outcome> increase(Collection<ScalingDecision.Increase> increases) {
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        if (increases.isEmpty()) {
            return outcomes;
        }
        Map<String, NewPartitions> request = new LinkedHashMap<>();
        increases.forEach(increase -> request.put(increase.topic(), NewPartitions.increaseTo(increase.to())));
        Map<String, KafkaFuture<Void>> results = admin.createPartitions(request, new CreatePartitionsOptions()
                .retryOnQuotaViolation(false)
                .timeoutMs(deadline.callTimeoutMs("adding partitions"))).values();
        for (ScalingDecision.Increase increase : increases) {
            outcomes.put(increase.topic(), outcome(increase, results.get(increase.topic())));
        }
        return outcomes;
    }

    private Outcome outcome(ScalingDecision.Increase increase, KafkaFuture<Void> result) {
        try {
            result.get();
            return new Outcome.Applied(increase.to());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.Failed("interrupted while adding partitions");
        } catch (ExecutionException e) {
            Throwable cause = KafkaErrors.unwrap(e);
            if (cause instanceof InvalidPartitionsException) {
                // Kafka rejects an increase to a count the topic already has (or exceeds): re-read to tell.
                Integer now = currentPartitions(increase.topic());
                if (now != null && now >= increase.to()) {
                    return new Outcome.AlreadyThere(now);
                }
            }
            if (cause instanceof UnknownTopicOrPartitionException) {
                return new Outcome.Failed("the topic no longer exists");
            }
            LogwiseException error = KafkaErrors.translate("adding partitions to " + increase.topic(), e);
            return new Outcome.Failed(error.getMessage(), error instanceof KafkaAuthorizationException);
        }
    }

    private Integer currentPartitions(String topic) {
        try {
            return admin.describeTopics(Set.of(topic), new DescribeTopicsOptions()
                    .timeoutMs(deadline.callTimeoutMs("re-reading " + topic))).allTopicNames().get()
                    .get(topic).partitions().size();
        } catch (Exception e) {
            return null;
        }
    }
}
