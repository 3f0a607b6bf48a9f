package io.logwise.kafka.gateway;

import io.logwise.kafka.checkpoint.CheckpointNoBatchYet;
import io.logwise.kafka.checkpoint.CheckpointProblem;
import io.logwise.kafka.checkpoint.CheckpointResult;
import io.logwise.kafka.checkpoint.CheckpointSource;
import io.logwise.kafka.checkpoint.SparkCheckpointReader;
import io.logwise.kafka.checkpoint.SparkCheckpointSource;
import io.logwise.kafka.client.Deadline;
import io.logwise.kafka.client.KafkaClientFactory;
import io.logwise.kafka.error.KafkaErrors;
import io.logwise.kafka.lag.ConsumerPositions;
import io.logwise.kafka.lag.ConsumerScope;
import io.logwise.kafka.lag.PartitionLog;
import io.logwise.kafka.lag.PositionsReading;
import io.logwise.kafka.lag.TopicLog;
import io.logwise.kafka.lag.UnreadReading.PartitionUnread;
import io.logwise.kafka.lag.UnreadReading.Position;
import io.logwise.kafka.lag.UnreadReading.TopicUnread;
import io.logwise.kafka.lag.UnreadReading;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.TopicPartition;

/**
 * The one reading of who has read what, for any function about to destroy data: the same group reading and log
 * offsets as the lag scan ({@link LagKafkaGateway}), the same Spark checkpoint reading (SPARK_CHECKPOINT_SOURCES),
 * the expected consumers (LAG_EXPECTED_CONSUMERS), and the timestamp of the record at each unread position.
 *
 * <p>Round trips do not grow with the number of topics: listGroups, listConsumerGroupOffsets per
 * {@value LagKafkaGateway#GROUPS_PER_OFFSETS_CALL} groups, describeTopics, describeConfigs per
 * {@value LagKafkaGateway#CONFIG_BATCH} topics, two listOffsets, then one assigned consumer (no group, no commit)
 * that fetches the record at every unread position in at most {@value #TIMESTAMP_ROUNDS} rounds of seeks, with
 * bounded fetch sizes.
 *
 * <p>Unknown stays unknown: an unreadable checkpoint or group, a group listing that missed a broker, a checkpoint
 * without a committed batch, an expected consumer without a position or a record not fetched in time makes the
 * topic (or partition) unknown, with the reason, and never "read".
 */
public final class UnreadReader {

    /**
     * Distinct unread positions per partition whose record is fetched: the first round (the position furthest behind,
     * which decides what retention may delete) is required; later rounds, for the other consumers' own figures, only
     * run while time is left.
     */
    static final int TIMESTAMP_ROUNDS = 3;
    /** Fetch sizes of the timestamp reader: a batch larger than this is still returned, but only one per partition. */
    static final int PARTITION_FETCH_BYTES = 64 * 1024;
    static final int FETCH_BYTES = 4 * 1024 * 1024;

    private final Admin admin;
    private final KafkaClientFactory factory;
    private final Deadline deadline;
    private final Function<String, Set<String>> expectedConsumersOf;
    private final List<CheckpointSource> checkpointSources;
    private final SparkCheckpointReader checkpoints;

    /**
     * @param expectedConsumersOf per topic, the consumers that must read it (LAG_EXPECTED_CONSUMERS)
     * @param checkpoints         the reader of {@code checkpointSources}; may be null when there are none
     */
    public UnreadReader(Admin admin, KafkaClientFactory factory, Deadline deadline,
                        Function<String, Set<String>> expectedConsumersOf, List<CheckpointSource> checkpointSources,
                        SparkCheckpointReader checkpoints) {
        this.admin = admin;
        this.factory = factory;
        this.deadline = deadline;
        this.expectedConsumersOf = expectedConsumersOf;
        this.checkpointSources = List.copyOf(checkpointSources);
        this.checkpoints = checkpoints;
        if (!this.checkpointSources.isEmpty() && checkpoints == null) {
            throw new IllegalArgumentException("checkpoint sources without a reader");
        }
    }

    public UnreadReading read(Collection<String> topicNames) {
        List<String> topics = List.copyOf(new LinkedHashSet<>(topicNames));
        if (topics.isEmpty()) {
            return new UnreadReading(Map.of(), List.of());
        }
        Set<String> wanted = Set.copyOf(topics);
        Set<String> expected = new TreeSet<>();
        topics.forEach(topic -> expected.addAll(expectedConsumersOf.apply(topic)));
        List<String> problems = new ArrayList<>();
        List<String> unknownEverywhere = new ArrayList<>();

        // Positions first, log end offsets after: a consumer moving meanwhile can only look further behind.
        LagKafkaGateway kafka = LagKafkaGateway.forEveryGroupWithOffsets(admin, deadline);
        PositionsReading groups = kafka.read(wanted::contains, ConsumerScope.all(expected));
        List<ConsumerPositions.Read> readers = new ArrayList<>();
        collect(groups, readers, unknownEverywhere);
        if (!groups.complete() && unknownEverywhere.isEmpty()) {
            unknownEverywhere.add("consumer groups could not be listed from every broker");
        }
        problems.addAll(groups.problems());
        readCheckpoints(wanted::contains, readers, unknownEverywhere, problems);

        LagKafkaGateway.Description description = kafka.describe(topics);
        List<TopicLog> logs = kafka.logs(description, description.layouts(), problems);

        Map<String, TopicUnread> result = new LinkedHashMap<>();
        Map<TopicPartition, List<Long>> unreadOffsets = new LinkedHashMap<>();
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (TopicLog log : logs) {
            if (log.problem() != null && log.problem().contains("UnknownTopicOrPartition")) {
                continue; // no such topic: the caller reports it
            }
            result.put(log.topic(), topicUnread(log, readers, unknownEverywhere, unreadOffsets, ends));
        }
        Map<TopicPartition, Map<Long, Stamp>> stamps = fetchTimestamps(unreadOffsets, ends, problems);
        result.replaceAll((topic, unread) -> withTimestamps(unread, stamps));
        return new UnreadReading(result, problems);
    }

