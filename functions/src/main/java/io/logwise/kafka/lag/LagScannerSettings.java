package io.logwise.kafka.lag;

import io.logwise.kafka.config.Env;
import io.logwise.kafka.error.ConfigurationException;
import io.logwise.kafka.topics.ManagedPrefix;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lag scanner's configuration, read from its environment.
 *
 * @param maxLagPerPartition  the default threshold: lag above it on a partition makes a consumer LAGGING
 * @param maxLagOverrides     per-topic thresholds (full topic names)
 * @param expectedConsumers   per topic, consumers that must read it; key {@code *} applies to every managed topic
 * @param maxConsumerSeries   at most this many ConsumerLag metric series per scan (CloudWatch bills each one)
 * @param newPartitionGraceScans a consumer without a position on a partition added more than this many scans ago,
 *                            while it reads the older ones, is NEW_PARTITIONS_UNREAD
 */
public record LagScannerSettings(
        ManagedPrefix prefix,
        long maxLagPerPartition,
        Map<String, Long> maxLagOverrides,
        Map<String, Set<String>> expectedConsumers,
        NoCommitPolicy noCommitPolicy,
        int maxConsumerSeries,
        int newPartitionGraceScans) {

    public static final String MAX_LAG_PER_PARTITION = "MAX_LAG_PER_PARTITION";
    public static final String MAX_LAG_PER_PARTITION_OVERRIDES = "MAX_LAG_PER_PARTITION_OVERRIDES";
    public static final String EXPECTED_CONSUMERS = "LAG_EXPECTED_CONSUMERS";
    public static final String NO_COMMIT_POLICY = "NO_COMMIT_POLICY";
    public static final String MAX_CONSUMER_SERIES = "LAG_METRICS_MAX_CONSUMER_SERIES";
    public static final String NEW_PARTITION_GRACE_SCANS = "LAG_NEW_PARTITION_GRACE_SCANS";
    /** Two scans (minutes, on the schedule) are time enough for a subscribed consumer to pick a new partition up. */
    public static final int DEFAULT_NEW_PARTITION_GRACE_SCANS = 6;

    /** LogWise's sizing default: max rate per partition x 300 s. */
    public static final long DEFAULT_MAX_LAG_PER_PARTITION = 50_000;
    public static final String EVERY_TOPIC = "*";

    public LagScannerSettings {
        maxLagOverrides = Map.copyOf(maxLagOverrides);
        expectedConsumers = Map.copyOf(expectedConsumers);
    }

    public static LagScannerSettings fromEnv(Map<String, String> environment) {
        Env env = Env.of(environment);
        ManagedPrefix prefix = ManagedPrefix.fromEnv(environment);
        return new LagScannerSettings(prefix,
                env.positiveLong(MAX_LAG_PER_PARTITION, DEFAULT_MAX_LAG_PER_PARTITION),
                parseOverrides(env.optional(MAX_LAG_PER_PARTITION_OVERRIDES).orElse(""), prefix),
                parseExpectedConsumers(env.optional(EXPECTED_CONSUMERS).orElse(""), prefix),
                env.choice(NO_COMMIT_POLICY, NoCommitPolicy.class, NoCommitPolicy.EARLIEST),
                env.positiveInt(MAX_CONSUMER_SERIES, 1000),
                (int) Math.min(Integer.MAX_VALUE,
                        env.longAtLeast(NEW_PARTITION_GRACE_SCANS, DEFAULT_NEW_PARTITION_GRACE_SCANS, 0)));
    }

    public long maxLagFor(String topic) {
        return maxLagOverrides.getOrDefault(topic, maxLagPerPartition);
    }

    /** The consumers configured for {@code topic}, those for {@code *} included. */
    public Set<String> expectedConsumersOf(String topic) {
        Set<String> result = new LinkedHashSet<>(expectedConsumers.getOrDefault(EVERY_TOPIC, Set.of()));
        result.addAll(expectedConsumers.getOrDefault(topic, Set.of()));
        return result;
    }

    /** Every consumer named in the configuration. */
    public Set<String> allExpectedConsumers() {
        Set<String> result = new LinkedHashSet<>();
        expectedConsumers.values().forEach(result::addAll);
        return result;
    }

    /** {@code logs.a=100000,logs.b=20000}: full managed topic names, positive whole numbers. */
    static Map<String, Long> parseOverrides(String raw, ManagedPrefix prefix) {
        Map<String, Long> result = new LinkedHashMap<>();
        for (String entry : items(raw, ",")) {
            String[] kv = keyValue(MAX_LAG_PER_PARTITION_OVERRIDES, entry);
            String topic = managedTopic(MAX_LAG_PER_PARTITION_OVERRIDES, kv[0], prefix, false);
            long value;
            try {
                value = Long.parseLong(kv[1].replace("_", ""));
            } catch (NumberFormatException e) {
                throw new ConfigurationException(MAX_LAG_PER_PARTITION_OVERRIDES + ": '" + kv[1] + "' for " + topic
                        + " is not a whole number");
            }
            if (value < 1) {
                throw new ConfigurationException(
                        MAX_LAG_PER_PARTITION_OVERRIDES + ": " + topic + " must be at least 1");
            }
            if (result.put(topic, value) != null) {
                throw new ConfigurationException(MAX_LAG_PER_PARTITION_OVERRIDES + ": " + topic + " is given twice");
            }
        }
        return result;
    }

    /** {@code logs.a=spark-a,spark-a2;logs.b=spark-b;*=spark-logs}. */
    static Map<String, Set<String>> parseExpectedConsumers(String raw, ManagedPrefix prefix) {
        Map<String, Set<String>> result = new LinkedHashMap<>();
        for (String entry : items(raw, ";")) {
            String[] kv = keyValue(EXPECTED_CONSUMERS, entry);
            String topic = managedTopic(EXPECTED_CONSUMERS, kv[0], prefix, true);
            List<String> groups = items(kv[1], ",");
            if (groups.isEmpty()) {
                throw new ConfigurationException(EXPECTED_CONSUMERS + ": no consumer group given for " + topic);
            }
            if (result.put(topic, Set.copyOf(new LinkedHashSet<>(groups))) != null) {
                throw new ConfigurationException(EXPECTED_CONSUMERS + ": " + topic + " is given twice");
            }
        }
        return result;
    }

    private static List<String> items(String raw, String separator) {
        return java.util.Arrays.stream(raw.split(separator)).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String[] keyValue(String variable, String entry) {
        int eq = entry.indexOf('=');
        if (eq <= 0 || eq == entry.length() - 1) {
            throw new ConfigurationException(variable + ": '" + entry + "' is not of the form topic=value");
        }
        return new String[] {entry.substring(0, eq).strip(), entry.substring(eq + 1).strip()};
    }

    private static String managedTopic(String variable, String topic, ManagedPrefix prefix, boolean wildcard) {
        if (wildcard && topic.equals(EVERY_TOPIC)) {
            return topic;
        }
        if (!prefix.manages(topic)) {
            throw new ConfigurationException(variable + ": '" + topic + "' is not a managed topic (full name under '"
                    + prefix.value() + "'" + (wildcard ? ", or * for every managed topic)" : ")"));
        }
        return topic;
    }
}
