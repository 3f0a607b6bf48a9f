package io.logwise.kafka.handler;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.client.KafkaClients;
import io.logwise.kafka.error.ConfigurationException;
import io.logwise.kafka.metrics.EmfOutput;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each of the four functions stops on a bad MANAGED_TOPIC_PREFIX with a ConfigurationException naming it, before it
 * contacts Kafka: the bootstrap address here answers nothing, so any Kafka call would end in another error.
 */
class BadPrefixStopsEveryFunctionTest {

    private static final String SCHEDULED = "{\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\","
            + "\"detail\":{}}";
    private static final String SCAN = "{\"scanId\":\"s\",\"scannedAt\":\"2026-12-01T00:00:00Z\",\"topics\":[]}";

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            topic-provisioner | l.
            lag-scanner       | l.
            partition-scaler  | l.
            retention-updater | l.
            topic-provisioner | logs
            lag-scanner       | logs
            partition-scaler  | logs
            retention-updater | logs
            topic-provisioner | logwise-
            lag-scanner       | logwise-
            partition-scaler  | logwise-
            retention-updater | logwise-
            """)
    void aBadPrefixStopsTheFunctionBeforeKafkaIsContacted(String function, String prefix) {
        Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1", "MANAGED_TOPIC_PREFIX", prefix,
                "KAFKA_API_TIMEOUT_MS", "3000", "KAFKA_REQUEST_TIMEOUT_MS", "2000", "EMF_OUTPUT", "off");
        try (KafkaClients clients = new KafkaClients(KafkaClients.factoryFor(env))) {
            JsonHandler handler = switch (function) {
                case "topic-provisioner" -> new TopicProvisionerHandler(env, clients);
                case "lag-scanner" -> new LagScannerHandler(env, clients, EmfOutput.OFF);
                case "partition-scaler" -> new PartitionScalerHandler(env, clients, Clock.systemUTC());
                default -> new RetentionUpdaterHandler(env, clients, Clock.systemUTC());
            };
            String event = function.equals("partition-scaler") ? SCAN : SCHEDULED;
            ConfigurationException refused = assertThrows(ConfigurationException.class, () -> handler.handleRequest(
                    new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(),
                    null));
            assertTrue(refused.getMessage().contains("MANAGED_TOPIC_PREFIX"), refused.getMessage());
        }
    }
}
