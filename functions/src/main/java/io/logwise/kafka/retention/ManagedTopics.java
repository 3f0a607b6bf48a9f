package io.logwise.kafka.retention;

import io.logwise.kafka.error.ConfigurationException;
import io.logwise.kafka.topics.ManagedPrefix;
import io.logwise.kafka.topics.TopicNames;

/** The topics LogWise may change: literal prefix {@code logs.} and a legal Kafka topic name. */
public final class ManagedTopics {
    public static final String PREFIX = ManagedPrefix.DEFAULT.value();
    public static final int MAX_TOPIC_LENGTH = TopicNames.MAX_LENGTH;

    private ManagedTopics() {
    }

    /**
     * The retention rules are written for the literal {@code logs.} prefix (the records check it on construction);
     * a deployment configured for another prefix fails fast instead of changing the wrong topics or none.
     */
    public static void requireSupported(ManagedPrefix configured) {
        if (!configured.value().equals(PREFIX)) {
            throw new ConfigurationException(ManagedPrefix.VARIABLE + ": the retention updater manages only '"
                    + PREFIX + "' topics, not '" + configured.value() + "'");
        }
    }

    public static boolean isManaged(String topic) {
        return topic != null && topic.startsWith(PREFIX) && topic.length() > PREFIX.length()
                && topic.length() <= MAX_TOPIC_LENGTH && TopicNames.hasOnlyLegalCharacters(topic);
    }

    /** {@code order-service} becomes {@code logs.order-service}. */
    public static String forService(String field, String service) {
        if (service == null || service.isBlank()) {
            throw new InvalidFieldException(field, "a service name is required");
        }
        if (service.startsWith(PREFIX)) {
            throw new InvalidFieldException(field, "'" + service + "' already has the '" + PREFIX
                    + "' prefix; list it under topics or give the service name '" + service.substring(PREFIX.length())
                    + "'");
        }
        return requireManaged(field, PREFIX + service, "service name '" + service + "'");
    }

    /** A full topic name, which must carry the {@code logs.} prefix. */
    public static String forTopic(String field, String topic) {
        if (topic == null || topic.isBlank()) {
            throw new InvalidFieldException(field, "a topic name is required");
        }
        if (!topic.startsWith(PREFIX)) {
            throw new InvalidFieldException(field, "'" + topic + "' is outside the managed prefix '" + PREFIX
                    + "'; LogWise never changes other topics");
        }
        return requireManaged(field, topic, "topic name '" + topic + "'");
    }

    private static String requireManaged(String field, String topic, String what) {
        if (!TopicNames.hasOnlyLegalCharacters(topic)) {
            throw new InvalidFieldException(field, what + " has characters Kafka does not allow; use letters,"
                    + " digits, '.', '_' and '-'");
        }
        if (topic.length() > MAX_TOPIC_LENGTH) {
            throw new InvalidFieldException(field, what + " makes a topic name of " + topic.length()
                    + " characters; Kafka allows " + MAX_TOPIC_LENGTH);
        }
        if (topic.length() == PREFIX.length()) {
            throw new InvalidFieldException(field, what + " names no topic after the '" + PREFIX + "' prefix");
        }
        return topic;
    }
}
