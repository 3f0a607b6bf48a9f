package io.logwise.kafka.topics;

/**
 * One setting a plan changes on a topic: a topic config such as {@code retention.ms}, or {@code partitions} /
 * {@code replication.factor}. {@code from} is null for a topic being created; {@code note} says why a value differs
 * from the policy, when it does.
 */
public record ConfigChange(String setting, String from, String to, String note) {

    public static final String PARTITIONS = "partitions";
    public static final String REPLICATION_FACTOR = "replication.factor";

    public static ConfigChange initial(String setting, String value) {
        return new ConfigChange(setting, null, value, null);
    }

    public static ConfigChange change(String setting, String from, String to) {
        return new ConfigChange(setting, from, to, null);
    }

    public ConfigChange withNote(String text) {
        return new ConfigChange(setting, from, to, text);
    }
}
