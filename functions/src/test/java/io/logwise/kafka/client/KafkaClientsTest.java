package io.logwise.kafka.client;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.error.ConnectionProblem;
import io.logwise.kafka.error.KafkaOperationException;
import io.logwise.kafka.error.KafkaUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.TopicExistsException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When the cached Admin client is kept and when it is rebuilt. No broker needed: Admin connects lazily, and the
 * bootstrap check before it is built only needs something that accepts connections.
 */
class KafkaClientsTest {

    private final ServerSocket listening = listening();
    private final KafkaClients clients = new KafkaClients(KafkaClients.factoryFor(Map.of(
            "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + listening.getLocalPort())));

    private static ServerSocket listening() {
        try {
            return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void stopListening() throws IOException {
        listening.close();
    }

    @Test
    void nothingListeningFailsBeforeAnAdminIsBuilt() throws IOException {
        int port = listening.getLocalPort();
        listening.close();
        try (KafkaClients refused = new KafkaClients(KafkaClients.factoryFor(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + port)))) {
            ConnectionProblem problem = assertThrows(ConnectionProblem.class, refused::admin);
            assertTrue(problem.getMessage().contains("127.0.0.1:" + port + " (connection refused)"),
                    problem.getMessage());
        }
    }

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