    private static void collect(PositionsReading reading, List<ConsumerPositions.Read> readers,
                                List<String> unknownEverywhere) {
        for (ConsumerPositions consumer : reading.consumers()) {
            if (consumer instanceof ConsumerPositions.Read read) {
                readers.add(read);
            } else if (consumer instanceof ConsumerPositions.Unreadable unreadable) {
                unknownEverywhere.add(unreadable.source() + " " + unreadable.consumer() + ": positions not read ("
                        + unreadable.reason() + "); which topics it reads is unknown");
            }
        }
    }

    /** Every configured checkpoint, whatever the scope: one that cannot be read could be reading any topic. */
    private void readCheckpoints(Predicate<String> topics, List<ConsumerPositions.Read> readers,
                                 List<String> unknownEverywhere, List<String> problems) {
        if (checkpointSources.isEmpty()) {
            return;
        }
        for (CheckpointResult result : checkpoints.readAll(checkpointSources, deadline.remaining())) {
            String name = "spark checkpoint " + result.sourceName() + " (" + result.location() + ")";
            if (result instanceof CheckpointProblem problem) {
                unknownEverywhere.add(name + " not read: " + problem.reason());
                problems.add(name + " not read: " + problem.reason());
            } else if (result instanceof CheckpointNoBatchYet none) {
                unknownEverywhere.add(name + ": " + none.reason() + "; where the query reads is unknown");
            } else {
                readers.add((ConsumerPositions.Read) SparkCheckpointSource.toPositions(result, topics, Set.of()));
            }
        }
    }

    private TopicUnread topicUnread(TopicLog log, List<ConsumerPositions.Read> readers,
                                    List<String> unknownEverywhere, Map<TopicPartition, List<Long>> unreadOffsets,
                                    Map<TopicPartition, Long> ends) {
        String topic = log.topic();
        List<String> unknown = new ArrayList<>(unknownEverywhere);
        if (log.problem() != null) {
            unknown.add(topic + " not described: " + log.problem());
        }
        List<ConsumerPositions.Read> onTopic = readers.stream().filter(r -> r.hasCommitsOn(topic)).toList();
        for (String consumer : expectedConsumersOf.apply(topic)) {
            if (onTopic.stream().noneMatch(r -> r.consumer().equals(consumer))) {
                unknown.add("expected consumer " + consumer + " has no position on " + topic);
            }
        }
        List<PartitionUnread> partitions = new ArrayList<>();
        for (int p = 0; p < log.partitions().size(); p++) {
            if (!(log.partitions().get(p) instanceof PartitionLog.Range range)) {
                partitions.add(new PartitionUnread(p, -1, -1, List.of(), "log offsets not read: "
                        + ((PartitionLog.Unreadable) log.partitions().get(p)).reason()));
                continue;
            }
            List<Position> positions = new ArrayList<>();
            String partitionUnknown = null;
            for (ConsumerPositions.Read reader : onTopic) {
                // No position on a partition of a topic it reads (e.g. added later): it starts from the log start.
                long offset = Math.max(range.start(), reader.committed(topic, p).orElse(range.start()));
                if (offset > range.end()) {
                    partitionUnknown = reader.source() + " " + reader.consumer() + " is at offset " + offset
                            + ", beyond the log end " + range.end() + " (re-created or truncated topic?)";
                }
                positions.add(new Position(reader.consumer(), reader.source(), offset, null, null));
            }
            TopicPartition tp = new TopicPartition(topic, p);
            List<Long> unread = positions.stream().map(Position::offset).filter(o -> o < range.end()).distinct()
                    .sorted().toList();
            if (!unread.isEmpty()) {
                unreadOffsets.put(tp, unread);
                ends.put(tp, range.end());
            }
            partitions.add(new PartitionUnread(p, range.start(), range.end(), positions, partitionUnknown));
        }
        return new TopicUnread(topic, partitions, unknown);
    }

