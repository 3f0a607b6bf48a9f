package io.logwise.kafka.infra.settings;

import java.util.Set;

/** Names of the environment variables the functions read (see the functions' settings classes). */
public final class EnvironmentVariables {

    public static final String BOOTSTRAP_SERVERS = "KAFKA_BOOTSTRAP_SERVERS";
    public static final String SECURITY_MODE = "KAFKA_SECURITY_MODE";
    public static final String SCRAM_SECRET_ARN = "KAFKA_SCRAM_SECRET_ARN";
    public static final String TRUSTSTORE_PATH = "KAFKA_TRUSTSTORE_PATH";
    public static final String API_TIMEOUT_MS = "KAFKA_API_TIMEOUT_MS";
    public static final String REQUEST_TIMEOUT_MS = "KAFKA_REQUEST_TIMEOUT_MS";
    public static final String MANAGED_TOPIC_PREFIX = "MANAGED_TOPIC_PREFIX";
    public static final String STATE_TOPIC = "STATE_TOPIC";
    public static final String SCALER_MODE = "SCALER_MODE";
    public static final String CHECKPOINT_SOURCES = "SPARK_CHECKPOINT_SOURCES";
    /** The environment's name: the value of the Environment dimension on every EMF metric the function writes. */
    public static final String ENVIRONMENT_NAME = "LOGWISE_ENVIRONMENT";

    /**
     * How lag is judged (the scanner's free variables): given to the scaler and the retention updater too, unless
     * their own maps set them, so that a measurement means the same to all three.
     */
    public static final java.util.List<String> LAG_JUDGEMENT = java.util.List.of("MAX_LAG_PER_PARTITION",
            "MAX_LAG_PER_PARTITION_OVERRIDES", "LAG_EXPECTED_CONSUMERS", "NO_COMMIT_POLICY");

    /** Set by the stack from typed settings (they also shape IAM policies), so never from a function's free map. */
    public static final Set<String> DERIVED = Set.of(
            BOOTSTRAP_SERVERS, SECURITY_MODE, SCRAM_SECRET_ARN, TRUSTSTORE_PATH, API_TIMEOUT_MS, REQUEST_TIMEOUT_MS,
            MANAGED_TOPIC_PREFIX, STATE_TOPIC, SCALER_MODE, CHECKPOINT_SOURCES, ENVIRONMENT_NAME);

    private EnvironmentVariables() {
    }
}
