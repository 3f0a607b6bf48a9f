package io.logwise.kafka.client;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.logwise.kafka.error.KafkaOperationException;
import io.logwise.kafka.error.KafkaUnavailableException;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.TopicExistsException;
import org.junit.jupiter.api.Test;

/** When the cached Admin client is kept and when it is rebuilt (no broker needed: Admin connects lazily). */
class KafkaClientsTest {

    private final KafkaClients clients = new KafkaClients(KafkaClients.factoryFor(Map.of(
            "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1")));

    @Test
    void anOrdinaryErrorKeepsTheClient() {
        try (clients) {
            Admin first = clients.admin();
            clients.onFailure(new KafkaOperationException("creating topics failed", new TopicExistsException("x")));
            assertSame(first, clients.admin());
        }
    }

    @Test
    void aTimeoutDiscardsTheClientWhoseConnectionsMayBeDead() {
        try (clients) {
            Admin first = clients.admin();
            clients.onFailure(new KafkaUnavailableException("Kafka did not answer in time while listing topics"));
            assertNotSame(first, clients.admin());
        }
    }
}
