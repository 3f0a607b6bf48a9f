package io.logwise.kafka.client;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.error.KafkaUnavailableException;
import io.logwise.kafka.handler.TopicProvisionerHandler;
import io.logwise.kafka.testkit.KafkaTestCluster;
import io.logwise.kafka.testkit.RealKafka;
import io.logwise.kafka.testkit.SecureKafka;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wrong address or a protocol that does not match the listener: the error names the cause and the next step. A
 * refused address fails at once; a mismatch fails at the API time-out (here 3 s) with what a probe found.
 */
@RealKafka
class ConnectionErrorsIT {

    private static final String EVENT = "{\"services\": [\"connection-errors\"]}";

    private final KafkaTestCluster kafka;

    ConnectionErrorsIT(KafkaTestCluster kafka) {
        this.kafka = kafka;
    }

    private record Failed(KafkaUnavailableException error, Duration after) {
    }

    private static Failed provision(String... environment) {
        Map<String, String> env = new HashMap<>(Map.of("KAFKA_API_TIMEOUT_MS", "3000",
                "KAFKA_REQUEST_TIMEOUT_MS", "2000", "EMF_OUTPUT", "off"));
        for (int i = 0; i < environment.length; i += 2) {
            env.put(environment[i], environment[i + 1]);
        }
        long started = System.nanoTime();
        try (KafkaClients clients = new KafkaClients(KafkaClients.factoryFor(env))) {
            var handler = new TopicProvisionerHandler(env, clients);
            var error = assertThrows(KafkaUnavailableException.class, () -> handler.handleRequest(
                    new ByteArrayInputStream(EVENT.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(),
                    null));
            Duration after = Duration.ofNanos(System.nanoTime() - started);
            System.out.printf(Locale.ROOT, "[connection-errors] %s -> after %d ms: %s%n", env.get(
                    "KAFKA_SECURITY_MODE") + " " + env.get("KAFKA_BOOTSTRAP_SERVERS"), after.toMillis(),
                    error.getMessage());
            return new Failed(error, after);
        }
    }

    private static void assertContains(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "expected '" + part + "' in: " + message);
        }
    }

    @Test
    void anAddressNothingListensAtFailsAtOnceNamingIt() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Failed failed = provision("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + port);
        assertContains(failed.error().getMessage(), "Kafka is unreachable while provisioning topics",
                "127.0.0.1:" + port + " (connection refused)", "KAFKA_BOOTSTRAP_SERVERS");
        assertTrue(failed.after().compareTo(Duration.ofSeconds(2)) < 0, "not at once: " + failed.after());
    }

    @Test
    void anUnknownHostFailsAtOnceNamingIt() {
        Failed failed = provision("KAFKA_BOOTSTRAP_SERVERS", "no-such-broker.invalid:9092");
        assertContains(failed.error().getMessage(), "no-such-broker.invalid:9092 (unknown host)");
        assertTrue(failed.after().compareTo(Duration.ofSeconds(2)) < 0, "not at once: " + failed.after());
    }

    @Test
    void aTlsClientOnAPlaintextPortIsToldSo() {
        String address = kafka.bootstrapServers().split(",")[0];
        Failed failed = provision("KAFKA_BOOTSTRAP_SERVERS", address, "KAFKA_SECURITY_MODE", "tls");
        assertContains(failed.error().getMessage(), "Kafka did not answer in time while provisioning topics",
                address + " does not speak TLS, but KAFKA_SECURITY_MODE=tls needs a TLS listener",
                "KAFKA_SECURITY_MODE=plaintext");
    }

    @Test
    void iamModeAgainstAPlaintextBrokerIsToldSo() {
        String address = kafka.bootstrapServers().split(",")[0];
        Failed failed = provision("KAFKA_BOOTSTRAP_SERVERS", address, "KAFKA_SECURITY_MODE", "iam");
        assertContains(failed.error().getMessage(), address + " does not speak TLS",
                "MSK's IAM listener (TLS, port 9098)");
        if (!ConnectionCheck.hasAwsCredentials(System.getenv())) {
            assertContains(failed.error().getMessage(), "no AWS credentials are configured");
        }
    }

    @Test
    void aPlaintextClientOnATlsPortIsToldSo(@TempDir Path certificates) {
        try (SecureKafka secure = SecureKafka.start(certificates)) {
            String address = secure.scramBootstrapServers().split(",")[0];
            Failed failed = provision("KAFKA_BOOTSTRAP_SERVERS", address, "KAFKA_SECURITY_MODE", "plaintext");
            assertContains(failed.error().getMessage(), address + " speaks TLS, but KAFKA_SECURITY_MODE=plaintext",
                    "set KAFKA_SECURITY_MODE to tls, scram or iam");
        }
    }
}
