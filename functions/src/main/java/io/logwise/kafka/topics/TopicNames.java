package io.logwise.kafka.topics;

import java.util.Optional;
import java.util.regex.Pattern;

/** Kafka's rules for topic names, and the managed prefix that every function stays inside. */
public final class TopicNames {

    public static final int MAX_LENGTH = 249;
    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]+");

    private TopicNames() {
    }

    /** Why {@code name} is not a legal Kafka topic name, or empty when it is. */
    public static Optional<String> problemWith(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("the name is empty");
        }
        if (name.equals(".") || name.equals("..")) {
            return Optional.of("'.' and '..' are not allowed as topic names");
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of("the name has " + name.length() + " characters; Kafka allows at most " + MAX_LENGTH);
        }
        if (!hasOnlyLegalCharacters(name)) {
            return Optional.of("only ASCII letters, digits, '.', '_' and '-' are allowed");
        }
        return Optional.empty();
    }

    /** True when every character is one Kafka allows in a topic name ({@code [a-zA-Z0-9._-]}, at least one). */
    public static boolean hasOnlyLegalCharacters(String name) {
        return name != null && LEGAL.matcher(name).matches();
    }

    /** Kafka's metric names replace '.' with '_': two topics with the same key collide. */
    public static String collisionKey(String topic) {
        return topic.replace('.', '_');
    }
}
