package io.logwise.kafka.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.config.KafkaConnectionSettings;
import io.logwise.kafka.error.ConfigurationException;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class KafkaClientFactoryTest {

    private static Properties admin(Map<String, String> env) {
        return KafkaClients.factoryFor(env).adminProperties();
    }

    private static Map<String, String> env(String... keyValues) {
        Map<String, String> env = new HashMap<>(Map.of("KAFKA_BOOTSTRAP_SERVERS", "b-1:9092,b-2:9092"));
        for (int i = 0; i < keyValues.length; i += 2) {
            env.put(keyValues[i], keyValues[i + 1]);
        }
        return env;
    }

    @Test
    void plaintextIsTheDefaultSoTheBootstrapVariableAloneReachesALocalBroker() {
        Properties props = admin(env());
        assertEquals("b-1:9092,b-2:9092", props.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
        assertEquals("PLAINTEXT", props.get("security.protocol"));
        assertFalse(props.containsKey("sasl.mechanism"));
        assertFalse(props.containsKey("ssl.truststore.location"));
    }

    @Test
    void tlsUsesTheJvmTrustStoreUnlessOneIsConfigured() {
        assertEquals("SSL", admin(env("KAFKA_SECURITY_MODE", "tls")).get("security.protocol"));
        assertFalse(admin(env("KAFKA_SECURITY_MODE", "tls")).containsKey("ssl.truststore.location"));

        Properties custom = admin(env("KAFKA_SECURITY_MODE", "TLS", "KAFKA_TRUSTSTORE_PATH", "/opt/trust.p12",
                "KAFKA_TRUSTSTORE_PASSWORD", "changeit"));
        assertEquals("/opt/trust.p12", custom.get("ssl.truststore.location"));
        assertEquals("PKCS12", custom.get("ssl.truststore.type"));
        assertEquals("changeit", custom.get("ssl.truststore.password"));
    }

    @Test
    void scramUsesSha512OverTlsWithEscapedJaasCredentials() {
        Properties props = admin(env("KAFKA_SECURITY_MODE", "scram", "KAFKA_SCRAM_USERNAME", "alice",
                "KAFKA_SCRAM_PASSWORD", "p\"w\\d"));
        assertEquals("SASL_SSL", props.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", props.get("sasl.mechanism"));
        assertEquals("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"alice\""
                + " password=\"p\\\"w\\\\d\";", props.get("sasl.jaas.config"));
    }

    @Test
    void scramCredentialsComeFromTheSecretOnlyWhenAScramClientIsBuilt() {
        KafkaConnectionSettings settings = KafkaConnectionSettings.fromEnv(env("KAFKA_SECURITY_MODE", "scram",
                "KAFKA_SCRAM_SECRET_ARN", "arn:aws:secretsmanager:eu-west-1:1:secret:AmazonMSK_logwise"));
        AtomicInteger reads = new AtomicInteger();
        KafkaClientFactory factory = new KafkaClientFactory(settings, () -> ScramCredentials.resolve(settings, arn -> {
            reads.incrementAndGet();
            assertEquals("arn:aws:secretsmanager:eu-west-1:1:secret:AmazonMSK_logwise", arn);
            return "{\"username\":\"svc\",\"password\":\"s3cret\"}";
        }));
        assertEquals(0, reads.get());
        assertTrue(factory.adminProperties().getProperty("sasl.jaas.config").contains("username=\"svc\""));
        assertEquals(1, reads.get());
    }

    @Test
    void iamUsesTheMskIamLoginModuleAndCallbackHandler() {
        Properties props = admin(env("KAFKA_SECURITY_MODE", "iam"));
        assertEquals("SASL_SSL", props.get("security.protocol"));
        assertEquals("AWS_MSK_IAM", props.get("sasl.mechanism"));
        assertEquals("software.amazon.msk.auth.iam.IAMLoginModule required;", props.get("sasl.jaas.config"));
        assertEquals("software.amazon.msk.auth.iam.IAMClientCallbackHandler",
                props.get("sasl.client.callback.handler.class"));
    }

    @Test
    void iamClassesNamedInTheConfigAreOnTheClasspath() throws ClassNotFoundException {
        Properties props = admin(env("KAFKA_SECURITY_MODE", "iam"));
        Class.forName(props.getProperty("sasl.client.callback.handler.class"));
        Class.forName(props.getProperty("sasl.jaas.config").split(" ")[0]);
    }

    @Test
    void timeoutsComeFromSettingsAndFitAnInvocation() {
        Properties props = admin(env("KAFKA_API_TIMEOUT_MS", "8000", "KAFKA_REQUEST_TIMEOUT_MS", "4000"));
        assertEquals("8000", props.get(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG));
        assertEquals("4000", props.get(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG));
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> admin(env("KAFKA_API_TIMEOUT_MS", "3000", "KAFKA_REQUEST_TIMEOUT_MS", "4000")));
        assertTrue(e.getMessage().contains("KAFKA_REQUEST_TIMEOUT_MS"), e.getMessage());
    }

    @Test
    void consumersNeverCommitAndProducersAreIdempotent() {
        KafkaClientFactory factory = KafkaClients.factoryFor(env());
        Properties consumer = factory.consumerProperties();
        assertEquals("false", consumer.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG));
        assertFalse(consumer.containsKey(ConsumerConfig.GROUP_ID_CONFIG));
        Properties producer = factory.producerProperties();
        assertEquals("all", producer.get(ProducerConfig.ACKS_CONFIG));
        assertEquals("true", producer.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
        assertEquals("PLAINTEXT", producer.get("security.protocol"));
    }

    @Test
    void badSettingsNameTheVariable() {
        assertMessageNames("KAFKA_BOOTSTRAP_SERVERS", Map.of());
        assertMessageNames("KAFKA_SECURITY_MODE", env("KAFKA_SECURITY_MODE", "kerberos"));
        assertMessageNames("KAFKA_API_TIMEOUT_MS", env("KAFKA_API_TIMEOUT_MS", "soon"));
        assertMessageNames("KAFKA_SCRAM_SECRET_ARN", env("KAFKA_SECURITY_MODE", "scram"));
        assertMessageNames("KAFKA_SCRAM_PASSWORD", env("KAFKA_SECURITY_MODE", "scram", "KAFKA_SCRAM_USERNAME", "a"));
    }

    @Test
    void thePasswordNeverAppearsInToStrings() {
        Map<String, String> env = env("KAFKA_SECURITY_MODE", "scram", "KAFKA_SCRAM_USERNAME", "alice",
                "KAFKA_SCRAM_PASSWORD", "hunter2-secret");
        KafkaConnectionSettings settings = KafkaConnectionSettings.fromEnv(env);
        assertFalse(settings.toString().contains("hunter2-secret"), settings.toString());
        assertFalse(ScramCredentials.resolve(settings, arn -> "").toString().contains("hunter2-secret"));
    }

    @Test
    void aMalformedSecretIsRefusedWithoutEchoingIt() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> ScramCredentials.fromJson("hunter2-secret", "secret arn:x"));
        assertFalse(e.getMessage().contains("hunter2-secret"), e.getMessage());
        assertThrows(ConfigurationException.class, () -> ScramCredentials.fromJson("{\"username\":\"a\"}", "x"));
    }

    private static void assertMessageNames(String variable, Map<String, String> env) {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> admin(env));
        assertTrue(e.getMessage().contains(variable), e.getMessage());
    }

    @Test
    void clientsRegisterNoMetricMBeans() throws Exception {
        // Built against a port nothing listens on: constructing the clients contacts no broker.
        KafkaClientFactory factory = KafkaClients.factoryFor(Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1",
                "KAFKA_CLIENT_ID", "no-jmx-test"));
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try (Admin admin = Admin.create(factory.adminProperties());
             KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(factory.consumerProperties());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(factory.producerProperties())) {
            Set<String> registered = new TreeSet<>();
            for (ObjectName name : server.queryNames(new ObjectName("kafka.*:*"), null)) {
                if (name.toString().contains("no-jmx-test") && !"app-info".equals(name.getKeyProperty("type"))) {
                    registered.add(name.toString());
                }
            }
            assertEquals(Set.of(), registered);
            // The clients exist: Kafka's own app-info bean is registered for each.
            assertEquals(3, server.queryNames(new ObjectName("kafka.*:type=app-info,*"), null).stream()
                    .filter(name -> name.toString().contains("no-jmx-test")).count());
        }
    }
}
