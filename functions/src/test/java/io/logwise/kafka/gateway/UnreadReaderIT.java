package io.logwise.kafka.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.checkpoint.CheckpointSourcesSettings;
import io.logwise.kafka.checkpoint.SparkCheckpointReader;
import io.logwise.kafka.client.Deadline;
import io.logwise.kafka.client.KafkaClients;
import io.logwise.kafka.lag.UnreadReading.PartitionUnread;
import io.logwise.kafka.lag.UnreadReading.Position;
import io.logwise.kafka.lag.UnreadReading.TopicUnread;
import io.logwise.kafka.lag.UnreadReading;
import io.logwise.kafka.testkit.KafkaTestCluster;
import io.logwise.kafka.testkit.LagFixtures;
import io.logwise.kafka.testkit.RealKafka;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The one reading of who has read what, against a real broker: group and Spark checkpoint positions side by side,
 * the record at each unread position with its timestamp and type, unknown kept unknown, and a constant number of
 * Admin calls whatever the number of topics.
 */
@RealKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnreadReaderIT {

    private final KafkaTestCluster kafka;
    private final LagFixtures fixtures;
    private final KafkaClients clients;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Path checkpoints;

    UnreadReaderIT(KafkaTestCluster kafka) throws Exception {
        this.kafka = kafka;
        this.fixtures = new LagFixtures(kafka.bootstrapServers());
        this.clients = new KafkaClients(KafkaClients.factoryFor(Map.of("KAFKA_BOOTSTRAP_SERVERS",
                kafka.bootstrapServers())));
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
        this.checkpoints = Files.createTempDirectory("unread-reader-checkpoints");
    }

    @AfterAll
    void close() {
        producer.close();
        clients.close();
        fixtures.close();
    }

    @Test
    void theRecordAtEachUnreadPositionIsFetchedForGroupsAndCheckpointsAndTheFurthestBehindDecides()
            throws Exception {
        Instant now = Instant.now();
        String topic = topic("mixed", 2);
        produce(topic, 0, 3, now.minus(Duration.ofHours(5)));
        produce(topic, 0, 3, now.minus(Duration.ofHours(2)));
        produce(topic, 1, 2, now);
        String group = "app-" + shortId();
        fixtures.commit(group, LagFixtures.offsets(topic, 4, 2));
        String spark = "spark-" + shortId();
        Path query = checkpoints.resolve(spark);
        Files.createDirectories(query.resolve("offsets"));
        Files.createDirectories(query.resolve("commits"));
        Files.writeString(query.resolve("offsets/3"), "v1\n{\"batchWatermarkMs\":0,\"batchTimestampMs\":"
                + now.toEpochMilli() + ",\"conf\":{}}\n{\"" + topic + "\":{\"0\":1,\"1\":2}}");
        Files.writeString(query.resolve("commits/3"), "v1\n{\"nextBatchWatermarkMs\":0}");
        String nobody = topic("nobody", 1);
        produce(nobody, 0, 1, now);

        UnreadReading reading = reader(Map.of("SPARK_CHECKPOINT_SOURCES",
                "[{\"name\":\"" + spark + "\",\"location\":\"" + query + "\"}]"), Map.of())
                .read(List.of(topic, nobody, "logs.unread-missing-" + shortId()));

        TopicUnread read = reading.topics().get(topic);
        assertEquals(List.of(), read.unknown());
        PartitionUnread p0 = read.partitions().get(0);
        Position behind = p0.oldestUnread().orElseThrow();
        assertEquals(spark, behind.consumer());
        assertEquals(1, behind.offset());
        assertEquals(now.minus(Duration.ofHours(5)).toEpochMilli(), behind.recordTimestampMs());
        assertEquals("CreateTime", behind.timestampType());
        Position app = p0.positions().stream().filter(p -> p.consumer().equals(group)).findFirst().orElseThrow();
        assertEquals(now.minus(Duration.ofHours(2)).toEpochMilli(), app.recordTimestampMs(), "per consumer too");
        assertTrue(read.partitions().get(1).oldestUnread().isEmpty(), "partition 1 is read by both");
        assertFalse(reading.topics().get(nobody).hasReaders(), "nobody reads it: never 'read'");
        assertEquals(Set.of(topic, nobody), reading.topics().keySet(), "a missing topic is left out");
    }

    @Test
    void aGroupBehindTheLogStartCountsFromTheFirstRecordStillThere() throws Exception {
        Instant now = Instant.now();
        String topic = topic("lost", 1);
        produce(topic, 0, 2, now.minus(Duration.ofHours(6)));
        produce(topic, 0, 2, now.minus(Duration.ofHours(3)));
        fixtures.commit("app-" + shortId(), LagFixtures.offsets(topic, 0));
        fixtures.deleteRecordsBefore(new TopicPartition(topic, 0), 2);

        Position behind = reader(Map.of(), Map.of()).read(List.of(topic)).topics().get(topic).partitions().get(0)
                .oldestUnread().orElseThrow();

        assertEquals(2, behind.offset());
        assertEquals(now.minus(Duration.ofHours(3)).toEpochMilli(), behind.recordTimestampMs());
    }

    @Test
    void onALogAppendTimeTopicTheTimestampIsTheArrivalWhateverTheProducerStamped() throws Exception {
        Instant now = Instant.now();
        String topic = "logs.unread-append-" + shortId();
        fixtures.createTopics(Map.of(topic, 1), Map.of("message.timestamp.type", "LogAppendTime"));
        produce(topic, 0, 2, now.minus(Duration.ofDays(3)));
        fixtures.commit("app-" + shortId(), LagFixtures.offsets(topic, 0));

        Position behind = reader(Map.of(), Map.of()).read(List.of(topic)).topics().get(topic).partitions().get(0)
                .oldestUnread().orElseThrow();

        assertEquals("LogAppendTime", behind.timestampType());
        assertTrue(behind.recordTimestampMs() >= now.toEpochMilli() - 1000, behind.toString());
    }

    @Test
    void anExpectedConsumerWithoutAPositionAndAnUnreadableCheckpointLeaveTheTopicUnknown() throws Exception {
        String topic = topic("expected", 1);
        produce(topic, 0, 2, Instant.now());
        fixtures.commit("app-" + shortId(), LagFixtures.offsets(topic, 2));
        Path missing = checkpoints.resolve("never-written-" + shortId());

        TopicUnread unread = reader(Map.of("SPARK_CHECKPOINT_SOURCES",
                "[{\"name\":\"spark-gone\",\"location\":\"" + missing + "\"}]"), Map.of(topic, Set.of("audit")))
                .read(List.of(topic)).topics().get(topic);

        String reasons = unread.unknown().toString();
        assertTrue(reasons.contains("expected consumer audit has no position on " + topic), reasons);
        assertTrue(reasons.contains("spark-gone"), reasons);
        assertNull(unread.partitions().get(0).unknown());
    }

    @Test
    void theAdminCallsDoNotGrowWithTheNumberOfTopics() throws Exception {
        // Both sets (and their groups) exist before either is read: the group count is the same for both reads.
        Set<String> single = behindTopics(1);
        Set<String> hundreds = behindTopics(200);
        Map<String, Integer> one = callsToRead(single);
        Map<String, Integer> many = callsToRead(hundreds);

        assertEquals(one, many);
        System.err.println("[unread-reader] admin calls for 1 and for 200 topics: " + many);
    }

    /** Topics of two partitions, five records each, a group at 1 on partition 0 and at the end on partition 1. */
    private Set<String> behindTopics(int topics) {
        Map<String, Integer> partitions = new LinkedHashMap<>();
        for (int i = 0; i < topics; i++) {
            partitions.put("logs.unread-many-" + shortId(), 2);
        }
        fixtures.createTopics(partitions, Map.of());
        Map<String, int[]> counts = new LinkedHashMap<>();
        partitions.keySet().forEach(topic -> counts.put(topic, new int[] {5, 5}));
        fixtures.produce(counts);
        Map<TopicPartition, Long> committed = new LinkedHashMap<>();
        partitions.keySet().forEach(topic -> committed.putAll(LagFixtures.offsets(topic, 1, 5)));
        fixtures.commit("app-many-" + shortId(), committed);
        return partitions.keySet();
    }

    private Map<String, Integer> callsToRead(Set<String> topics) {
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        Admin counting = (Admin) Proxy.newProxyInstance(Admin.class.getClassLoader(), new Class<?>[] {Admin.class},
                (proxy, method, args) -> {
                    calls.computeIfAbsent(method.getName(), name -> new AtomicInteger()).incrementAndGet();
                    try {
                        return method.invoke(clients.admin(), args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        long started = System.nanoTime();
        UnreadReading reading = new UnreadReader(counting, clients.factory(), deadline(), topic -> Set.of(),
                List.of(), null).read(topics);
        long millis = (System.nanoTime() - started) / 1_000_000;
        long unread = reading.topics().values().stream().flatMap(t -> t.partitions().stream())
                .filter(p -> p.oldestUnread().filter(pos -> pos.recordTimestampMs() != null).isPresent()).count();
        assertEquals(topics.size(), unread, "partition 0 of every topic has an unread record, fetched");
        System.err.printf("[unread-reader] %d topics x 2 partitions: read in %d ms%n", topics.size(), millis);
        Map<String, Integer> snapshot = new TreeMap<>();
        calls.forEach((name, count) -> snapshot.put(name, count.get()));
        return snapshot;
    }

    private UnreadReader reader(Map<String, String> environment, Map<String, Set<String>> expected) {
        CheckpointSourcesSettings settings = CheckpointSourcesSettings.fromEnv(environment);
        SparkCheckpointReader reader = settings.sources().isEmpty() ? null : SparkCheckpointReader.create(settings);
        return new UnreadReader(clients.admin(), clients.factory(), deadline(),
                topic -> expected.getOrDefault(topic, Set.of()), settings.sources(), reader);
    }

    private static Deadline deadline() {
        return Deadline.after(Duration.ofSeconds(60), Duration.ofSeconds(30));
    }

    private String topic(String kind, int partitions) {
        String name = "logs.unread-" + kind + "-" + shortId();
        fixtures.createTopics(Map.of(name, partitions), Map.of());
        return name;
    }

    private void produce(String topic, int partition, int count, Instant stamped) throws Exception {
        List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sent.add(producer.send(new ProducerRecord<>(topic, partition, stamped.toEpochMilli(), null,
                    ("line " + i).getBytes(StandardCharsets.UTF_8))));
        }
        for (var ack : sent) {
            ack.get();
        }
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
