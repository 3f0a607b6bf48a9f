package io.logwise.kafka.gateway;

import io.logwise.kafka.client.Deadline;
import io.logwise.kafka.error.KafkaErrors;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicCollection;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * The one way each gateway reads the cluster's topics and brokers: listTopics, describeTopics, describeConfigs and
 * describeCluster. Each read is one Admin call for all the topics it is given and returns the futures per topic, so
 * the caller decides what a failure means (a topic deleted meanwhile is skipped by one gateway, fatal to another).
 */
final class AdminReads {

    private final Admin admin;

    AdminReads(Admin admin) {
        this.admin = admin;
    }

    /** Every topic name; internal topics (__consumer_offsets...) only when asked for. */
    KafkaFuture<Set<String>> topicNames(boolean includeInternal, int timeoutMs) {
        return admin.listTopics(new ListTopicsOptions().listInternal(includeInternal).timeoutMs(timeoutMs)).names();
    }

    /** One describeTopics call; the description of each topic. */
    Map<String, KafkaFuture<TopicDescription>> topics(Collection<String> topics, int timeoutMs) {
        return admin.describeTopics(TopicCollection.ofTopicNames(topics),
                new DescribeTopicsOptions().timeoutMs(timeoutMs)).topicNameValues();
    }

    /** One describeConfigs call; the configuration of each topic, by topic name. */
    Map<String, KafkaFuture<Config>> topicConfigs(Collection<String> topics, int timeoutMs) {
        Map<ConfigResource, KafkaFuture<Config>> configs = admin.describeConfigs(
                topics.stream().map(AdminReads::topicResource).toList(),
                new DescribeConfigsOptions().timeoutMs(timeoutMs)).values();
        Map<String, KafkaFuture<Config>> byTopic = new HashMap<>();
        configs.forEach((resource, config) -> byTopic.put(resource.name(), config));
        return byTopic;
    }

    /** The live brokers, or with {@code includeFenced} every registered one (DescribeCluster v2, Kafka 3.9+). */
    KafkaFuture<Collection<Node>> brokers(boolean includeFenced, int timeoutMs) {
        return admin.describeCluster(new DescribeClusterOptions().includeFencedBrokers(includeFenced)
                .timeoutMs(timeoutMs)).nodes();
    }

    /**
     * How many brokers a new topic's replication factor may count on: the registered ones, fenced included. The live
     * ones alone would not do: while one of three is down or restarting (a Lambda retry seconds after a broker
     * failure, an MSK rolling update) "min(3, brokers)" would create topics with a permanent replication factor of 2.
     * Fenced brokers are still registered and Kafka places replicas on them (they catch up on return). Brokers before
     * Kafka 3.9 (KIP-1073) cannot list fenced brokers: then the live ones.
     */
    int registeredBrokers(Deadline deadline, String operation) {
        try {
            try {
                return brokers(true, deadline.callTimeoutMs(operation)).get().size();
            } catch (ExecutionException e) {
                if (!(KafkaErrors.unwrap(e) instanceof UnsupportedVersionException)) {
                    throw e;
                }
                return brokers(false, deadline.callTimeoutMs(operation)).get().size();
            }
        } catch (ExecutionException | InterruptedException e) {
            throw KafkaErrors.translate(operation, e);
        }
    }

    /** Every topic's answer, or the first failure. */
    static <T> Map<String, T> all(Map<String, KafkaFuture<T>> futures) throws ExecutionException, InterruptedException {
        Map<String, T> values = new HashMap<>();
        for (Map.Entry<String, KafkaFuture<T>> future : futures.entrySet()) {
            values.put(future.getKey(), future.getValue().get());
        }
        return values;
    }

    static ConfigResource topicResource(String topic) {
        return new ConfigResource(ConfigResource.Type.TOPIC, topic);
    }
}
