package io.logwise.kafka.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.handler.LagScannerHandler;
import io.logwise.kafka.handler.PartitionScalerHandler;
import io.logwise.kafka.handler.RetentionUpdaterHandler;
import io.logwise.kafka.json.Json;
import io.logwise.kafka.lag.Action;
import io.logwise.kafka.lag.ActionPlanner;
import io.logwise.kafka.metrics.EmfOutput;
import io.logwise.kafka.scan.AddedPartitions;
import io.logwise.kafka.scan.ConsumerSummary;
import io.logwise.kafka.scan.ScanResult;
import io.logwise.kafka.scan.ScansOnRealKafka;
import io.logwise.kafka.scan.Verdict;
import io.logwise.kafka.testkit.Eventually;
import io.logwise.kafka.testkit.RealKafka;
import io.logwise.kafka.testkit.SparkCheckpointFiles;
import io.logwise.kafka.testkit.SteppedClock;
import io.logwise.kafka.testkit.TopicReads;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Do consumers read the partitions added to their topic? Real consumers (a static assignment, a subscribed group, a
 * group resetting to latest) and a Spark checkpoint on a real broker; partitions are added with Admin
 * createPartitions as the partition scaler adds them; scans go through the lag scanner's handler, each test with its
 * own managed prefix and state topic, dated by a stepped clock.
 */
@RealKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NewPartitionsIT extends ScansOnRealKafka {

    private static final String TICK = "{\"version\": \"0\", \"id\": \"x\", \"detail-type\": \"Scheduled Event\","
            + " \"source\": \"aws.events\", \"time\": \"2026-12-01T12:00:00Z\", \"resources\": [], \"detail\": {}}";
    private static final int GRACE = 2;

    private TopicReads reads;

    @BeforeAll
    void openReads() {
        this.reads = new TopicReads(fixtures.admin());
    }

    /** Scans of one test's prefix, two seconds apart in the test's time, with its own state topic. */
    private final class Scanner {
        private final SteppedClock clock = new SteppedClock(Instant.now().minus(Duration.ofMinutes(1)));
        private final Map<String, String> environment = new HashMap<>();

        Scanner(String prefix, String... more) {
            environment.putAll(Map.of("MANAGED_TOPIC_PREFIX", prefix, "STATE_TOPIC", "logwise-state-" + unique(),
                    "STATE_TOPIC_REPLICATION", "1", "LAG_NEW_PARTITION_GRACE_SCANS", Integer.toString(GRACE)));
            for (int i = 0; i < more.length; i += 2) {
                environment.put(more[i], more[i + 1]);
            }
        }

        ScanResult scan() throws Exception {
            clock.advance(Duration.ofSeconds(2));
            LagScannerHandler handler = new LagScannerHandler(environment, clients, EmfOutput.OFF, clock);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(TICK.getBytes(StandardCharsets.UTF_8)), out, null);
            return Json.MAPPER.readValue(out.toByteArray(), ScanResult.class);
        }
    }

    private String createTopic(String prefix, int partitions) throws Exception {
        String topic = prefix + "orders";
        reads.create(List.of(new NewTopic(topic, partitions, (short) 1)));
        return topic;
    }

    /** As the partition scaler does it: one createPartitions call; returns once the broker serves the new count. */
    private void addPartitions(String topic, int total) throws Exception {
        fixtures.admin().createPartitions(Map.of(topic, NewPartitions.increaseTo(total))).all().get();
        reads.awaitPartitions(topic, total);
    }

    private KafkaConsumer<byte[], byte[]> consumer(String group, String offsetReset) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, offsetReset,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                // New partitions are found at the next metadata refresh: 5 minutes by default.
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, "500",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
    }

    /**
     * Polls until the consumer holds {@code partitions} partitions of the topic and has read up to each one's end,
     * then commits its positions (every assigned partition, an empty one at its start).
     */
    private static void readToTheEndAndCommit(KafkaConsumer<byte[], byte[]> consumer, String topic, int partitions)
            throws Exception {
        Eventually.await(() -> {
            consumer.poll(Duration.ofMillis(200));
            if (consumer.assignment().size() != partitions) {
                return false;
            }
            Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
            return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) == end.getValue());
        }, done -> done);
        consumer.commitSync();
        assertEquals(partitions, consumer.committed(consumer.assignment()).values().stream()
                .filter(java.util.Objects::nonNull).count(), "positions committed on " + topic);
    }

    private static List<TopicPartition> partitions(String topic, int... numbers) {
        return IntStream.of(numbers).mapToObj(p -> new TopicPartition(topic, p)).toList();
    }

    private static ConsumerSummary consumer(ScanResult result, String topic, String name) {
        return topic(result, topic).consumers().stream().filter(c -> c.consumer().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not on " + topic + ": " + topic(result, topic)));
    }

    @Test
    void aStaticallyAssignedConsumerIsNewPartitionsUnreadPastTheGraceWithTheRecordsWaitingThere() throws Exception {
        String prefix = "np" + unique() + ".";
        Scanner scanner = new Scanner(prefix);
        String topic = createTopic(prefix, 2);
        fixtures.produce(Map.of(topic, new int[] {5, 5}));
        String group = "static-" + unique();
        try (KafkaConsumer<byte[], byte[]> assigned = consumer(group, "earliest")) {
            assigned.assign(partitions(topic, 0, 1));
            readToTheEndAndCommit(assigned, topic, 2);
            assertEquals(Verdict.OK, topic(scanner.scan(), topic).verdict());

            addPartitions(topic, 4);
            fixtures.produce(Map.of(topic, new int[] {3, 0, 7, 9}));
            readToTheEndAndCommit(assigned, topic, 2);

            for (int scansSinceAdded = 0; scansSinceAdded <= GRACE; scansSinceAdded++) {
                ScanResult within = scanner.scan();
                ConsumerSummary found = consumer(within, topic, group);
                assertEquals(Verdict.NO_COMMIT, found.verdict(), "scans since added: " + scansSinceAdded);
                assertNull(found.addedPartitions(), "scans since added: " + scansSinceAdded);
            }
            ScanResult past = scanner.scan();

            ConsumerSummary found = consumer(past, topic, group);
            assertEquals(Verdict.NEW_PARTITIONS_UNREAD, found.verdict());
            assertEquals(new AddedPartitions(List.of(2, 3), 16, List.of(), 0), found.addedPartitions());
            assertEquals(Verdict.NEW_PARTITIONS_UNREAD, topic(past, topic).verdict());
            assertEquals(1, past.verdictCounts().get(Verdict.NEW_PARTITIONS_UNREAD));
            Action action = ActionPlanner.actionsFor(past).stream().filter(a -> a.topic().equals(topic)).findFirst().orElseThrow();
            assertEquals(Action.Kind.INVESTIGATE, action.kind());
            assertTrue(action.reason().contains("no position on partitions [2, 3]"), action.reason());
            assertTrue(action.reason().contains("16 records wait"), action.reason());
        }
    }

    @Test
    void aSubscribedGroupThatReadsTheAddedPartitionsGetsNoSuchVerdict() throws Exception {
        String prefix = "np" + unique() + ".";
        Scanner scanner = new Scanner(prefix);
        String topic = createTopic(prefix, 2);
        fixtures.produce(Map.of(topic, new int[] {5, 5}));
        String group = "subscribed-" + unique();
        try (KafkaConsumer<byte[], byte[]> subscribed = consumer(group, "earliest")) {
            subscribed.subscribe(List.of(topic));
            readToTheEndAndCommit(subscribed, topic, 2);
            scanner.scan();

            addPartitions(topic, 4);
            scanner.scan();
            readToTheEndAndCommit(subscribed, topic, 4);
            scanner.scan();
            fixtures.produce(Map.of(topic, new int[] {3, 0, 7, 9}));
            readToTheEndAndCommit(subscribed, topic, 4);

            for (int i = 0; i <= GRACE + 1; i++) {
                ScanResult result = scanner.scan();
                ConsumerSummary found = consumer(result, topic, group);
                assertEquals(Verdict.OK, found.verdict(), "scan " + i + ": " + found);
                assertNull(found.addedPartitions(), "scan " + i);
                assertEquals(0, found.lag());
            }
        }
    }

    @Test
    void aGroupResettingToLatestThatIsAssignedAnAddedPartitionAfterRecordsWereWrittenPossiblySkippedThem()
            throws Exception {
        String prefix = "np" + unique() + ".";
        Scanner scanner = new Scanner(prefix);
        String topic = createTopic(prefix, 2);
        fixtures.produce(Map.of(topic, new int[] {5, 5}));
        String group = "latest-" + unique();
        try (KafkaConsumer<byte[], byte[]> latest = consumer(group, "latest")) {
            latest.subscribe(List.of(topic));
            readToTheEndAndCommit(latest, topic, 2);
            scanner.scan();

            addPartitions(topic, 3);
            // Written while the group does not poll: it is assigned partition 2 only afterwards.
            fixtures.produce(Map.of(topic, new int[] {0, 0, 11}));
            ScanResult beforeAssigned = scanner.scan();
            assertNull(consumer(beforeAssigned, topic, group).addedPartitions());
            readToTheEndAndCommit(latest, topic, 3);
            assertEquals(11, latest.position(new TopicPartition(topic, 2)), "latest starts at the end");

            for (int i = 0; i <= GRACE + 1; i++) {
                ScanResult result = scanner.scan();
                ConsumerSummary found = consumer(result, topic, group);
                assertEquals(new AddedPartitions(List.of(), 0, List.of(2), 11), found.addedPartitions(), "scan " + i);
                assertNotEquals(Verdict.NEW_PARTITIONS_UNREAD, found.verdict());
                assertEquals(0, found.lag(), "its lag counts the skipped records as read");
                assertTrue(ActionPlanner.actionsFor(result).stream().anyMatch(a -> a.topic().equals(topic)
                        && a.reason().contains("11 records written there before it started reading were possibly"
                        + " skipped")), () -> ActionPlanner.actionsFor(result).toString());
            }
        }
    }

    @Test
    void aSparkCheckpointWhoseOffsetsCoverOnlyTheOldPartitionsIsNewPartitionsUnread() throws Exception {
        String prefix = "np" + unique() + ".";
        String topic = prefix + "orders";
        Path checkpoint = new SparkCheckpointFiles()
                .file("metadata", "{\"id\":\"" + UUID.randomUUID() + "\"}")
                .batch(0, 1700000000000L, "{\"" + topic + "\":{\"0\":5,\"1\":5}}").commit(0)
                .writeTo(Files.createTempDirectory("spark-assign"));
        Scanner scanner = new Scanner(prefix, "SPARK_CHECKPOINT_SOURCES",
                "[{\"name\":\"spark-assign\",\"location\":\"" + checkpoint + "\"}]");
        createTopic(prefix, 2);
        fixtures.produce(Map.of(topic, new int[] {5, 5}));
        assertEquals(Verdict.OK, consumer(scanner.scan(), topic, "spark-assign").verdict());

        addPartitions(topic, 4);
        fixtures.produce(Map.of(topic, new int[] {0, 0, 3, 4}));
        for (int scansSinceAdded = 0; scansSinceAdded <= GRACE; scansSinceAdded++) {
            assertEquals(Verdict.NO_COMMIT, consumer(scanner.scan(), topic, "spark-assign").verdict());
        }
        ScanResult past = scanner.scan();

        ConsumerSummary found = consumer(past, topic, "spark-assign");
        assertEquals("spark-checkpoint", found.source());
        assertEquals(Verdict.NEW_PARTITIONS_UNREAD, found.verdict());
        assertEquals(new AddedPartitions(List.of(2, 3), 7, List.of(), 0), found.addedPartitions());
        assertEquals(Verdict.NEW_PARTITIONS_UNREAD, topic(past, topic).verdict());
    }

    /**
     * The scaler's own increase, found in its journal once the snapshots around it are no longer kept: the static
     * reader is NEW_PARTITIONS_UNREAD and the scaler refuses to add more partitions although the topic still lags.
     */
    @Test
    void theScalerAddsNoMorePartitionsWhileItsLastIncreaseGoesUnreadFoundInTheJournalAfterTheSnapshots()
            throws Exception {
        String prefix = "logs.np" + unique() + ".";
        Scanner scanner = new Scanner(prefix, "STATE_SNAPSHOT_HISTORY", "2", "LAG_NEW_PARTITION_GRACE_SCANS", "0",
                "MAX_LAG_PER_PARTITION", "10");
        String topic = createTopic(prefix, 3);
        fixtures.produce(Map.of(topic, new int[] {30, 30, 30}));
        String group = "static-" + unique();
        try (KafkaConsumer<byte[], byte[]> assigned = consumer(group, "earliest")) {
            assigned.assign(partitions(topic, 0, 1, 2));
            assigned.commitSync(Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(0),
                    new TopicPartition(topic, 1), new OffsetAndMetadata(0),
                    new TopicPartition(topic, 2), new OffsetAndMetadata(0)));
        }
        ScanResult lagging = scanner.scan();
        assertEquals(Verdict.LAGGING, topic(lagging, topic).verdict());

        Map<String, String> scalerEnv = Map.of("KAFKA_BOOTSTRAP_SERVERS", cluster.bootstrapServers(),
                "SCALER_MODE", "on", "STATE_TOPIC", scanner.environment.get("STATE_TOPIC"),
                "SCALER_PARTITIONS_PER_BROKER", "1000000", "MAX_LAG_PER_PARTITION", "10");
        JsonNode increased = scale(scalerEnv, lagging, scanner.clock.instant());
        assertEquals("applied", increased.at("/decisions/0/outcome").asText(), increased.toString());
        int added = increased.at("/decisions/0/to").asInt();
        assertTrue(added > 3, increased.toString());
        reads.awaitPartitions(topic, added);
        int[] onlyTheAdded = new int[added];
        for (int p = 3; p < added; p++) {
            onlyTheAdded[p] = 5;
        }
        fixtures.produce(Map.of(topic, onlyTheAdded));

        // Two kept snapshots: after four scans none of them shows the count growing; only the journal tells.
        ScanResult result = null;
        for (int i = 0; i < 4; i++) {
            result = scanner.scan();
        }
        ConsumerSummary found = consumer(result, topic, group);
        assertEquals(Verdict.NEW_PARTITIONS_UNREAD, found.verdict());
        assertEquals(IntStream.range(3, added).boxed().toList(), found.addedPartitions().unreadPartitions());
        assertEquals(5L * (added - 3), found.addedPartitions().waitingRecords());

        JsonNode refused = scale(scalerEnv, result, scanner.clock.instant());
        assertEquals("NEW_PARTITIONS_UNREAD", refused.at("/decisions/0/refusal").asText(), refused.toString());
        assertEquals(added, reads.partitions(topic));
    }

    private JsonNode scale(Map<String, String> environment, ScanResult scan, Instant now) throws Exception {
        Map<String, Object> event = Map.of("version", "0", "id", UUID.randomUUID().toString(),
                "detail-type", "Lambda Function Invocation Result - Success", "source", "lambda",
                "detail", Map.of("responsePayload", scan));
        PartitionScalerHandler handler = new PartitionScalerHandler(environment, clients,
                Clock.fixed(now.plusSeconds(1), ZoneOffset.UTC));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Json.MAPPER.writeValueAsBytes(event)), out, null);
        return Json.MAPPER.readTree(out.toByteArray());
    }

    /** The retention updater's own reading counts a partition its reader never read from the log start. */
    @Test
    void loweringRetentionIsRefusedWhileRecordsOnAnAddedPartitionAreUnreadByAStaticallyAssignedConsumer()
            throws Exception {
        String prefix = "logs.np" + unique() + ".";
        String topic = prefix + "orders";
        long week = Duration.ofDays(7).toMillis();
        reads.create(List.of(new NewTopic(topic, 2, (short) 1).configs(Map.of("retention.ms", Long.toString(week)))));
        fixtures.produce(Map.of(topic, new int[] {5, 5}));
        try (KafkaConsumer<byte[], byte[]> assigned = consumer("static-" + unique(), "earliest")) {
            assigned.assign(partitions(topic, 0, 1));
            readToTheEndAndCommit(assigned, topic, 2);
        }
        addPartitions(topic, 3);
        Instant now = Instant.now();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            long threeHoursAgo = now.minus(Duration.ofHours(3)).toEpochMilli();
            producer.send(new ProducerRecord<>(topic, 2, threeHoursAgo, null, "a log line".getBytes())).get();
        }

        Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", cluster.bootstrapServers(),
                "STATE_TOPIC", "logwise-state-" + unique());
        RetentionUpdaterHandler handler = new RetentionUpdaterHandler(env, clients, Clock.fixed(now, ZoneOffset.UTC));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Json.MAPPER.writeValueAsBytes(Map.of("topics", List.of(topic),
                "retention", "1h", "reason", "cost"))), out, null);
        JsonNode report = Json.MAPPER.readTree(out.toByteArray());

        JsonNode line = report.at("/lines/0");
        assertEquals(topic, line.path("topic").asText(), report.toString());
        assertEquals("refused", line.path("outcome").asText(), report.toString());
        assertTrue(line.path("reason").asText().contains("oldest unread record is 3h"), line.toString());
        assertEquals(Long.toString(week), reads.config(topic, "retention.ms"));
    }
}
