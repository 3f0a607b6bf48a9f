package io.logwise.kafka.gateway;

import io.logwise.kafka.retention.ConfigKey;
import io.logwise.kafka.retention.RetentionFixture;
import io.logwise.kafka.retention.TopicRetention;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.client.Deadline;
import io.logwise.kafka.client.KafkaClients;
import io.logwise.kafka.testkit.KafkaTestCluster;
import io.logwise.kafka.testkit.RealKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The retention gateway's reads and its one batched alter, against a real broker. */
@RealKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetentionKafkaGatewayIT {

    private final RetentionFixture fixture;
    private final KafkaClients clients;

    RetentionKafkaGatewayIT(KafkaTestCluster kafka) {
        this.fixture = new RetentionFixture(kafka);
        this.clients = new KafkaClients(KafkaClients.factoryFor(Map.of("KAFKA_BOOTSTRAP_SERVERS",
                kafka.bootstrapServers())));
    }

    @AfterAll
    void close() {
        clients.close();
        fixture.close();
    }

    private RetentionKafkaGateway gateway() {
        return new RetentionKafkaGateway(clients.admin(),
                Deadline.after(Duration.ofSeconds(60), Duration.ofSeconds(20)));
    }

    @Test
    void readsRetentionPartitionsAndDiskUseAndLeavesUnknownTopicsOut() throws Exception {
        String topic = fixture.topic("read", 2, Map.of("retention.ms", "7200000", "retention.bytes", "1048576"));
        fixture.produce(topic, 20, Instant.now());
        String missing = RetentionFixture.name("missing");

        Map<String, TopicRetention> found = gateway().read(List.of(topic, missing));

        assertEquals(Map.of(topic, found.get(topic)), found);
        TopicRetention retention = found.get(topic);
        assertEquals(2, retention.partitions());
        assertEquals(7_200_000L, retention.retentionMs());
        assertEquals(1_048_576L, retention.retentionBytes());
        assertTrue(retention.logBytes() > 20 * "log line 0".length(), retention.toString());
    }

    @Test
    void oneAlterCallSetsRetentionOnSeveralTopicsKeepsOtherOverridesAndReportsAnUnknownTopic() throws Exception {
        String first = fixture.topic("alter-a", 1, Map.of("retention.ms", "3600000", "max.message.bytes", "2000000"));
        String second = fixture.topic("alter-b", 1, Map.of("retention.ms", "3600000", "cleanup.policy", "delete"));
        String missing = RetentionFixture.name("missing");

        Map<String, CallResult> results = gateway().alter(Map.of(
                first, Map.of(ConfigKey.RETENTION_MS, 604_800_000L),
                second, Map.of(ConfigKey.RETENTION_MS, 86_400_000L, ConfigKey.RETENTION_BYTES, 5_000_000L),
                missing, Map.of(ConfigKey.RETENTION_MS, 86_400_000L)));

        assertEquals(CallResult.DONE, results.get(first));
        assertEquals(CallResult.DONE, results.get(second));
        assertTrue(results.get(missing).failed(), results.toString());
        assertTrue(results.get(missing).detail().contains(missing), results.toString());
        assertEquals(604_800_000L, fixture.awaitRetentionMs(first, 604_800_000L));
        assertEquals("2000000", fixture.awaitConfig(first, "max.message.bytes", "2000000"));
        assertEquals(86_400_000L, fixture.awaitRetentionMs(second, 86_400_000L));
        assertEquals("5000000", fixture.awaitConfig(second, "retention.bytes", "5000000"));
        assertEquals("delete", fixture.awaitConfig(second, "cleanup.policy", "delete"));
    }
}
