package io.logwise.kafka.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logwise.kafka.json.Json;
import io.logwise.kafka.testkit.KafkaTestCluster;
import io.logwise.kafka.testkit.RealKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The floors scripts/bench compares the functions with do what they say, through scripts/invoke against a real
 * broker: the Kafka floor asks for the brokers; the journal floor records one decision per invocation on its own state
 * topic, under one key per trigger (a repeated event is the same decision), and changes nothing else in Kafka; the
 * scan's calls floor reads lag, partitions, retention and log starts.
 */
@RealKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BenchFloorsIT {

    private static final String FIXTURES = "io.logwise.kafka.local.fixtures.";

    private final KafkaTestCluster kafka;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private Path work;
    private Admin admin;
    private int invocations;

    BenchFloorsIT(KafkaTestCluster kafka) {
        this.kafka = kafka;
    }

    @BeforeAll
    void start(@TempDir Path dir) {
        work = dir;
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    @AfterAll
    void stop() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }

    @Test
    void theKafkaFloorCountsTheBrokers() throws Exception {
        JsonNode response = invoke("KafkaFloorHandler", scheduledEvent("floor-" + run), Map.of());

        assertEquals(admin.describeCluster().nodes().get().size(), response.path("brokers").asInt(), response::toString);
    }

    @Test
    void theJournalFloorRecordsOneDecisionPerTriggerOnItsOwnStateTopicAndChangesNothingElse() throws Exception {
        String stateTopic = "bench-floor-state-" + run;
        Map<String, String> ownState = Map.of("STATE_TOPIC", stateTopic);
        Set<String> before = admin.listTopics().names().get();

        String first = invoke("JournalFloorHandler", scheduledEvent("journal-a-" + run), ownState).path("recorded")
                .asText();
        String repeated = invoke("JournalFloorHandler", scheduledEvent("journal-a-" + run), ownState)
                .path("recorded").asText();
        String another = invoke("JournalFloorHandler", scheduledEvent("journal-b-" + run), ownState).path("recorded")
                .asText();

        assertEquals(first, repeated, "a repeated trigger is the same decision");
        assertNotEquals(first, another, "another trigger is another decision");
        List<String> keys = recordKeys(stateTopic);
        assertEquals(3, keys.size(), "one record per invocation: " + keys);
        assertEquals(2, new HashSet<>(keys).size(), "under one key per decision: " + keys);
        assertTrue(keys.stream().allMatch(key -> key.contains(first) || key.contains(another)), keys::toString);
        Set<String> created = new HashSet<>(admin.listTopics().names().get());
        created.removeAll(before);
        created.removeIf(topic -> !topic.contains(run) && !topic.startsWith("logs.journal-floor"));
        assertEquals(Set.of(stateTopic), created, "only its state topic was created (the decision is a dry run)");
    }

    @Test
    void theScanCallsFloorReadsLagWithTheCallsTheScansVerdictsNeed() throws Exception {
        String topic = "logs.scan-floor-" + run;
        String group = "scan-floor-" + run;
        admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig)) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(topic, 0, null, "record " + i)).get();
            }
        }
        admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(1)))
                .all().get();

        JsonNode figures = invoke("ScanCallsFloorHandler", scheduledEvent("scan-floor-" + run), Map.of());

        assertTrue(figures.path("topics").asInt() >= 1, figures::toString);
        assertTrue(figures.path("partitions").asInt() >= 2, "every partition described: " + figures);
        assertEquals(figures.path("topics").asInt(), figures.path("retentionRead").asInt(),
                "retention.ms read for every topic: " + figures);
        assertTrue(figures.path("lag").asLong() >= 4, "the group's 4 unread records: " + figures);
        assertTrue(figures.path("retainedRecords").asLong() >= 5, "the log's 5 records: " + figures);
    }

    /** Every record's key on {@code topic}, from its start to its end offsets as they are now. */
    private List<String> recordKeys(String topic) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                assertTrue(System.nanoTime() < deadline, "the state topic was not read to its end in 30 s");
                consumer.poll(Duration.ofMillis(200)).forEach(record -> keys.add(record.key()));
            }
        }
        return keys;
    }

    private JsonNode invoke(String handler, ObjectNode event, Map<String, String> extra) throws Exception {
        String name = handler + " #" + (++invocations);
        Map<String, String> variables = new HashMap<>(Map.of("KAFKA_BOOTSTRAP_SERVERS",
                kafka.bootstrapServers(), "EMF_OUTPUT", "off"));
        variables.putAll(extra);
        InvokeScript.Printed printed = InvokeScript.run(work, invocations, name, List.of("--timeout", "60"),
                FIXTURES + handler + "::handleRequest", event,
                InvokeScript.FUNCTION_SETTINGS, variables);
        assertEquals(0, printed.exitCode(), name + ": " + printed.stdout() + "\n" + printed.stderr());
        assertFalse(printed.stdout().isBlank(), name + ": no response: " + printed.stderr());
        return Json.MAPPER.readTree(printed.stdout());
    }

    private static ObjectNode scheduledEvent(String id) throws Exception {
        ObjectNode event = (ObjectNode) Json.MAPPER.readTree(InvokeScript.ROOT.resolve("events/scheduled-event.json")
                .toFile());
        event.put("id", id);
        return event;
    }
}
