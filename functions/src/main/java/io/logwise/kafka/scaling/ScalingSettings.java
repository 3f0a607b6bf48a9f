package io.logwise.kafka.scaling;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The partition scaler's configuration, read once from environment variables (see {@link #fromEnv}).
 *
 * @param mode                  off, dry-run or on
 * @param step                  partition counts move in multiples of this
 * @param defaultMaxPartitions  per-topic ceiling unless overridden
 * @param maxPartitionsByTopic  per-topic ceilings that replace the default
 * @param partitionsPerBroker   partition replicas (leaders and followers) one broker may hold
 * @param cooldown              minimum time between two increases of one topic (automatic increases only)
 * @param maxScanAge            scans older than this are refused as stale
 * @param drainTarget           the rate rule sizes so the worst partition's backlog drains within this
 * @param partitionConsumeRate  records/s one partition's consumer reads; empty to estimate from the scan
 * @param keyedTopics           topics whose producers use keys: never increased
 */
public record ScalingSettings(
        ScalingMode mode,
        int step,
        int defaultMaxPartitions,
        Map<String, Integer> maxPartitionsByTopic,
        int partitionsPerBroker,
        Duration cooldown,
        Duration maxScanAge,
        Duration drainTarget,
        OptionalDouble partitionConsumeRate,
        Set<String> keyedTopics) {

    public static final String MODE = "SCALER_MODE";
    public static final String STEP = "SCALER_STEP";
    public static final String MAX_PARTITIONS = "SCALER_MAX_PARTITIONS";
    public static final String MAX_PARTITIONS_BY_TOPIC = "SCALER_MAX_PARTITIONS_BY_TOPIC";
    public static final String PARTITIONS_PER_BROKER = "SCALER_PARTITIONS_PER_BROKER";
    public static final String COOLDOWN = "SCALER_COOLDOWN";
    public static final String MAX_SCAN_AGE = "SCALER_MAX_SCAN_AGE";
    public static final String DRAIN_TARGET = "SCALER_DRAIN_TARGET";
    public static final String PARTITION_CONSUME_RATE = "SCALER_PARTITION_CONSUME_RATE";
    public static final String KEYED_TOPICS = "SCALER_KEYED_TOPICS";

    public ScalingSettings {
        maxPartitionsByTopic = Map.copyOf(maxPartitionsByTopic);
        keyedTopics = Set.copyOf(keyedTopics);
        require(step >= 1, STEP, "must be at least 1, was " + step);
        require(defaultMaxPartitions >= 1, MAX_PARTITIONS, "must be at least 1, was " + defaultMaxPartitions);
        maxPartitionsByTopic.forEach((topic, max) ->
                require(max >= 1, MAX_PARTITIONS_BY_TOPIC, "ceiling of " + topic + " must be at least 1, was " + max));
        require(partitionsPerBroker >= 1, PARTITIONS_PER_BROKER, "must be at least 1, was " + partitionsPerBroker);
        require(!cooldown.isNegative(), COOLDOWN, "must not be negative, was " + cooldown);
        require(maxScanAge.compareTo(Duration.ZERO) > 0, MAX_SCAN_AGE, "must be positive, was " + maxScanAge);
        require(drainTarget.compareTo(Duration.ZERO) > 0, DRAIN_TARGET, "must be positive, was " + drainTarget);
        partitionConsumeRate.ifPresent(rate -> require(rate > 0 && !Double.isInfinite(rate), PARTITION_CONSUME_RATE,
                "must be a positive number of records per second, was " + rate));
    }

    /** The documented defaults: every variable unset. */
    public static ScalingSettings defaults() {
        return fromEnv(Map.of());
    }

    /**
     * Reads the {@code SCALER_*} variables; unset or blank means the default.
     *
     * @throws IllegalArgumentException naming the variable, for a value that does not parse or is out of range
     */
    public static ScalingSettings fromEnv(Map<String, String> env) {
        return new ScalingSettings(
                read(env, MODE, "dry-run", ScalingMode::parse),
                read(env, STEP, "3", Integer::parseInt),
                read(env, MAX_PARTITIONS, "60", Integer::parseInt),
                read(env, MAX_PARTITIONS_BY_TOPIC, "", ScalingSettings::parseCeilings),
                read(env, PARTITIONS_PER_BROKER, "1000", Integer::parseInt),
                read(env, COOLDOWN, "10m", Durations::parse),
                read(env, MAX_SCAN_AGE, "5m", Durations::parse),
                read(env, DRAIN_TARGET, "3m", Durations::parse),
                read(env, PARTITION_CONSUME_RATE, "",
                        text -> text.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(text))),
                read(env, KEYED_TOPICS, "", ScalingSettings::parseTopics));
    }

    /** The ceiling for one topic: its override, else the default. */
    public int maxPartitions(String topic) {
        return maxPartitionsByTopic.getOrDefault(topic, defaultMaxPartitions);
    }

    public boolean isKeyed(String topic) {
        return keyedTopics.contains(topic);
    }

    private static <T> T read(Map<String, String> env, String name, String fallback, Function<String, T> parser) {
        String raw = env.get(name);
        String text = raw == null || raw.isBlank() ? fallback : raw.strip();
        try {
            return parser.apply(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + "='" + raw + "' is invalid: " + e.getMessage(), e);
        }
    }

    /** {@code logs.a=120,logs.b=30} */
    private static Map<String, Integer> parseCeilings(String text) {
        Map<String, Integer> ceilings = new TreeMap<>();
        for (String entry : text.split(",", -1)) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("'" + entry.strip() + "' is not topic=partitions");
            }
            String topic = entry.substring(0, equals).strip();
            int max = Integer.parseInt(entry.substring(equals + 1).strip());
            if (ceilings.put(topic, max) != null) {
                throw new IllegalArgumentException(topic + " is listed twice");
            }
        }
        return ceilings;
    }

    private static Set<String> parseTopics(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(t -> !t.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    private static void require(boolean condition, String name, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(name + " " + problem);
        }
    }
}
