package io.logwise.kafka.client;

import io.logwise.kafka.config.KafkaConnectionSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The one way every function builds its Kafka client configuration: connection, security mode and timeouts that fit
 * inside a Lambda invocation. It only builds properties; {@link KafkaClients} owns the client instances.
 */
public final class KafkaClientFactory {

    static final String MSK_IAM_MECHANISM = "AWS_MSK_IAM";
    static final String MSK_IAM_LOGIN_MODULE = "software.amazon.msk.auth.iam.IAMLoginModule";
    static final String MSK_IAM_CALLBACK_HANDLER = "software.amazon.msk.auth.iam.IAMClientCallbackHandler";

    private final KafkaConnectionSettings settings;
    private final Supplier<ScramCredentials> scramCredentials;

    /**
     * @param scramCredentials called at most once per client built in SCRAM mode (e.g. a Secrets Manager read);
     *                         never called in other modes
     */
    public KafkaClientFactory(KafkaConnectionSettings settings, Supplier<ScramCredentials> scramCredentials) {
        this.settings = settings;
        this.scramCredentials = scramCredentials;
    }

    public KafkaConnectionSettings settings() {
        return settings;
    }

    public Properties adminProperties() {
        Properties props = common();
        // Admin retries inside default.api.timeout.ms; fail a dead cluster within the invocation instead.
        props.put(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, "200");
        return props;
    }

    /** A consumer that never joins a group: offsets are read with assign(), positions are never committed. */
    public Properties consumerProperties() {
        Properties props = common();
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return props;
    }

    /** An idempotent producer that waits for all in-sync replicas: decisions must not be lost or duplicated. */
    public Properties producerProperties() {
        Properties props = common();
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        long request = settings.requestTimeout().toMillis();
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(settings.apiTimeout().toMillis()));
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(Math.max(request, 1000)));
        return props;
    }

    private Properties common() {
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, settings.clientId());
        props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(settings.requestTimeout().toMillis()));
        props.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(settings.apiTimeout().toMillis()));
        // A broker that does not accept the TCP connection should not eat the whole invocation.
        props.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, "5000");
        props.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, "10000");
        props.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        // Client metrics push (KIP-714) is off: its shaded protobuf is left out of the deployment jar.
        props.put(CommonClientConfigs.ENABLE_METRICS_PUSH_CONFIG, "false");
        // No JMX reporter: nothing can read a Lambda's MBeans, and registering one per client metric cost 3-7 % of
        // a cold invocation (24-69 ms of CPU, measured with scripts/invoke).
        props.put(CommonClientConfigs.METRIC_REPORTER_CLASSES_CONFIG, "");
        props.putAll(securityProperties());
        return props;
    }

    Map<String, String> securityProperties() {
        return switch (settings.securityMode()) {
            case PLAINTEXT -> Map.of(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT");
            case TLS -> withTruststore(Map.of(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SSL"));
            case SCRAM -> withTruststore(Map.of(
                    CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL",
                    SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512",
                    SaslConfigs.SASL_JAAS_CONFIG, scramCredentials.get().jaasConfig()));
            case IAM -> Map.of(
                    CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL",
                    SaslConfigs.SASL_MECHANISM, MSK_IAM_MECHANISM,
                    SaslConfigs.SASL_JAAS_CONFIG, MSK_IAM_LOGIN_MODULE + " required;",
                    SaslConfigs.SASL_CLIENT_CALLBACK_HANDLER_CLASS, MSK_IAM_CALLBACK_HANDLER);
        };
    }

    private Map<String, String> withTruststore(Map<String, String> base) {
        if (settings.truststorePath().isEmpty()) {
            return base; // the JVM's default trust store: public CAs, as MSK uses
        }
        var props = new HashMap<>(base);
        props.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, settings.truststorePath().get());
        props.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, settings.truststoreType());
        settings.truststorePassword().ifPresent(p -> props.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, p));
        return Map.copyOf(props);
    }
}
