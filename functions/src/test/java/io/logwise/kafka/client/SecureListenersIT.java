package io.logwise.kafka.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.error.KafkaAuthenticationException;
import io.logwise.kafka.error.KafkaErrors;
import io.logwise.kafka.error.LogwiseException;
import io.logwise.kafka.testkit.BrokerCertificate;
import io.logwise.kafka.testkit.Eventually;
import io.logwise.kafka.testkit.KafkaDistribution;
import io.logwise.kafka.testkit.LocalKafkaCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The factory's tls and scram modes against a real broker with SASL_SSL (SCRAM-SHA-512) and SSL listeners, a
 * certificate made by the test and a SCRAM user created through the Admin API.
 */
class SecureListenersIT {

    private static final String PASSWORD = "alice-Secret-7f3a";
    private static final String STORE_PASSWORD = "store-pass";

    @TempDir
    static Path certificates;
    private static LocalKafkaCluster kafka;

    @BeforeAll
    static void startSecureBroker() throws Exception {
        BrokerCertificate certificate = BrokerCertificate.make(certificates, STORE_PASSWORD);
        assertTrue(Files.exists(certificates), "certificate folder");
        assertTrue(KafkaDistribution.fromEnvironment().version().length() > 0);

        kafka = LocalKafkaCluster.startWithFreshPorts(() -> certificate.scramOverTls(LocalKafkaCluster.builder()
                .listener("SASL_SSL", "SASL_SSL")
                .listener("SSL", "SSL")), 3);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion("alice",
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), PASSWORD))).all()
                    .get(60, TimeUnit.SECONDS);
            // The controller confirms the user when it commits it; the broker that authenticates learns it later.
            boolean known = Eventually.await(() -> admin.describeUserScramCredentials().all()
                    .get(30, TimeUnit.SECONDS).containsKey("alice"), Boolean.TRUE::equals);
            assertTrue(known, "the broker did not know the SCRAM user within " + Eventually.PATIENCE);
        }
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    private static Map<String, String> scramEnv(String password) {
        return Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers("SASL_SSL"),
                "KAFKA_SECURITY_MODE", "scram",
                "KAFKA_SCRAM_USERNAME", "alice",
                "KAFKA_SCRAM_PASSWORD", password,
                "KAFKA_TRUSTSTORE_PATH", certificates.resolve("truststore.p12").toString(),
                "KAFKA_TRUSTSTORE_PASSWORD", STORE_PASSWORD,
                "KAFKA_API_TIMEOUT_MS", "60000",
                "KAFKA_REQUEST_TIMEOUT_MS", "30000");
    }

    @Test
    void theRightScramPasswordConnects() throws Exception {
        try (KafkaClients clients = new KafkaClients(KafkaClients.factoryFor(scramEnv(PASSWORD)))) {
            assertEquals(1, clients.admin().describeCluster().nodes().get(60, TimeUnit.SECONDS).size());
        }
    }

    @Test
    void aWrongScramPasswordFailsFastSayingAuthenticationFailedWithoutTheSecret() {
        String wrong = "not-the-" + PASSWORD;
        try (KafkaClients clients = new KafkaClients(KafkaClients.factoryFor(scramEnv(wrong)))) {
            long started = System.nanoTime();
            LogwiseException error = assertThrows(LogwiseException.class, () -> {
                try {
                    clients.admin().describeCluster().nodes().get(90, TimeUnit.SECONDS);
                } catch (Exception e) {
                    clients.onFailure(e);
                    throw KafkaErrors.translate("describing the cluster", e);
                }
            });
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(error instanceof KafkaAuthenticationException, error.toString());
            assertTrue(error.getMessage().contains("authentication failed"), error.getMessage());
            assertFalse(error.getMessage().contains(wrong), error.getMessage());
            assertFalse(error.getMessage().contains(PASSWORD), error.getMessage());
            assertFalse(error.getMessage().contains("\n"), "one line, no stack trace: " + error.getMessage());
            // No retry loop up to the 60 s API timeout: the broker's refusal is final. (Half of it leaves room for
            // a TLS handshake and a SCRAM exchange on a starved machine.)
            assertTrue(elapsed.compareTo(Duration.ofSeconds(30)) < 0, "took " + elapsed);
            System.err.println("[secure-listeners] wrong SCRAM password refused in " + elapsed.toMillis() + " ms: "
                    + error.getMessage());
        }
    }

    @Test
    void tlsModeConnectsWithTheCustomTruststore() throws Exception {
        Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers("SSL"),
                "KAFKA_SECURITY_MODE", "tls",
                "KAFKA_TRUSTSTORE_PATH", certificates.resolve("truststore.p12").toString(),
                "KAFKA_TRUSTSTORE_PASSWORD", STORE_PASSWORD);
        try (KafkaClients clients = new KafkaClients(KafkaClients.factoryFor(env))) {
            assertEquals(1, clients.admin().describeCluster().nodes().get(60, TimeUnit.SECONDS).size());
        }
    }
}
