package io.logwise.kafka.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.client.ConnectionCheck.Reach;
import io.logwise.kafka.error.ConnectionProblem;
import io.logwise.kafka.error.KafkaErrors;
import io.logwise.kafka.error.KafkaUnavailableException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/** The probes behind error messages, against local sockets: no broker needed. */
class ConnectionCheckTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aProbeTellsListeningRefusedAndUnknownHostApart() throws IOException {
        try (ServerSocket listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int refused = closedPort();
            List<ConnectionCheck.Probe> probes = ConnectionCheck.probeAll("127.0.0.1:" + listening.getLocalPort()
                    + ", 127.0.0.1:" + refused + ",no-such-broker.invalid:9092,not-an-address", TIMEOUT);
            assertEquals(List.of(Reach.LISTENING, Reach.REFUSED, Reach.UNKNOWN_HOST, Reach.NO_ANSWER),
                    probes.stream().map(ConnectionCheck.Probe::reach).toList());
        }
    }

    @Test
    void aPortThatClosesOnAClientHelloDoesNotSpeakTls() throws Exception {
        try (ServerSocket plain = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                try (Socket client = plain.accept()) {
                    client.getInputStream().read(new byte[4]); // as a plaintext Kafka broker: an absurd size, closed
                } catch (IOException ignored) {
                    // the probe's side is what is checked
                }
            });
            server.start();
            assertEquals(Optional.of(false), ConnectionCheck.speaksTls("127.0.0.1:" + plain.getLocalPort(), TIMEOUT));
            server.join(5_000);
        }
    }

    @Test
    void awsCredentialsAreSeenInTheEnvironmentWithoutAskingTheNetwork() {
        assertTrue(ConnectionCheck.hasAwsCredentials(Map.of("AWS_ACCESS_KEY_ID", "AKIA")));
        assertTrue(ConnectionCheck.hasAwsCredentials(Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://x")));
        assertTrue(ConnectionCheck.hasAwsCredentials(Map.of("AWS_WEB_IDENTITY_TOKEN_FILE", "/t")));
        boolean profileOrProperties = System.getProperty("aws.accessKeyId") != null
                || java.nio.file.Files.exists(java.nio.file.Path.of(System.getProperty("user.home"), ".aws"));
        assertEquals(profileOrProperties, ConnectionCheck.hasAwsCredentials(Map.of("AWS_ACCESS_KEY_ID", " ")));
    }

    @Test
    void aConnectionProblemIsTranslatedNamingTheOperation() {
        KafkaUnavailableException refused = assertInstanceOf(KafkaUnavailableException.class,
                KafkaErrors.translate("listing topics", new ConnectionProblem("nothing accepts connections at x")));
        assertEquals("Kafka is unreachable while listing topics: nothing accepts connections at x",
                refused.getMessage());
        KafkaUnavailableException timedOut = assertInstanceOf(KafkaUnavailableException.class, KafkaErrors.translate(
                "listing topics", new ConnectionProblem("x speaks TLS", new TimeoutException("listNodes"))));
        assertTrue(timedOut.getMessage().startsWith("Kafka did not answer in time while listing topics: x speaks"),
                timedOut.getMessage());
        assertFalse(KafkaErrors.isTimeout(new ConnectionProblem("nothing")));
    }
}
