package io.logwise.kafka.topics;

import io.logwise.kafka.config.Env;
import io.logwise.kafka.error.ConfigurationException;
import io.logwise.kafka.state.StateStoreSettings;
import java.util.Map;

/**
 * The literal topic prefix the functions manage ({@code logs.} by default). Matching is a plain, case-sensitive
 * {@code startsWith}: never a regular expression, so {@code logsx.a}, {@code LOGS.a} or {@code logs} are outside.
 *
 * <p>One rule for all four functions, since a sweep or a scan takes every topic the prefix covers: the prefix ends
 * with a separator ({@code .}, {@code _} or {@code -}), has at least {@value #MIN_STEM} characters before it and
 * starts with a letter or digit (so it never covers Kafka's {@code __} or {@code _} topics), and must not cover the
 * state topic ({@link #fromEnv}).
 */
public record ManagedPrefix(String value) {

    public static final String VARIABLE = "MANAGED_TOPIC_PREFIX";
    public static final ManagedPrefix DEFAULT = new ManagedPrefix("logs.");
    /** The fewest characters before the separator: {@code a.} would take in every topic of a team called a. */
    static final int MIN_STEM = 2;
    private static final String SEPARATORS = "._-";

    public ManagedPrefix {
        if (value == null || value.isEmpty() || TopicNames.problemWith(value).isPresent()) {
            throw new ConfigurationException(VARIABLE + ": '" + value + "' is not a usable topic prefix");
        }
        if (SEPARATORS.indexOf(value.charAt(value.length() - 1)) < 0) {
            throw new ConfigurationException(VARIABLE + ": '" + value + "' does not end with a separator (. _ or -),"
                    + " so it would also cover topics such as '" + value + "x.y'; use e.g. '" + value + ".'");
        }
        if (value.length() - 1 < MIN_STEM) {
            throw new ConfigurationException(VARIABLE + ": '" + value + "' is too short: at least " + MIN_STEM
                    + " characters before the separator, e.g. 'logs.'");
        }
        if (!Character.isLetterOrDigit(value.charAt(0))) {
            throw new ConfigurationException(VARIABLE + ": '" + value + "' must start with a letter or digit;"
                    + " topics starting with _ belong to Kafka and its tools");
        }
    }

    /**
     * The prefix from {@code MANAGED_TOPIC_PREFIX}, refused when it covers the state topic ({@code STATE_TOPIC} or
     * its default): the functions would then scale, re-tune or count their own journal.
     */
    public static ManagedPrefix fromEnv(Map<String, String> environment) {
        Env env = Env.of(environment);
        ManagedPrefix prefix = new ManagedPrefix(env.string(VARIABLE, DEFAULT.value()));
        String stateTopic = env.string(StateStoreSettings.TOPIC, StateStoreSettings.DEFAULT_TOPIC);
        if (stateTopic.startsWith(prefix.value())) {
            throw new ConfigurationException(StateStoreSettings.TOPIC + ": '" + stateTopic + "' is under the managed"
                    + " prefix '" + prefix.value() + "' (" + VARIABLE + "); the functions scale and re-tune every"
                    + " topic there, so the state topic must stay outside it, e.g. "
                    + StateStoreSettings.DEFAULT_TOPIC);
        }
        return prefix;
    }

    /** True for a topic under the prefix with a non-empty service part. */
    public boolean manages(String topic) {
        return topic != null && topic.length() > value.length() && topic.startsWith(value);
    }

    /** {@code order-service} becomes {@code logs.order-service}; a full managed name stays as it is. */
    public String topicFor(String serviceOrTopic) {
        return serviceOrTopic.startsWith(value) ? serviceOrTopic : value + serviceOrTopic;
    }
}
