package io.logwise.kafka.topics;

import java.util.Optional;

/**
 * A legal alternative for an illegal service or topic name, offered in the response and never applied: Vector
 * writes to the name as given, so renaming silently would provision a topic nobody writes to.
 */
final class NameSuggestion {

    private NameSuggestion() {
    }

    /** {@code given} with surrounding blanks removed, each run of illegal characters replaced by '-', trimmed. */
    static Optional<String> forName(String given, ManagedPrefix prefix) {
        String cleaned = given.strip().replaceAll("[^a-zA-Z0-9._-]+", "-");
        boolean fullName = cleaned.startsWith(prefix.value());
        int room = TopicNames.MAX_LENGTH - (fullName ? 0 : prefix.value().length());
        if (cleaned.length() > room) {
            cleaned = cleaned.substring(0, room);
        }
        String topic = prefix.topicFor(cleaned);
        if (cleaned.equals(given) || !prefix.manages(topic) || TopicNames.problemWith(topic).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(cleaned);
    }
}
