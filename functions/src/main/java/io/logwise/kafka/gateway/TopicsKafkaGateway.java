package io.logwise.kafka.gateway;

import io.logwise.kafka.client.Deadline;
import io.logwise.kafka.error.KafkaErrors;
import io.logwise.kafka.topics.ClusterSnapshot;
import io.logwise.kafka.topics.TopicPlan;
import io.logwise.kafka.topics.TopicState.ConfigValue;
import io.logwise.kafka.topics.TopicState;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.AlterConfigsOptions;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreatePartitionsOptions;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The topic-provisioner's only contact with Kafka. Every method is one batched Admin call for all the topics it is
 * given, and reads each topic's own future, so one refused topic does not fail the others.
 */
public final class TopicsKafkaGateway {

    private final Admin admin;
    private final AdminReads reads;
    private final Deadline deadline;

    public TopicsKafkaGateway(Admin admin, Deadline deadline) {
        this.admin = admin;
        this.reads = new AdminReads(admin);
        this.deadline = deadline;
    }

    /**
     * The registered broker count (fenced ones included, see {@link AdminReads#registeredBrokers}), every topic name,
     * and partitions, replication factor and configs of the named topics that {@code wanted} selects. A selected
     * topic deleted meanwhile is left out; any other failure aborts (nothing has been changed at this point).
     */
    public ClusterSnapshot describe(Predicate<String> wanted) {
        String operation = "describing the cluster and its topics";
        KafkaFuture<Set<String>> listing = reads.topicNames(false, deadline.callTimeoutMs(operation));
        int brokers = reads.registeredBrokers(deadline, operation);
        Set<String> names = await(listing, operation);
        Set<String> selected = names.stream().filter(wanted).collect(Collectors.toSet());
        if (selected.isEmpty()) {
            return new ClusterSnapshot(brokers, names, Map.of());
        }
        Map<String, KafkaFuture<TopicDescription>> descriptions = reads.topics(selected,
                deadline.callTimeoutMs(operation));
        Map<String, KafkaFuture<Config>> configs = reads.topicConfigs(selected, deadline.callTimeoutMs(operation));
        Map<String, TopicState> described = new HashMap<>();
        for (String topic : selected) {
            try {
                TopicDescription description = descriptions.get(topic).get();
                Config config = configs.get(topic).get();
                int replication = description.partitions().stream()
                        .mapToInt(partition -> partition.replicas().size()).min().orElse(0);
                described.put(topic, new TopicState(topic, description.partitions().size(), replication,
                        configValues(config)));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw KafkaErrors.translate("describing topic " + topic, e);
                }
            } catch (InterruptedException e) {
                throw KafkaErrors.translate(operation, e);
            }
        }
        return new ClusterSnapshot(brokers, names, described);
    }

    /** One createTopics call; a topic that already exists (a concurrent run, auto-creation) is not an error. */
    public Map<String, CallResult> createTopics(Collection<TopicPlan.Create> topics) {
        if (topics.isEmpty()) {
            return Map.of();
        }
        List<NewTopic> newTopics = topics.stream()
                .map(plan -> new NewTopic(plan.topic(), plan.partitions(), (short) plan.replicationFactor())
                        .configs(plan.configs()))
                .toList();
        var options = new CreateTopicsOptions().retryOnQuotaViolation(false)
                .timeoutMs(deadline.callTimeoutMs("creating topics"));
        Map<String, KafkaFuture<Void>> results = admin.createTopics(newTopics, options).values();
        Map<String, CallResult> outcomes = new HashMap<>();
        topics.forEach(plan -> outcomes.put(plan.topic(), outcome(results.get(plan.topic()), "creating the topic",
                failure -> failure instanceof TopicExistsException)));
        return outcomes;
    }

    /**
     * One createPartitions call raising each topic to its target. Kafka refuses a target that is not an increase;
     * such topics are re-read in one describe and count as already done when a concurrent run raised them.
     */
    public Map<String, CallResult> raisePartitions(Map<String, Integer> targets) {
        if (targets.isEmpty()) {
            return Map.of();
        }
        Map<String, NewPartitions> increases = targets.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, target -> NewPartitions.increaseTo(target.getValue())));
        var options = new CreatePartitionsOptions().retryOnQuotaViolation(false)
                .timeoutMs(deadline.callTimeoutMs("raising partitions"));
        Map<String, KafkaFuture<Void>> results = admin.createPartitions(increases, options).values();
        Map<String, CallResult> outcomes = new HashMap<>();
        targets.keySet().forEach(topic -> outcomes.put(topic, outcome(results.get(topic), "raising partitions",
                failure -> failure instanceof InvalidPartitionsException)));
        recheckPartitions(targets, outcomes);
        return outcomes;
    }

    /** One incrementalAlterConfigs call with SET operations only: other topic-level overrides stay as they are. */
    public Map<String, CallResult> setTopicConfigs(Map<String, Map<String, String>> configsByTopic) {
        return setTopicConfigs(configsByTopic, "setting topic configs");
    }

    /** As {@link #setTopicConfigs(Map)}, each failure named as {@code operation} of its topic. */
    public Map<String, CallResult> setTopicConfigs(Map<String, Map<String, String>> configsByTopic,
                                                   String operation) {
        if (configsByTopic.isEmpty()) {
            return Map.of();
        }
        Map<ConfigResource, Collection<AlterConfigOp>> operations = new HashMap<>();
        configsByTopic.forEach((topic, configs) -> operations.put(AdminReads.topicResource(topic),
                configs.entrySet().stream()
                        .map(config -> new AlterConfigOp(new ConfigEntry(config.getKey(), config.getValue()),
                                AlterConfigOp.OpType.SET))
                        .toList()));
        var options = new AlterConfigsOptions().timeoutMs(deadline.callTimeoutMs(operation));
        Map<ConfigResource, KafkaFuture<Void>> results = admin.incrementalAlterConfigs(operations, options).values();
        Map<String, CallResult> outcomes = new HashMap<>();
        configsByTopic.keySet().forEach(topic -> outcomes.put(topic,
                outcome(results.get(AdminReads.topicResource(topic)), operation + " of " + topic, failure -> false)));
        return outcomes;
    }

    private void recheckPartitions(Map<String, Integer> targets, Map<String, CallResult> outcomes) {
        Set<String> refused = outcomes.entrySet().stream()
                .filter(entry -> entry.getValue().outcome() == CallResult.Outcome.ALREADY_DONE)
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        if (refused.isEmpty()) {
            return;
        }
        String operation = "re-reading partition counts";
        Map<String, KafkaFuture<TopicDescription>> now = reads.topics(refused, deadline.callTimeoutMs(operation));
        for (String topic : refused) {
            String refusal = outcomes.get(topic).detail();
            try {
                int partitions = now.get(topic).get().partitions().size();
                outcomes.put(topic, partitions >= targets.get(topic)
                        ? CallResult.alreadyDone("already has " + partitions + " partitions")
                        : CallResult.failed("raising partitions failed: " + refusal));
            } catch (ExecutionException | InterruptedException e) {
                outcomes.put(topic, CallResult.failed("raising partitions failed: " + refusal + "; then "
                        + KafkaErrors.translate(operation, e).getMessage()));
            }
        }
    }

    private static CallResult outcome(KafkaFuture<Void> future, String operation, Predicate<Throwable> alreadyDone) {
        try {
            future.get();
            return CallResult.DONE;
        } catch (ExecutionException e) {
            if (alreadyDone.test(e.getCause())) {
                return CallResult.alreadyDone(e.getCause().getMessage());
            }
            return CallResult.failed(KafkaErrors.translate(operation, e));
        } catch (InterruptedException e) {
            return CallResult.failed(KafkaErrors.translate(operation, e));
        }
    }

    private static Map<String, ConfigValue> configValues(Config config) {
        Map<String, ConfigValue> values = new HashMap<>();
        for (ConfigEntry entry : config.entries()) {
            if (entry.value() != null) {
                values.put(entry.name(), new ConfigValue(entry.value(),
                        entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG));
            }
        }
        return values;
    }

    private static <T> T await(KafkaFuture<T> future, String operation) {
        try {
            return future.get();
        } catch (ExecutionException | InterruptedException e) {
            throw KafkaErrors.translate(operation, e);
        }
    }
}
