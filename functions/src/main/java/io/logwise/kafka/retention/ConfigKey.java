package io.logwise.kafka.retention;

/** The only topic configs the retention updater ever changes. */
public enum ConfigKey {
    RETENTION_MS("retention.ms"),
    RETENTION_BYTES("retention.bytes");

    private final String kafkaName;

    ConfigKey(String kafkaName) {
        this.kafkaName = kafkaName;
    }

    public String kafkaName() {
        return kafkaName;
    }
}
