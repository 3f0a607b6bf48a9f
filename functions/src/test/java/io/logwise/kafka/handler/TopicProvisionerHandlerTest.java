package io.logwise.kafka.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.client.KafkaClients;
import io.logwise.kafka.error.ConfigurationException;
import io.logwise.kafka.error.InvalidRequestException;
import io.logwise.kafka.error.LogwiseException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad input is refused before Kafka is contacted: the client points at a port where nothing listens, so a handler
 * that tried to reach Kafka would fail with KafkaUnavailableException instead of the expected error.
 */
class TopicProvisionerHandlerTest {

    private static final Map<String, String> NO_KAFKA = Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1",
            "KAFKA_API_TIMEOUT_MS", "2000", "KAFKA_REQUEST_TIMEOUT_MS", "1000");

    private final KafkaClients clients = new KafkaClients(KafkaClients.factoryFor(NO_KAFKA));

    @AfterEach
    void closeClients() {
        clients.close();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {"services": ["a"]                                      | the event is not valid JSON
            ["a"]                                                   | the event must be a JSON object
            {"services": ["a"], "partitions": 0}                    | partitions: 0 is below the minimum 1
            {"services": ["a"], "partitions": 101}                  | partitions: 101 is above the maximum 100
            {"services": ["a"], "retentionMs": "1h"}                | retentionMs: expected a whole number
            {"services": ["a"], "tls": false}                       | unknown field 'tls'
            {"service": "a"}                                        | unknown field 'service'
            {"services": [1]}                                       | services[0]: expected a string
            {"scanId": "s-1", "topics": []}                         | topic-provisioner does not take a lag scan result
            {"detail-type": "Scale Partitions", "source": "logwise.kafka", "detail": {"topic": "logs.a"}} | detail-type 'Scale Partitions' is not for topic-provisioner
            {"detail-type": "Provision Topics", "source": "logwise.kafka", "detail": {"services": []}}    | services: expected a non-empty array
            """)
    void refusesBadInputBeforeContactingKafka(String event, String expected) {
        var handler = new TopicProvisionerHandler(NO_KAFKA, clients);
        var error = assertThrows(InvalidRequestException.class, () -> HandlerCalls.invoke(handler, event));
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }

    @Test
    void aBadSettingIsAConfigurationErrorNamingTheVariable() {
        Map<String, String> env = new java.util.HashMap<>(NO_KAFKA);
        env.put("DEFAULT_PARTITIONS", "0");
        var handler = new TopicProvisionerHandler(env, clients);
        var error = assertThrows(ConfigurationException.class,
                () -> HandlerCalls.invoke(handler, "{\"services\": [\"a\"]}"));
        assertEquals("DEFAULT_PARTITIONS: 0 is below the minimum 1", error.getMessage());
    }

    @Test
    void anUnknownSecurityModeIsAConfigurationErrorNamingTheVariable() {
        Map<String, String> env = new java.util.HashMap<>(NO_KAFKA);
        env.put("KAFKA_SECURITY_MODE", "kerberos");
        LogwiseException error = assertThrows(ConfigurationException.class, () -> KafkaClients.factoryFor(env));
        assertTrue(error.getMessage().startsWith("KAFKA_SECURITY_MODE: unknown value 'kerberos'; expected one of"
                + " plaintext, tls, scram, iam"), error.getMessage());
    }
}
