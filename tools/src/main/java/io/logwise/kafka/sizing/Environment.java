package io.logwise.kafka.sizing;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Deployment environment and the topic settings LogWise's calculator gives it.
 *
 * <p>prod and staging get replication factor 3 with min.insync.replicas 2, so one broker can be lost without
 * refusing acks=all writes; that needs at least 3 brokers. dev runs on a single broker: replication factor 1.
 */
public enum Environment {
    PROD(Duration.ofHours(24), 3, 2, 3),
    STAGING(Duration.ofHours(12), 3, 2, 3),
    DEV(Duration.ofHours(1), 1, 1, 1);

    private final Duration retention;
    private final int replicationFactor;
    private final int minInsyncReplicas;
    private final int minBrokers;

    Environment(Duration retention, int replicationFactor, int minInsyncReplicas, int minBrokers) {
        this.retention = retention;
        this.replicationFactor = replicationFactor;
        this.minInsyncReplicas = minInsyncReplicas;
        this.minBrokers = minBrokers;
    }

    public Duration retention() {
        return retention;
    }

    public int replicationFactor() {
        return replicationFactor;
    }

    public int minInsyncReplicas() {
        return minInsyncReplicas;
    }

    public int minBrokers() {
        return minBrokers;
    }

    /** The lower-case name used on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code prod}, {@code staging} or {@code dev} (any case). */
    public static Environment parse(String text) {
        String wanted = text == null ? "" : text.trim();
        for (Environment environment : values()) {
            if (environment.label().equalsIgnoreCase(wanted)) {
                return environment;
            }
        }
        throw new InvalidSizingInputException("env", "unknown environment '" + wanted + "'; expected one of "
                + Arrays.stream(values()).map(Environment::label).collect(Collectors.joining(", ")));
    }
}
