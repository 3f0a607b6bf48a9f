package io.logwise.kafka.retention;

import io.logwise.kafka.client.Deadline;
import io.logwise.kafka.error.KafkaErrors;
import io.logwise.kafka.error.LogwiseException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.AlterConfigsOptions;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeLogDirsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The retention updater's contact with Kafka, in batched calls: read the topics' retention and disk use, and change
 * retention configs in one incrementalAlterConfigs call. Who has read what is measured by
 * {@code io.logwise.kafka.admin.UnreadReader}, the reading every function shares.
 */
public final class RetentionKafkaGateway {

    private final Admin admin;
    private final Deadline deadline;

    public RetentionKafkaGateway(Admin admin, Deadline deadline) {
        this.admin = admin;
        this.deadline = deadline;
    }

    /** Current retention of the topics that exist; absent topics are missing from the map. */
    public Map<String, TopicRetention> read(Collection<String> topics) {
        Map<String, TopicRetention> found = new LinkedHashMap<>();
        if (topics.isEmpty()) {
            return found;
        }
        try {
            Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(topics,
                    new DescribeTopicsOptions().timeoutMs(deadline.callTimeoutMs("describing topics")))
                    .topicNameValues();
            Map<String, Integer> partitions = new LinkedHashMap<>();
            for (String topic : topics) {
                try {
                    partitions.put(topic, described.get(topic).get().partitions().size());
                } catch (ExecutionException e) {
                    if (!(KafkaErrors.unwrap(e) instanceof UnknownTopicOrPartitionException)) {
                        throw e;
                    }
                }
            }
            if (partitions.isEmpty()) {
                return found;
            }
            List<ConfigResource> resources = partitions.keySet().stream()
                    .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources, new DescribeConfigsOptions()
                    .timeoutMs(deadline.callTimeoutMs("describing topic configs"))).all().get();
            Map<String, Long> logBytes = logBytes(partitions.keySet());
            for (ConfigResource resource : resources) {
                Config config = configs.get(resource);
                found.put(resource.name(), new TopicRetention(resource.name(), partitions.get(resource.name()),
                        longValue(config, "retention.ms"), longValue(config, "retention.bytes"),
                        logBytes.getOrDefault(resource.name(), -1L)));
            }
            return found;
        } catch (InterruptedException | ExecutionException e) {
            throw KafkaErrors.translate("reading retention configs", e);
        }
    }

    private static long longValue(Config config, String name) {
        ConfigEntry entry = config.get(name);
        return entry == null || entry.value() == null ? -1 : Long.parseLong(entry.value());
    }

    /** Bytes on disk per topic, summed over every replica, from one describeLogDirs call for all brokers. */
    private Map<String, Long> logBytes(Set<String> topics) throws InterruptedException, ExecutionException {
        Collection<Node> nodes = admin.describeCluster(new DescribeClusterOptions()
                .timeoutMs(deadline.callTimeoutMs("describing the cluster"))).nodes().get();
        Map<Integer, Map<String, LogDirDescription>> dirs = admin.describeLogDirs(
                nodes.stream().map(Node::id).toList(),
                new DescribeLogDirsOptions().timeoutMs(deadline.callTimeoutMs("describing log dirs")))
                .allDescriptions().get();
        Map<String, Long> bytes = new HashMap<>();
        for (Map<String, LogDirDescription> byDir : dirs.values()) {
            for (LogDirDescription dir : byDir.values()) {
                for (Map.Entry<TopicPartition, ReplicaInfo> replica : dir.replicaInfos().entrySet()) {
                    if (topics.contains(replica.getKey().topic())) {
                        bytes.merge(replica.getKey().topic(), replica.getValue().size(), Long::sum);
                    }
                }
            }
        }
        return bytes;
    }

    /** One incrementalAlterConfigs call (SET only: other overrides stay); per topic, the error if it failed. */
    public Map<String, Optional<String>> alter(Map<String, Map<ConfigKey, Long>> changes) {
        Map<String, Optional<String>> messages = new LinkedHashMap<>();
        apply(changes).forEach((topic, error) -> messages.put(topic, error.map(Throwable::getMessage)));
        return messages;
    }

    /** As {@link #alter}, keeping each failure's type: a refused permission must fail the invocation. */
    public Map<String, Optional<LogwiseException>> apply(Map<String, Map<ConfigKey, Long>> changes) {
        Map<String, Optional<LogwiseException>> errors = new LinkedHashMap<>();
        if (changes.isEmpty()) {
            return errors;
        }
        Map<ConfigResource, Collection<AlterConfigOp>> ops = new LinkedHashMap<>();
        changes.forEach((topic, values) -> ops.put(new ConfigResource(ConfigResource.Type.TOPIC, topic),
                values.entrySet().stream().map(e -> new AlterConfigOp(
                        new ConfigEntry(e.getKey().kafkaName(), Long.toString(e.getValue())),
                        AlterConfigOp.OpType.SET)).toList()));
        Map<ConfigResource, KafkaFuture<Void>> results = admin.incrementalAlterConfigs(ops,
                new AlterConfigsOptions().timeoutMs(deadline.callTimeoutMs("changing retention"))).values();
        results.forEach((resource, future) -> {
            try {
                future.get();
                errors.put(resource.name(), Optional.empty());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw KafkaErrors.translate("changing retention", e);
            } catch (ExecutionException e) {
                errors.put(resource.name(), Optional.of(KafkaErrors.translate("changing retention of "
                        + resource.name(), e)));
            }
        });
        return errors;
    }
}
