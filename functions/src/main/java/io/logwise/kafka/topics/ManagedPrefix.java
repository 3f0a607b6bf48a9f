package io.logwise.kafka.topics;

import io.logwise.kafka.config.Env;
import io.logwise.kafka.error.ConfigurationException;
import java.util.Map;

/**
 * The literal topic prefix the functions manage ({@code logs.} by default). Matching is a plain, case-sensitive
 * {@code startsWith}: never a regular expression, so {@code logsx.a}, {@code LOGS.a} or {@code logs} are outside.
 */
public record ManagedPrefix(String value) {

    public static final String VARIABLE = "MANAGED_TOPIC_PREFIX";
    public static final ManagedPrefix DEFAULT = new ManagedPrefix("logs.");

    public ManagedPrefix {
        if (value == null || value.isEmpty() || TopicNames.problemWith(value).isPresent()) {
            throw new ConfigurationException(VARIABLE + ": '" + value + "' is not a usable topic prefix");
        }
    }

    public static ManagedPrefix fromEnv(Map<String, String> environment) {
        return new ManagedPrefix(Env.of(environment).string(VARIABLE, DEFAULT.value()));
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
