package io.logwise.kafka.state;

import io.logwise.kafka.config.Env;
import io.logwise.kafka.error.ConfigurationException;
import io.logwise.kafka.topics.ManagedPrefix;
import io.logwise.kafka.topics.TopicNames;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Where the project keeps its state (scan snapshots, decision journal, temporary retention extensions): one compacted
 * topic owned by the project, always outside the managed prefix so no function can ever scale, re-tune or count it.
 *
 * @param topic             the state topic's name
 * @param replicationFactor the replication factor used when the topic is created; empty means min(3, brokers)
 * @param snapshotHistory   how many scan snapshots are kept (older ones are tombstoned when a new one is added)
 * @param journalRetention  decisions older than this may be pruned (never a pending one, never a topic's last increase)
 */
public record StateStoreSettings(String topic, OptionalInt replicationFactor, int snapshotHistory,
                                 Duration journalRetention) {

    public static final String TOPIC = "STATE_TOPIC";
    public static final String REPLICATION = "STATE_TOPIC_REPLICATION";
    public static final String SNAPSHOT_HISTORY = "STATE_SNAPSHOT_HISTORY";
    public static final String JOURNAL_RETENTION_DAYS = "STATE_JOURNAL_RETENTION_DAYS";

    public static final String DEFAULT_TOPIC = "logwise-ops.state";
    public static final int DEFAULT_SNAPSHOT_HISTORY = 12;
    public static final int DEFAULT_JOURNAL_RETENTION_DAYS = 30;
    /** Two snapshots are the least that gives a rate. */
    public static final int MIN_SNAPSHOT_HISTORY = 2;

    public StateStoreSettings {
        TopicNames.problemWith(topic).ifPresent(problem -> {
            throw new ConfigurationException(TOPIC + ": '" + topic + "' is not a legal topic name: " + problem);
        });
        if (topic.startsWith("__")) {
            throw new ConfigurationException(TOPIC + ": '" + topic + "' looks like a Kafka internal topic (__ prefix)");
        }
        if (replicationFactor.isPresent()
                && (replicationFactor.getAsInt() < 1 || replicationFactor.getAsInt() > 32767)) {
            throw new ConfigurationException(REPLICATION + ": " + replicationFactor.getAsInt() + " is not a usable"
                    + " replication factor");
        }
        if (snapshotHistory < MIN_SNAPSHOT_HISTORY) {
            throw new ConfigurationException(SNAPSHOT_HISTORY + ": " + snapshotHistory + " is below "
                    + MIN_SNAPSHOT_HISTORY + " (rates need two snapshots)");
        }
        if (journalRetention.isNegative() || journalRetention.isZero()) {
            throw new ConfigurationException(JOURNAL_RETENTION_DAYS + ": must be at least one day");
        }
    }

    /** Reads the settings; refuses a state topic under the managed prefix (MANAGED_TOPIC_PREFIX). */
    public static StateStoreSettings fromEnv(Map<String, String> environment) {
        Env env = Env.of(environment);
        String topic = env.string(TOPIC, DEFAULT_TOPIC);
        ManagedPrefix prefix = ManagedPrefix.fromEnv(environment);
        if (topic.startsWith(prefix.value())) {
            throw new ConfigurationException(TOPIC + ": '" + topic + "' is under the managed prefix '"
                    + prefix.value() + "' (" + ManagedPrefix.VARIABLE + "); the functions scale and re-tune every"
                    + " topic there, so the state topic must stay outside it, e.g. " + DEFAULT_TOPIC);
        }
        OptionalInt replication = env.optional(REPLICATION).isPresent()
                ? OptionalInt.of(env.positiveInt(REPLICATION, 1)) : OptionalInt.empty();
        int history = env.positiveInt(SNAPSHOT_HISTORY, DEFAULT_SNAPSHOT_HISTORY);
        long days = env.positiveLong(JOURNAL_RETENTION_DAYS, DEFAULT_JOURNAL_RETENTION_DAYS);
        if (days > 36_500) {
            throw new ConfigurationException(JOURNAL_RETENTION_DAYS + ": " + days + " days is more than a century");
        }
        return new StateStoreSettings(topic, replication, history, Duration.ofDays(days));
    }

    /** The replication factor for a new state topic on a cluster of {@code brokers} brokers. */
    public int replicationFor(int brokers) {
        return replicationFactor.orElse(Math.max(1, Math.min(3, brokers)));
    }
}
