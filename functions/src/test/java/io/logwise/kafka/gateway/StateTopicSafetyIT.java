package io.logwise.kafka.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.client.KafkaClients;
import io.logwise.kafka.error.ConfigurationException;
import io.logwise.kafka.handler.JsonHandler;
import io.logwise.kafka.handler.PartitionScalerHandler;
import io.logwise.kafka.handler.TopicProvisionerHandler;
import io.logwise.kafka.json.Json;
import io.logwise.kafka.testkit.KafkaTestCluster;
import io.logwise.kafka.testkit.RealKafka;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The state topic holds the journal, the extensions and the cooldowns: a state topic Kafka may delete records from
 * is refused by the functions that write it, and one a function had to create (first run, or deleted) is named in
 * its output.
 */
@RealKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StateTopicSafetyIT {

    private static final String NOTICE = "did not exist and was created empty";

    private final KafkaTestCluster kafka;
    private Admin admin;
    private String managed;

    StateTopicSafetyIT(KafkaTestCluster kafka) {
        this.kafka = kafka;
    }

    @BeforeAll
    void connect() throws Exception {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
        managed = "logs.state-safety-" + UUID.randomUUID().toString().substring(0, 8);
        admin.createTopics(List.of(new NewTopic(managed, 3, (short) 1)
                .configs(Map.of("retention.ms", "3600000")))).all().get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    void disconnect() {
        admin.close();
    }

    private Map<String, String> env(String stateTopic) {
        return Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "STATE_TOPIC", stateTopic,
                "SCALER_MODE", "on", "EMF_OUTPUT", "off", "SCALER_PARTITIONS_PER_BROKER", "1000000");
    }

    private static JsonNode invoke(JsonHandler handler, Object event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Json.MAPPER.writeValueAsBytes(event)), out, null);
        return Json.MAPPER.readTree(out.toByteArray());
    }

    private JsonNode provision(String stateTopic) throws Exception {
        try (KafkaClients clients = new KafkaClients(KafkaClients.factoryFor(env(stateTopic)))) {
            return invoke(new TopicProvisionerHandler(env(stateTopic), clients),
                    Map.of("services", List.of(managed), "dryRun", true));
        }
    }

    private JsonNode scale(String stateTopic, int partitions) throws Exception {
        try (KafkaClients clients = new KafkaClients(KafkaClients.factoryFor(env(stateTopic)))) {
            return invoke(new PartitionScalerHandler(env(stateTopic), clients, Clock.systemUTC()),
                    Map.of("topic", managed, "partitions", partitions, "reason", "state topic safety test"));
        }
    }

    private String topicConfigs(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource).entries()
                .stream().filter(e -> e.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG)
                .map(e -> e.name() + "=" + e.value()).sorted().collect(Collectors.joining(","));
    }

    /** A new topic's configs reach every broker a moment after its creation: wait (bounded) until they answer. */
    private String awaitConfigs(String topic) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return topicConfigs(topic);
            } catch (java.util.concurrent.ExecutionException e) {
                assertTrue(System.nanoTime() < deadline, topic + "'s configs unreadable 30 s after creation: " + e);
                Thread.sleep(50);
            }
        }
    }

    private int partitions(String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
                .partitions().size();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            compact,delete | -1      | 1048576
            compact,delete | 3600000 | -1
            compact,delete | -1      | -1
            delete         | -1      | -1
            """)
    void aStateTopicKafkaMayDeleteFromIsRefusedByEveryWriterAndLeftAlone(String policy, String retentionMs,
                                                                          String retentionBytes) throws Exception {
        String stateTopic = "logwise-ops.deleting-" + UUID.randomUUID().toString().substring(0, 8);
        admin.createTopics(List.of(new NewTopic(stateTopic, 2, (short) 1).configs(Map.of("cleanup.policy", policy,
                "retention.ms", retentionMs, "retention.bytes", retentionBytes)))).all().get(30, TimeUnit.SECONDS);
        String configsBefore = awaitConfigs(stateTopic);

        List<String> messages = new ArrayList<>();
        messages.add(assertThrows(ConfigurationException.class, () -> provision(stateTopic)).getMessage());
        messages.add(assertThrows(ConfigurationException.class, () -> scale(stateTopic, 6)).getMessage());

        for (String message : messages) {
            assertTrue(message.contains(stateTopic) && message.contains("cleanup.policy=" + policy)
                    && message.contains("retention.bytes=" + retentionBytes) && message.contains("STATE_TOPIC"),
                    message);
        }
        assertEquals(configsBefore, topicConfigs(stateTopic), "the state topic is never altered");
        assertEquals(3, partitions(managed), "nothing is done without a journal");
    }

    @Test
    void aStateTopicAFunctionHadToCreateIsNamedInItsOutputEachTime() throws Exception {
        String stateTopic = "logwise-ops.recreated-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode first = provision(stateTopic);
        assertTrue(first.path("problems").toString().contains(NOTICE), first.toString());
        JsonNode second = provision(stateTopic);
        assertFalse(second.path("problems").toString().contains(NOTICE), second.toString());

        admin.deleteTopics(List.of(stateTopic)).all().get(30, TimeUnit.SECONDS);
        awaitGone(stateTopic);
        JsonNode scaled = scale(stateTopic, 3); // a no-op request: only the notice matters here
        assertTrue(scaled.path("problems").toString().contains(NOTICE + ": if LogWise ran before"),
                scaled.toString());
        assertTrue(scaled.path("problems").toString().contains(stateTopic), scaled.toString());
    }

    /** Deletion is asynchronous: wait (bounded) until the broker no longer lists or describes the topic. */
    private void awaitGone(String topic) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            boolean described;
            try {
                admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS);
                described = true;
            } catch (java.util.concurrent.ExecutionException e) {
                described = false;
            }
            if (!names.contains(topic) && !described) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, topic + " still exists 60 s after its deletion");
            Thread.sleep(100);
        }
    }
}
