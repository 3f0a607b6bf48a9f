package io.logwise.kafka.topics;

import io.logwise.kafka.config.Env;
import io.logwise.kafka.error.ConfigurationException;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The topic-provisioner's policy settings, read once per container from the environment.
 *
 * @param replicationFactor  fixed replication factor; empty means min(3, brokers) at each invocation
 * @param minInsyncReplicas  fixed {@code min.insync.replicas}; empty means 2 where the replication factor is at
 *                           least 3, otherwise the broker's value is left alone
 */
public record ProvisionerSettings(
        ManagedPrefix prefix,
        int defaultPartitions,
        int maxPartitions,
        long defaultRetentionMs,
        long maxRetentionMs,
        OptionalInt replicationFactor,
        OptionalInt minInsyncReplicas,
        int maxServicesPerRequest) {

    public static final String DEFAULT_PARTITIONS = "DEFAULT_PARTITIONS";
    public static final String MAX_PARTITIONS = "MAX_PARTITIONS";
    public static final String DEFAULT_RETENTION_MS = "DEFAULT_RETENTION_MS";
    public static final String MAX_RETENTION_MS = "MAX_RETENTION_MS";
    public static final String REPLICATION_FACTOR = "REPLICATION_FACTOR";
    public static final String MIN_INSYNC_REPLICAS = "MIN_INSYNC_REPLICAS";
    public static final String MAX_SERVICES_PER_REQUEST = "MAX_SERVICES_PER_REQUEST";

    /** Shorter retention is a mistake for a log topic (data gone before anyone reads it); not configurable. */
    public static final long MIN_RETENTION_MS = 60_000;
    /** Kafka stores the replication factor as a 16-bit number. */
    public static final int MAX_REPLICATION_FACTOR = Short.MAX_VALUE;

    public ProvisionerSettings {
        if (defaultPartitions > maxPartitions) {
            throw new ConfigurationException(DEFAULT_PARTITIONS + " (" + defaultPartitions + ") is above "
                    + MAX_PARTITIONS + " (" + maxPartitions + ")");
        }
        if (defaultRetentionMs < MIN_RETENTION_MS || defaultRetentionMs > maxRetentionMs) {
            throw new ConfigurationException(DEFAULT_RETENTION_MS + " (" + defaultRetentionMs + ") must be from "
                    + MIN_RETENTION_MS + " to " + MAX_RETENTION_MS + " (" + maxRetentionMs + ")");
        }
        if (replicationFactor.isPresent() && replicationFactor.getAsInt() > MAX_REPLICATION_FACTOR) {
            throw new ConfigurationException(REPLICATION_FACTOR + " (" + replicationFactor.getAsInt()
                    + ") is above Kafka's maximum " + MAX_REPLICATION_FACTOR);
        }
        if (replicationFactor.isPresent() && minInsyncReplicas.isPresent()
                && minInsyncReplicas.getAsInt() > replicationFactor.getAsInt()) {
            throw new ConfigurationException(MIN_INSYNC_REPLICAS + " (" + minInsyncReplicas.getAsInt()
                    + ") is above " + REPLICATION_FACTOR + " (" + replicationFactor.getAsInt()
                    + "): producers with acks=all could never write");
        }
    }

    public static ProvisionerSettings fromEnv(Map<String, String> environment) {
        Env env = Env.of(environment);
        return new ProvisionerSettings(
                ManagedPrefix.fromEnv(environment),
                env.positiveInt(DEFAULT_PARTITIONS, 3),
                env.positiveInt(MAX_PARTITIONS, 100),
                env.positiveLong(DEFAULT_RETENTION_MS, 3_600_000L),
                env.positiveLong(MAX_RETENTION_MS, 30L * 24 * 3_600_000L),
                optionalPositiveInt(env, REPLICATION_FACTOR),
                optionalPositiveInt(env, MIN_INSYNC_REPLICAS),
                env.positiveInt(MAX_SERVICES_PER_REQUEST, 1000));
    }

    private static OptionalInt optionalPositiveInt(Env env, String name) {
        return env.optional(name).isPresent() ? OptionalInt.of(env.positiveInt(name, 1)) : OptionalInt.empty();
    }
}
