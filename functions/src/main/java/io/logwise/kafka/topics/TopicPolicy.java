package io.logwise.kafka.topics;

import io.logwise.kafka.error.ConfigurationException;
import io.logwise.kafka.error.InvalidRequestException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What a managed topic should look like in this invocation: the configured defaults, overridden by an explicit
 * request, with the replication factor fitted to the cluster's broker count.
 *
 * @param minInsyncReplicas empty when the policy leaves {@code min.insync.replicas} to the broker
 */
public record TopicPolicy(int partitions, long retentionMs, int replicationFactor, OptionalInt minInsyncReplicas) {

    public static final String RETENTION_MS = "retention.ms";
    public static final String MIN_INSYNC_REPLICAS = "min.insync.replicas";

    public static TopicPolicy resolve(ProvisionerSettings settings, ProvisionRequest request, int brokers) {
        int replication;
        if (request.replicationFactor().isPresent()) {
            replication = request.replicationFactor().getAsInt();
            if (replication > brokers) {
                throw new InvalidRequestException("replicationFactor: " + replication + " is above the "
                        + brokers + " broker(s) of the cluster");
            }
        } else if (settings.replicationFactor().isPresent()) {
            replication = settings.replicationFactor().getAsInt();
            if (replication > brokers) {
                throw new ConfigurationException(ProvisionerSettings.REPLICATION_FACTOR + " (" + replication
                        + ") is above the " + brokers + " broker(s) of the cluster");
            }
        } else {
            replication = Math.min(3, brokers);
        }
        OptionalInt minInsync = settings.minInsyncReplicas();
        if (minInsync.isPresent() && minInsync.getAsInt() > replication) {
            String problem = " is below " + ProvisionerSettings.MIN_INSYNC_REPLICAS + " (" + minInsync.getAsInt()
                    + "): producers with acks=all could never write";
            if (request.replicationFactor().isPresent()) {
                throw new InvalidRequestException("replicationFactor: " + replication + problem);
            }
            throw new ConfigurationException("the replication factor " + replication + " (" + brokers
                    + " broker(s))" + problem);
        }
        if (minInsync.isEmpty() && replication >= 3) {
            minInsync = OptionalInt.of(2);
        }
        return new TopicPolicy(
                request.partitions().orElse(settings.defaultPartitions()),
                request.retentionMs().orElse(settings.defaultRetentionMs()),
                replication, minInsync);
    }

    /** The topic-level configs a managed topic carries (set at creation, pinned on adoption). */
    public Map<String, String> topicConfigs() {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put(RETENTION_MS, Long.toString(retentionMs));
        minInsyncReplicas.ifPresent(value -> configs.put(MIN_INSYNC_REPLICAS, Integer.toString(value)));
        return configs;
    }
}
