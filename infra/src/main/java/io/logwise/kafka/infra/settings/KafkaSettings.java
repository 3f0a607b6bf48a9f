package io.logwise.kafka.infra.settings;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The connection every function shares, plus the topic names that scope their permissions. */
public record KafkaSettings(
        KafkaConnection connection,
        Optional<String> truststorePath,
        int apiTimeoutMs,
        int requestTimeoutMs,
        String managedTopicPrefix,
        String stateTopic) {

    public static final String DEFAULT_PREFIX = "logs.";
    public static final String DEFAULT_STATE_TOPIC = "logwise-ops.state";
    static final int DEFAULT_API_TIMEOUT_MS = 20_000;
    static final int DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

    private static final Set<String> KEYS = Set.of(
            "securityMode", "clusterArn", "bootstrapServers", "scramSecretArn", "scramSecretKmsKeyArn",
            "truststorePath", "apiTimeoutMs", "requestTimeoutMs", "managedTopicPrefix", "stateTopic");
    private static final Set<String> MODES = Set.of("iam", "scram", "tls", "plaintext");
    private static final String HOST_PORT = "[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5}";
    private static final Pattern BOOTSTRAP = Pattern.compile(HOST_PORT + "(," + HOST_PORT + ")*");
    private static final Pattern TOPIC_NAME = Pattern.compile("[A-Za-z0-9._-]{1,249}");
    private static final Pattern SECRET_ARN =
            Pattern.compile("arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\\d{12}:secret:.+");
    private static final Pattern KMS_KEY_ARN = Pattern.compile("arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:key/.+");

    static KafkaSettings parse(ContextMap kafka) {
        kafka.rejectUnknownKeys(KEYS);
        KafkaConnection connection = parseConnection(kafka);
        Optional<String> truststore = kafka.optionalString("truststorePath");
        if (truststore.isPresent() && connection instanceof KafkaConnection.Plaintext) {
            throw new SettingsException(
                    kafka.pathOf("truststorePath") + " contradicts securityMode plaintext (no TLS)");
        }
        int apiTimeout = kafka.integer("apiTimeoutMs", DEFAULT_API_TIMEOUT_MS, 1_000, 900_000);
        int requestTimeout = kafka.integer("requestTimeoutMs", DEFAULT_REQUEST_TIMEOUT_MS, 1_000, 900_000);
        if (requestTimeout > apiTimeout) {
            throw new SettingsException(kafka.pathOf("requestTimeoutMs") + " (" + requestTimeout
                    + ") must not exceed apiTimeoutMs (" + apiTimeout + "): the Kafka Admin client rejects it");
        }
        String prefix = topicName(kafka, "managedTopicPrefix", DEFAULT_PREFIX);
        String stateTopic = topicName(kafka, "stateTopic", DEFAULT_STATE_TOPIC);
        if (stateTopic.startsWith(prefix)) {
            throw new SettingsException(kafka.pathOf("stateTopic") + " '" + stateTopic
                    + "' must lie outside the managed prefix '" + prefix + "'");
        }
        return new KafkaSettings(connection, truststore, apiTimeout, requestTimeout, prefix, stateTopic);
    }

    private static KafkaConnection parseConnection(ContextMap kafka) {
        String mode = kafka.requiredString("securityMode");
        if (!MODES.contains(mode)) {
            throw new SettingsException(kafka.pathOf("securityMode")
                    + " must be one of iam, scram, tls, plaintext; got: " + mode);
        }
        if (!"iam".equals(mode)) {
            forbid(kafka, "clusterArn", "it is only used with securityMode iam (MSK IAM)");
        }
        if (!"scram".equals(mode)) {
            forbid(kafka, "scramSecretArn", "it is only used with securityMode scram");
            forbid(kafka, "scramSecretKmsKeyArn", "it is only used with securityMode scram");
        }
        return switch (mode) {
            case "iam" -> new KafkaConnection.MskIam(
                    MskClusterArn.parse(kafka.requiredString("clusterArn")), optionalBootstrap(kafka));
            case "scram" -> new KafkaConnection.Scram(bootstrap(kafka),
                    matching(kafka, "scramSecretArn", SECRET_ARN).orElseThrow(
                            () -> new SettingsException(
                                    kafka.pathOf("scramSecretArn") + " is required for securityMode scram")),
                    matching(kafka, "scramSecretKmsKeyArn", KMS_KEY_ARN));
            case "tls" -> new KafkaConnection.Tls(bootstrap(kafka));
            default -> new KafkaConnection.Plaintext(bootstrap(kafka));
        };
    }

    private static String bootstrap(ContextMap kafka) {
        return optionalBootstrap(kafka).orElseThrow(() -> new SettingsException(kafka.pathOf("bootstrapServers")
                + " is required unless securityMode is iam (where it is looked up from the cluster)"));
    }

    private static Optional<String> optionalBootstrap(ContextMap kafka) {
        Optional<String> servers = kafka.optionalString("bootstrapServers").map(s -> s.replace(" ", ""));
        servers.ifPresent(s -> {
            if (!BOOTSTRAP.matcher(s).matches()) {
                throw new SettingsException(
                        kafka.pathOf("bootstrapServers") + " must be host:port[,host:port...], got: " + s);
            }
        });
        return servers;
    }

    private static Optional<String> matching(ContextMap kafka, String key, Pattern format) {
        Optional<String> value = kafka.optionalString(key);
        value.ifPresent(v -> {
            if (!format.matcher(v).matches()) {
                throw new SettingsException(kafka.pathOf(key) + " is not a valid ARN: " + v);
            }
        });
        return value;
    }

    private static String topicName(ContextMap kafka, String key, String defaultValue) {
        String name = kafka.optionalString(key).orElse(defaultValue);
        if (!TOPIC_NAME.matcher(name).matches()) {
            throw new SettingsException(kafka.pathOf(key) + " must be a literal topic name or prefix "
                    + "(letters, digits, '.', '_', '-'), got: " + name);
        }
        return name;
    }

    private static void forbid(ContextMap kafka, String key, String why) {
        if (kafka.has(key)) {
            throw new SettingsException(kafka.pathOf(key) + " contradicts securityMode "
                    + kafka.optionalString("securityMode").orElse("?") + ": " + why);
        }
    }
}
