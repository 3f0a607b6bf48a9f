package io.logwise.kafka.retention;

import io.logwise.kafka.client.Deadline;
import io.logwise.kafka.client.KafkaClientFactory;
import io.logwise.kafka.error.KafkaErrors;
import io.logwise.kafka.error.LogwiseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.AlterConfigsOptions;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeLogDirsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The retention updater's contact with Kafka, in batched calls: read the topics' retention and disk use, find the
 * oldest record some consumer group has not read, and change retention configs in one incrementalAlterConfigs call.
 */
public final class RetentionKafkaGateway {

    private final Admin admin;
    private final KafkaClientFactory factory;
    private final Deadline deadline;

    public RetentionKafkaGateway(Admin admin, KafkaClientFactory factory, Deadline deadline) {
        this.admin = admin;
        this.factory = factory;
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

    /**
     * Per topic, the age of the oldest record a consumer group has not read, per partition. Empty for a topic no
     * group has committed on: nobody's position is known, so a lowering is refused upstream.
     */
    public Map<String, Optional<UnreadData>> unreadData(Collection<String> topics, Instant now) {
        Map<String, Optional<UnreadData>> result = new LinkedHashMap<>();
        if (topics.isEmpty()) {
            return result;
        }
        try {
            UnreadOffsets unread = oldestUnreadOffsets(topics);
            Timestamps timestamps = recordTimestamps(unread.oldest(), unread.end());
            for (String topic : topics) {
                // A partition whose oldest unread record could not be read leaves the topic's age unknown, which
                // refuses a lowering (force overrides) rather than under-stating the unread data.
                boolean unresolved = timestamps.unresolved().stream().anyMatch(p -> p.topic().equals(topic));
                if (!unread.readTopics().contains(topic) || unresolved) {
                    result.put(topic, Optional.empty());
                    continue;
                }
                Map<Integer, Duration> ages = new HashMap<>();
                timestamps.found().forEach((partition, written) -> {
                    if (partition.topic().equals(topic)) {
                        ages.put(partition.partition(), Duration.between(written, now).isNegative()
                                ? Duration.ZERO : Duration.between(written, now));
                    }
                });
                result.put(topic, Optional.of(new UnreadData(ages)));
            }
            return result;
        } catch (InterruptedException | ExecutionException e) {
            throw KafkaErrors.translate("finding unread records", e);
        }
    }

    /** The smallest unread offset per partition, and the topics at least one group reads. */
    private record UnreadOffsets(Map<TopicPartition, Long> oldest, Map<TopicPartition, Long> end,
                                 Set<String> readTopics) {
    }

    /** Write times found per partition, and the partitions whose unread record could not be read in time. */
    private record Timestamps(Map<TopicPartition, Instant> found, Set<TopicPartition> unresolved) {
    }

    /**
     * For each partition some group reads and has not finished, the smallest unread offset over all groups that
     * read the topic (a group without a commit on a partition of a topic it reads counts from the log start).
     */
    private UnreadOffsets oldestUnreadOffsets(Collection<String> topics)
            throws InterruptedException, ExecutionException {
        Collection<GroupListing> groups = admin.listGroups(new ListGroupsOptions()
                .timeoutMs(deadline.callTimeoutMs("listing consumer groups"))).all().get();
        Map<String, ListConsumerGroupOffsetsSpec> specs = new LinkedHashMap<>();
        // Share groups keep no committed offsets (listing them fails); classic, consumer and streams groups do.
        groups.stream().filter(g -> g.type().filter(GroupType.SHARE::equals).isEmpty())
                .forEach(g -> specs.put(g.groupId(), new ListConsumerGroupOffsetsSpec()));
        Map<TopicPartition, Long> start = Map.of();
        Map<TopicPartition, Long> end = Map.of();
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new HashMap<>();
        if (!specs.isEmpty()) {
            var result = admin.listConsumerGroupOffsets(specs, new ListConsumerGroupOffsetsOptions()
                    .timeoutMs(deadline.callTimeoutMs("reading committed offsets")));
            for (String group : specs.keySet()) {
                try {
                    committed.put(group, result.partitionsToOffsetAndMetadata(group).get());
                } catch (ExecutionException e) {
                    if (!(KafkaErrors.unwrap(e) instanceof GroupIdNotFoundException)) {
                        throw e; // deleted since it was listed: it reads nothing any more
                    }
                }
            }
        }
        Map<String, Integer> partitionCounts = new HashMap<>();
        admin.describeTopics(topics, new DescribeTopicsOptions().timeoutMs(deadline.callTimeoutMs("describing topics")))
                .topicNameValues().forEach((topic, future) -> partitionCount(future)
                        .ifPresent(count -> partitionCounts.put(topic, count)));
        List<TopicPartition> partitions = new ArrayList<>();
        partitionCounts.forEach((topic, count) -> {
            for (int p = 0; p < count; p++) {
                partitions.add(new TopicPartition(topic, p));
            }
        });
        if (!partitions.isEmpty()) {
            start = offsets(partitions, OffsetSpec.earliest());
            end = offsets(partitions, OffsetSpec.latest());
        }
        Map<TopicPartition, Long> oldest = new HashMap<>();
        Set<String> read = new HashSet<>();
        for (Map<TopicPartition, OffsetAndMetadata> offsets : committed.values()) {
            Set<String> groupTopics = offsets.keySet().stream().map(TopicPartition::topic)
                    .filter(partitionCounts::containsKey).collect(Collectors.toSet());
            read.addAll(groupTopics);
            for (TopicPartition partition : partitions) {
                if (!groupTopics.contains(partition.topic())) {
                    continue;
                }
                OffsetAndMetadata position = offsets.get(partition);
                long logStart = start.getOrDefault(partition, 0L);
                long unread = position == null ? logStart : Math.max(position.offset(), logStart);
                if (unread < end.getOrDefault(partition, 0L)) {
                    oldest.merge(partition, unread, Math::min);
                }
            }
        }
        return new UnreadOffsets(oldest, end, read);
    }

    /** The partition count, or empty for an unknown topic (the caller reports it as unknown). */
    private static Optional<Integer> partitionCount(KafkaFuture<TopicDescription> future) {
        try {
            return Optional.of(future.get().partitions().size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw KafkaErrors.translate("describing topics", e);
        } catch (ExecutionException e) {
            if (KafkaErrors.unwrap(e) instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw KafkaErrors.translate("describing topics", e);
        }
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec)
            throws InterruptedException, ExecutionException {
        Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
        partitions.forEach(p -> request.put(p, spec));
        Map<TopicPartition, ListOffsetsResultInfo> infos = admin.listOffsets(request, new ListOffsetsOptions()
                .timeoutMs(deadline.callTimeoutMs("listing offsets"))).all().get();
        Map<TopicPartition, Long> offsets = new HashMap<>();
        infos.forEach((p, info) -> offsets.put(p, info.offset()));
        return offsets;
    }

    /**
     * The write time of the record at each offset, read with one assigned consumer (no group, no commit), within
     * one API timeout. Offsets holding only transaction markers (or aborted records) up to the end count as read.
     */
    private Timestamps recordTimestamps(Map<TopicPartition, Long> positions, Map<TopicPartition, Long> end) {
        Map<TopicPartition, Instant> timestamps = new HashMap<>();
        if (positions.isEmpty()) {
            return new Timestamps(timestamps, Set.of());
        }
        Set<TopicPartition> open = new HashSet<>(positions.keySet());
        var props = factory.consumerProperties();
        props.put("max.partition.fetch.bytes", "65536");
        long stopAt = System.nanoTime() + Duration.ofMillis(deadline.callTimeoutMs(
                "reading the oldest unread records")).toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.assign(positions.keySet());
            positions.forEach(consumer::seek);
            while (!open.isEmpty() && System.nanoTime() < stopAt) {
                int timeout = deadline.callTimeoutMs("reading the oldest unread records");
                var records = consumer.poll(Duration.ofMillis(Math.min(timeout, 500)));
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (open.contains(partition) && record.offset() >= positions.get(partition)) {
                        timestamps.put(partition, Instant.ofEpochMilli(record.timestamp()));
                        open.remove(partition);
                        consumer.pause(Set.of(partition));
                    }
                }
                for (TopicPartition partition : Set.copyOf(open)) {
                    if (consumer.position(partition, Duration.ofMillis(timeout)) >= end.get(partition)) {
                        open.remove(partition);
                        consumer.pause(Set.of(partition));
                    }
                }
            }
        } catch (RuntimeException e) {
            // Name the step: without READ on the topics, "changing retention was refused" alone would mislead.
            throw KafkaErrors.translate("reading the oldest unread records of "
                    + positions.keySet().stream().map(TopicPartition::topic).distinct().sorted().toList()
                    + " (the guard against lowering retention below unread data reads them)", e);
        }
        return new Timestamps(timestamps, Set.copyOf(open));
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
