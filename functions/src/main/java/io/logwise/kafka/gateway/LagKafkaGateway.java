package io.logwise.kafka.gateway;

import io.logwise.kafka.client.Deadline;
import io.logwise.kafka.error.KafkaErrors;
import io.logwise.kafka.error.LogwiseException;
import io.logwise.kafka.lag.ConsumerPositions;
import io.logwise.kafka.lag.ConsumerScope;
import io.logwise.kafka.lag.LagEvaluator;
import io.logwise.kafka.lag.LagSource;
import io.logwise.kafka.lag.PartitionLog;
import io.logwise.kafka.lag.PositionsReading;
import io.logwise.kafka.lag.TopicLog;
import io.logwise.kafka.topics.ManagedPrefix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListGroupsResult;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * Every Admin call of the lag scanner, each one batched over all topics, partitions or groups: listTopics,
 * describeTopics, describeConfigs, listGroups, listConsumerGroupOffsets, listOffsets earliest and listOffsets
 * latest: seven calls for up to {@value #GROUPS_PER_OFFSETS_CALL} groups and {@value #CONFIG_BATCH} topics. Beyond
 * that, listConsumerGroupOffsets asks for {@value #GROUPS_PER_OFFSETS_CALL} groups at a time (see
 * {@link #GROUPS_PER_OFFSETS_CALL}), and describeConfigs is sent in requests of {@value #CONFIG_BATCH} topics (all
 * issued together), because the broker answers with every configuration entry of every topic (about 37 each)
 * and one answer for 10,000 topics took about 100 MB of heap to parse and hold, more than a 256 MB function has.
 * Results are read per key, so one failing partition or group becomes an unreadable item, never a zero and never a
 * failed scan.
 */
public final class LagKafkaGateway implements LagSource {

    /** Topics per describeConfigs request; see the class comment. */
    static final int CONFIG_BATCH = 500;

    /**
     * Groups per listConsumerGroupOffsets call, one call after the other: 100 groups' offsets on 10,000 partitions
     * (a million entries) in one answer ran a 256 MB function out of heap; each batch is reduced to arrays of
     * offsets before the next is asked for.
     */
    static final int GROUPS_PER_OFFSETS_CALL = 20;

    /** A managed topic as described: its partition count and the partitions without a leader. */
    public record TopicLayout(String topic, int partitions, Set<Integer> leaderless, String problem) {
    }

    /**
     * The answers of the describeTopics and describeConfigs calls, issued together. The layouts are needed before
     * log offsets can be asked for; retention is only read once those are on their way.
     */
    public static final class Description {
        private final List<String> topics;
        private final Map<String, KafkaFuture<TopicLayout>> layouts;
        private final Map<String, KafkaFuture<String>> retentionValues;
        private final int timeout;

        private Description(List<String> topics, Map<String, KafkaFuture<TopicLayout>> layouts,
                            Map<String, KafkaFuture<String>> retentionValues, int timeout) {
            this.topics = topics;
            this.layouts = layouts;
            this.retentionValues = retentionValues;
            this.timeout = timeout;
        }

        public List<TopicLayout> layouts() {
            List<TopicLayout> layouts = new ArrayList<>(topics.size());
            for (String topic : topics) {
                try {
                    layouts.add(await(this.layouts.get(topic), timeout, "describing " + topic));
                } catch (RuntimeException e) {
                    layouts.add(new TopicLayout(topic, 0, Set.of(), describe(e)));
                }
            }
            return layouts;
        }

        /** Each topic's retention.ms; a topic whose configuration could not be read is absent, with a problem. */
        Map<String, Long> retentions(List<String> problems) {
            Map<String, Long> retentions = new HashMap<>();
            for (String topic : topics) {
                try {
                    String value = await(retentionValues.get(topic), timeout,
                            "describing the configuration of " + topic);
                    if (value != null) {
                        retentions.put(topic, Long.parseLong(value));
                    }
                } catch (RuntimeException e) {
                    problems.add(topic + ": retention.ms not read: " + describe(e));
                }
            }
            return retentions;
        }
    }

    private final Admin admin;
    private final AdminReads reads;
    private final Deadline deadline;
    private final boolean everyGroupWithOffsets;

    public LagKafkaGateway(Admin admin, Deadline deadline) {
        this(admin, deadline, false);
    }

    private LagKafkaGateway(Admin admin, Deadline deadline, boolean everyGroupWithOffsets) {
        this.admin = admin;
        this.reads = new AdminReads(admin);
        this.deadline = deadline;
        this.everyGroupWithOffsets = everyGroupWithOffsets;
    }

    /**
     * The reading before destroying data: every group that can hold committed offsets (classic, consumer and streams
     * groups; share groups keep none), not only consumer groups, so that no reader is missed.
     */
    public static LagKafkaGateway forEveryGroupWithOffsets(Admin admin, Deadline deadline) {
        return new LagKafkaGateway(admin, deadline, true);
    }

    /** The managed topics that exist (internal topics excluded). A failure here fails the scan. */
    public Set<String> managedTopics(ManagedPrefix prefix) {
        int timeout = deadline.callTimeoutMs("listing topics");
        Set<String> names = await(reads.topicNames(false, timeout), timeout, "listing topics");
        Set<String> managed = new TreeSet<>();
        names.stream().filter(prefix::manages).forEach(managed::add);
        return managed;
    }

    /** One describeTopics call and the describeConfigs requests for all {@code topics}, issued together. */
    public Description describe(List<String> topics) {
        int timeout = topics.isEmpty() ? 0 : deadline.callTimeoutMs("describing topics");
        if (topics.isEmpty()) {
            return new Description(topics, null, null, timeout);
        }
        // Only the layouts are kept, not the descriptions (replicas, ISR...), to keep the heap small at scale.
        Map<String, KafkaFuture<TopicLayout>> layouts = new HashMap<>();
        reads.topics(topics, timeout).forEach((topic, future) -> layouts.put(topic, future.thenApply(
                description -> layoutOf(topic, description))));
        Map<String, KafkaFuture<String>> retentionValues = new HashMap<>();
        for (int from = 0; from < topics.size(); from += CONFIG_BATCH) {
            retentionValues.putAll(retentionValues(topics.subList(from, Math.min(topics.size(), from + CONFIG_BATCH)),
                    timeout));
        }
        return new Description(List.copyOf(topics), layouts, retentionValues, timeout);
    }

    private static TopicLayout layoutOf(String topic, TopicDescription description) {
        Set<Integer> leaderless = new TreeSet<>();
        for (TopicPartitionInfo partition : description.partitions()) {
            if (partition.leader() == null || partition.leader().isEmpty()) {
                leaderless.add(partition.partition());
            }
        }
        return new TopicLayout(topic, description.partitions().size(), leaderless.isEmpty() ? Set.of() : leaderless,
                null);
    }

    /**
     * One describeConfigs request; only each topic's retention.ms value (null when absent) is kept, so the rest of
     * the answer is garbage as soon as it is parsed.
     */
    private Map<String, KafkaFuture<String>> retentionValues(List<String> topics, int timeout) {
        Map<String, KafkaFuture<String>> values = new HashMap<>();
        reads.topicConfigs(topics, timeout).forEach((topic, config) -> values.put(topic,
                config.thenApply(LagKafkaGateway::retentionValue)));
        return values;
    }

    private static String retentionValue(Config config) {
        ConfigEntry entry = config.get(TopicConfig.RETENTION_MS_CONFIG);
        return entry == null ? null : entry.value();
    }

    /**
     * One listGroups call (consumer groups, classic and new protocol, simple groups included) and one
     * listConsumerGroupOffsets call per {@value #GROUPS_PER_OFFSETS_CALL} groups.
     */
    @Override
    public PositionsReading read(Predicate<String> topics, ConsumerScope scope) {
        List<String> problems = new ArrayList<>();
        int listTimeout = deadline.callTimeoutMs("listing consumer groups");
        ListGroupsResult listing = admin.listGroups((everyGroupWithOffsets ? new ListGroupsOptions()
                : ListGroupsOptions.forConsumerGroups()).timeoutMs(listTimeout));
        Set<String> listed = new TreeSet<>();
        await(listing.valid(), listTimeout, "listing consumer groups").stream()
                .filter(group -> !everyGroupWithOffsets || group.type().filter(GroupType.SHARE::equals).isEmpty())
                .map(GroupListing::groupId).forEach(listed::add);
        Collection<Throwable> listingErrors = await(listing.errors(), listTimeout, "listing consumer groups");
        boolean complete = listingErrors.isEmpty();
        if (!complete) {
            problems.add("consumer groups could not be listed from every broker, so a topic without a known consumer"
                    + " is UNKNOWN, not NO_CONSUMER: " + describe(listingErrors.iterator().next()));
        }
        Set<String> wanted = new LinkedHashSet<>(scope.only().orElseGet(() -> {
            Set<String> all = new TreeSet<>(listed);
            all.addAll(scope.expected());
            return all;
        }));
        if (wanted.isEmpty()) {
            return new PositionsReading(List.of(), complete, problems);
        }
        List<String> groups = new ArrayList<>(wanted);
        List<ConsumerPositions> consumers = new ArrayList<>(groups.size());
        for (int from = 0; from < groups.size(); from += GROUPS_PER_OFFSETS_CALL) {
            List<String> batch = groups.subList(from, Math.min(groups.size(), from + GROUPS_PER_OFFSETS_CALL));
            Map<String, ListConsumerGroupOffsetsSpec> specs = new LinkedHashMap<>();
            batch.forEach(group -> specs.put(group, new ListConsumerGroupOffsetsSpec()));
            int timeout = deadline.callTimeoutMs("reading committed offsets");
            ListConsumerGroupOffsetsResult offsets = admin.listConsumerGroupOffsets(specs,
                    new ListConsumerGroupOffsetsOptions().timeoutMs(timeout));
            for (String group : batch) {
                Map<TopicPartition, OffsetAndMetadata> committed;
                try {
                    committed = await(offsets.partitionsToOffsetAndMetadata(group), timeout,
                            "reading the committed offsets of group " + group);
                } catch (RuntimeException e) {
                    if (rootCause(e) instanceof GroupIdNotFoundException) {
                        committed = Map.of();
                    } else {
                        complete = false;
                        consumers.add(new ConsumerPositions.Unreadable(group, LagEvaluator.GROUP_SOURCE, describe(e)));
                        problems.add("group " + group + ": committed offsets not read: " + describe(e));
                        continue;
                    }
                }
                boolean known = listed.contains(group) || scope.expected().contains(group);
                if (!known && committed.isEmpty()) {
                    problems.add("group " + group + ": no such consumer group");
                    continue;
                }
                consumers.add(new ConsumerPositions.Read(group, LagEvaluator.GROUP_SOURCE,
                        offsetsOn(committed, topics)));
            }
        }
        return new PositionsReading(consumers, complete, problems);
    }

    /**
     * One listOffsets call for the earliest and one for the latest offset of every partition with a leader; the
     * topics' retention is read from {@code description} while they run. Notes on what could not be read go to
     * {@code problems}.
     */
    public List<TopicLog> logs(Description description, List<TopicLayout> layouts, List<String> problems) {
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (TopicLayout layout : layouts) {
            for (int p = 0; p < layout.partitions(); p++) {
                if (!layout.leaderless().contains(p)) {
                    earliest.put(new TopicPartition(layout.topic(), p), OffsetSpec.earliest());
                    latest.put(new TopicPartition(layout.topic(), p), OffsetSpec.latest());
                }
            }
        }
        ListOffsetsResult starts = null;
        ListOffsetsResult ends = null;
        int timeout = 0;
        if (!earliest.isEmpty()) {
            timeout = deadline.callTimeoutMs("reading log offsets");
            starts = admin.listOffsets(earliest, new ListOffsetsOptions().timeoutMs(timeout));
            ends = admin.listOffsets(latest, new ListOffsetsOptions().timeoutMs(timeout));
        }
        Map<String, Long> retentions = layouts.isEmpty() ? Map.of() : description.retentions(problems);
        List<TopicLog> logs = new ArrayList<>(layouts.size());
        for (TopicLayout layout : layouts) {
            if (layout.problem() != null) {
                logs.add(TopicLog.undescribed(layout.topic(), layout.problem()));
                continue;
            }
            List<PartitionLog> partitions = new ArrayList<>(layout.partitions());
            for (int p = 0; p < layout.partitions(); p++) {
                if (layout.leaderless().contains(p)) {
                    partitions.add(new PartitionLog.Unreadable("no leader (its broker is down or the partition is"
                            + " offline)"));
                    continue;
                }
                TopicPartition tp = new TopicPartition(layout.topic(), p);
                try {
                    long start = await(starts.partitionResult(tp), timeout, "reading log start offsets").offset();
                    long end = await(ends.partitionResult(tp), timeout, "reading log end offsets").offset();
                    partitions.add(new PartitionLog.Range(start, end));
                } catch (RuntimeException e) {
                    partitions.add(new PartitionLog.Unreadable(describe(e)));
                }
            }
            logs.add(new TopicLog(layout.topic(), retentions.get(layout.topic()), partitions, null));
        }
        return logs;
    }

    /** Committed offsets per topic in scope, as arrays indexed by partition (sized by the highest one committed). */
    private static Map<String, long[]> offsetsOn(Map<TopicPartition, OffsetAndMetadata> committed,
                                                 Predicate<String> topics) {
        Map<String, Integer> highest = new HashMap<>();
        committed.forEach((tp, offset) -> {
            if (offset != null && topics.test(tp.topic())) {
                highest.merge(tp.topic(), tp.partition(), Math::max);
            }
        });
        Map<String, long[]> result = new HashMap<>();
        highest.forEach((topic, partition) -> {
            long[] offsets = new long[partition + 1];
            Arrays.fill(offsets, ConsumerPositions.NO_COMMIT);
            result.put(topic, offsets);
        });
        committed.forEach((tp, offset) -> {
            long[] offsets = result.get(tp.topic());
            if (offset != null && offsets != null) {
                offsets[tp.partition()] = offset.offset();
            }
        });
        return result;
    }

    /** Waits for a future the Admin client completes within {@code timeoutMs}; a little slack guards against hangs. */
    private static <T> T await(KafkaFuture<T> future, int timeoutMs, String operation) {
        try {
            return future.get(timeoutMs + 5_000L, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw KafkaErrors.translate(operation, e);
        }
    }

    /** The Kafka exception behind a failure, without our translation or the future's wrappers. */
    private static Throwable rootCause(Throwable failure) {
        Throwable cause = KafkaErrors.unwrap(failure);
        while (cause instanceof LogwiseException && cause.getCause() != null) {
            cause = KafkaErrors.unwrap(cause.getCause());
        }
        return cause;
    }

    private static String describe(Throwable failure) {
        Throwable cause = rootCause(failure);
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
