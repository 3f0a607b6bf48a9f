package io.logwise.kafka.gateway;

import io.logwise.kafka.client.Deadline;
import io.logwise.kafka.error.KafkaErrors;
import io.logwise.kafka.retention.ConfigKey;
import io.logwise.kafka.retention.TopicRetention;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeLogDirsOptions;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The retention updater's contact with Kafka, in batched calls: read the topics' retention and disk use, and change
 * retention configs in one incrementalAlterConfigs call. Who has read what is measured by
 * {@code io.logwise.kafka.gateway.UnreadReader}, the reading every function shares.
 */
public final class RetentionKafkaGateway {

    private final Admin admin;
    private final AdminReads reads;
    private final Deadline deadline;

    public RetentionKafkaGateway(Admin admin, Deadline deadline) {
        this.admin = admin;
        this.reads = new AdminReads(admin);
        this.deadline = deadline;
    }

    /** Current retention of the topics that exist; absent topics are missing from the map. */
    public Map<String, TopicRetention> read(Collection<String> topics) {
        Map<String, TopicRetention> found = new LinkedHashMap<>();
        if (topics.isEmpty()) {
            return found;
        }
        try {
            Map<String, KafkaFuture<TopicDescription>> described = reads.topics(topics,
                    deadline.callTimeoutMs("describing topics"));
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
            Map<String, Config> configs = AdminReads.all(reads.topicConfigs(partitions.keySet(),
                    deadline.callTimeoutMs("describing topic configs")));
            Map<String, Long> logBytes = logBytes(partitions.keySet());
            for (String topic : partitions.keySet()) {
                Config config = configs.get(topic);
                found.put(topic, new TopicRetention(topic, partitions.get(topic), longValue(config, "retention.ms"),
                        longValue(config, "retention.bytes"), logBytes.getOrDefault(topic, -1L)));
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
        Collection<Node> nodes = reads.brokers(false, deadline.callTimeoutMs("describing the cluster")).get();
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

    /**
     * One incrementalAlterConfigs call (SET only: other overrides stay), made the one way the project changes topic
     * configs ({@link TopicsKafkaGateway#setTopicConfigs}); per topic, how it fared.
     */
    public Map<String, CallResult> alter(Map<String, Map<ConfigKey, Long>> changes) {
        Map<String, Map<String, String>> configs = new LinkedHashMap<>();
        changes.forEach((topic, values) -> {
            Map<String, String> byName = new LinkedHashMap<>();
            values.forEach((key, value) -> byName.put(key.kafkaName(), Long.toString(value)));
            configs.put(topic, byName);
        });
        return new TopicsKafkaGateway(admin, deadline).setTopicConfigs(configs, "changing retention");
    }
}