    private static TopicUnread withTimestamps(TopicUnread unread, Map<TopicPartition, Map<Long, Stamp>> stamps) {
        List<PartitionUnread> partitions = new ArrayList<>();
        for (PartitionUnread partition : unread.partitions()) {
            Map<Long, Stamp> found = stamps.getOrDefault(new TopicPartition(unread.topic(), partition.partition()),
                    Map.of());
            List<Position> positions = partition.positions().stream().map(p -> {
                Stamp stamp = found.get(p.offset());
                if (stamp == null) {
                    return p;
                }
                // Only control records up to the end: nothing the consumer could still read.
                long offset = stamp.readToEnd() ? partition.logEnd() : p.offset();
                return new Position(p.consumer(), p.source(), offset, stamp.readToEnd() ? null : stamp.timestamp(),
                        stamp.readToEnd() ? null : stamp.type());
            }).toList();
            String unknown = partition.unknown();
            PartitionUnread updated = new PartitionUnread(partition.partition(), partition.logStart(),
                    partition.logEnd(), positions, unknown);
            if (unknown == null && updated.oldestUnread().filter(p -> p.recordTimestampMs() == null).isPresent()) {
                unknown = "the record at offset " + updated.oldestUnread().get().offset()
                        + " (the oldest unread) could not be fetched in time";
                updated = new PartitionUnread(partition.partition(), partition.logStart(), partition.logEnd(),
                        positions, unknown);
            }
            partitions.add(updated);
        }
        return new TopicUnread(unread.topic(), partitions, unread.unknown());
    }

    /** The record found at (or first after) an offset, or {@code readToEnd} when only control records followed. */
    private record Stamp(long timestamp, String type, boolean readToEnd) {
    }

    /**
     * Per partition, the record at each unread offset: round r seeks every partition to its r-th offset. The first
     * round has the whole remaining call timeout; later rounds only run while time is left.
     */
    private Map<TopicPartition, Map<Long, Stamp>> fetchTimestamps(Map<TopicPartition, List<Long>> offsets,
                                                                  Map<TopicPartition, Long> ends,
                                                                  List<String> problems) {
        Map<TopicPartition, Map<Long, Stamp>> stamps = new HashMap<>();
        if (offsets.isEmpty()) {
            return stamps;
        }
        Properties props = factory.consumerProperties();
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(PARTITION_FETCH_BYTES));
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(FETCH_BYTES));
        // Every record in the log counts, committed or not: retention deletes segments, not transactions.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        // A position deleted meanwhile must not silently become a later record.
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.assign(offsets.keySet());
            for (int round = 0; round < TIMESTAMP_ROUNDS; round++) {
                Map<TopicPartition, Long> at = new HashMap<>();
                for (Map.Entry<TopicPartition, List<Long>> entry : offsets.entrySet()) {
                    if (entry.getValue().size() > round) {
                        at.put(entry.getKey(), entry.getValue().get(round));
                    }
                }
                if (at.isEmpty() || (round > 0 && deadline.remaining().compareTo(Duration.ofSeconds(3)) < 0)) {
                    break;
                }
                Map<TopicPartition, Stamp> found = fetchRound(consumer, at, ends, problems);
                found.forEach((tp, stamp) -> stamps.computeIfAbsent(tp, k -> new HashMap<>()).put(at.get(tp), stamp));
            }
        } catch (RuntimeException e) {
            // Name the step: without READ on the topics, "refused" alone would mislead.
            throw KafkaErrors.translate("reading the oldest unread records of "
                    + offsets.keySet().stream().map(TopicPartition::topic).distinct().sorted().toList()
                    + " (the guard against lowering retention below unread data reads them)", e);
        }
        return stamps;
    }

    private Map<TopicPartition, Stamp> fetchRound(KafkaConsumer<byte[], byte[]> consumer,
                                                  Map<TopicPartition, Long> at, Map<TopicPartition, Long> ends,
                                                  List<String> problems) {
        Map<TopicPartition, Stamp> found = new HashMap<>();
        Set<TopicPartition> open = new HashSet<>(at.keySet());
        consumer.pause(consumer.assignment());
        at.forEach(consumer::seek);
        consumer.resume(open);
        String operation = "reading the records at the unread positions";
        long stopAt = System.nanoTime() + Duration.ofMillis(deadline.callTimeoutMs(operation)).toNanos();
        while (!open.isEmpty() && System.nanoTime() < stopAt) {
            int timeout = deadline.callTimeoutMs(operation);
            try {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(Math.min(timeout, 500)))) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    if (open.contains(tp) && record.offset() >= at.get(tp)) {
                        open.remove(tp);
                        found.put(tp, new Stamp(record.timestamp(), record.timestampType().toString(), false));
                        consumer.pause(Set.of(tp));
                    }
                }
            } catch (OffsetOutOfRangeException e) {
                problems.add("records deleted while being read: " + e.partitions());
                e.partitions().forEach(open::remove);
                consumer.pause(e.partitions());
                continue;
            }
            for (TopicPartition tp : Set.copyOf(open)) {
                if (consumer.position(tp, Duration.ofMillis(timeout)) >= ends.get(tp)) {
                    found.put(tp, new Stamp(0, null, true));
                    open.remove(tp);
                    consumer.pause(Set.of(tp));
                }
            }
        }
        return found;
    }
}
