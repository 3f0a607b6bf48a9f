package io.logwise.kafka.config;

import io.logwise.kafka.error.ConfigurationException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Where and how to reach Kafka, read once per container from the environment. The SCRAM password is never part of
 * {@link #toString()}.
 */
public record KafkaConnectionSettings(
        String bootstrapServers,
        SecurityMode securityMode,
        Optional<String> truststorePath,
        Optional<String> truststorePassword,
        String truststoreType,
        Optional<String> scramSecretArn,
        Optional<String> scramUsername,
        Optional<String> scramPassword,
        Optional<String> scramCredentialsFile,
        Duration apiTimeout,
        Duration requestTimeout,
        String clientId) {

    public static final String BOOTSTRAP_SERVERS = "KAFKA_BOOTSTRAP_SERVERS";
    public static final String SECURITY_MODE = "KAFKA_SECURITY_MODE";
    public static final String TRUSTSTORE_PATH = "KAFKA_TRUSTSTORE_PATH";
    public static final String TRUSTSTORE_PASSWORD = "KAFKA_TRUSTSTORE_PASSWORD";
    public static final String TRUSTSTORE_TYPE = "KAFKA_TRUSTSTORE_TYPE";
    public static final String SCRAM_SECRET_ARN = "KAFKA_SCRAM_SECRET_ARN";
    public static final String SCRAM_USERNAME = "KAFKA_SCRAM_USERNAME";
    public static final String SCRAM_PASSWORD = "KAFKA_SCRAM_PASSWORD";
    public static final String SCRAM_CREDENTIALS_FILE = "KAFKA_SCRAM_CREDENTIALS_FILE";
    public static final String API_TIMEOUT_MS = "KAFKA_API_TIMEOUT_MS";
    public static final String REQUEST_TIMEOUT_MS = "KAFKA_REQUEST_TIMEOUT_MS";
    public static final String CLIENT_ID = "KAFKA_CLIENT_ID";

    public static KafkaConnectionSettings fromEnv(Map<String, String> environment) {
        Env env = Env.of(environment);
        String bootstrap = env.required(BOOTSTRAP_SERVERS,
                "the Kafka bootstrap servers, e.g. localhost:9092 or the MSK bootstrap string");
        SecurityMode mode = env.choice(SECURITY_MODE, SecurityMode.class, SecurityMode.PLAINTEXT);
        Duration apiTimeout = env.millis(API_TIMEOUT_MS, Duration.ofSeconds(20));
        Duration requestTimeout = env.millis(REQUEST_TIMEOUT_MS, Duration.ofSeconds(10));
        if (requestTimeout.compareTo(apiTimeout) > 0) {
            throw new ConfigurationException(REQUEST_TIMEOUT_MS + " (" + requestTimeout.toMillis()
                    + ") must not exceed " + API_TIMEOUT_MS + " (" + apiTimeout.toMillis() + ")");
        }
        var settings = new KafkaConnectionSettings(bootstrap, mode,
                env.optional(TRUSTSTORE_PATH), env.optional(TRUSTSTORE_PASSWORD),
                env.string(TRUSTSTORE_TYPE, "PKCS12"),
                env.optional(SCRAM_SECRET_ARN), env.optional(SCRAM_USERNAME), env.optional(SCRAM_PASSWORD),
                env.optional(SCRAM_CREDENTIALS_FILE),
                apiTimeout, requestTimeout,
                env.string(CLIENT_ID, env.string("AWS_LAMBDA_FUNCTION_NAME", "logwise-kafka")));
        settings.checkScramSource();
        return settings;
    }

    private void checkScramSource() {
        if (securityMode != SecurityMode.SCRAM) {
            return;
        }
        boolean fromVariables = scramUsername.isPresent() || scramPassword.isPresent();
        int sources = (scramSecretArn.isPresent() ? 1 : 0) + (fromVariables ? 1 : 0)
                + (scramCredentialsFile.isPresent() ? 1 : 0);
        if (sources != 1) {
            throw new ConfigurationException("scram mode needs exactly one credential source: "
                    + SCRAM_SECRET_ARN + " (AWS Secrets Manager, as MSK requires), or " + SCRAM_CREDENTIALS_FILE
                    + ", or " + SCRAM_USERNAME + " with " + SCRAM_PASSWORD + " (local runs); found " + sources);
        }
        if (fromVariables && (scramUsername.isEmpty() || scramPassword.isEmpty())) {
            throw new ConfigurationException(SCRAM_USERNAME + " and " + SCRAM_PASSWORD + " must be set together");
        }
    }

    @Override
    public String toString() {
        return "KafkaConnectionSettings[bootstrapServers=" + bootstrapServers + ", securityMode=" + securityMode
                + ", truststorePath=" + truststorePath.orElse("-") + ", scramSecretArn=" + scramSecretArn.orElse("-")
                + ", scramUsername=" + scramUsername.orElse("-") + ", apiTimeout=" + apiTimeout
                + ", requestTimeout=" + requestTimeout + ", clientId=" + clientId + "]";
    }
}
