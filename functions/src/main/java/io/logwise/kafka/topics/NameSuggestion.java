package io.logwise.kafka.topics;

import java.util.Optional;

/**
 * A legal alternative for an illegal service or topic name, offered in the response and never applied: Vector
 * writes to the name as given, so renaming silently would provision a topic nobody writes to.
 */
final class NameSuggestion {

    private NameSuggestion() {
    }

    /**
     * {@code given} with surrounding blanks removed, each run of illegal characters replaced by '-', and separators
     * trimmed from both ends of the service part ({@code Order Service!} becomes {@code Order-Service}).
     */
    static Optional<String> forName(String given, ManagedPrefix prefix) {
        String cleaned = given.strip().replaceAll("[^a-zA-Z0-9._-]+", "-");
        boolean fullName = cleaned.startsWith(prefix.value());
        String service = (fullName ? cleaned.substring(prefix.value().length()) : cleaned)
                .replaceAll("^[._-]+|[._-]+$", "");
        int room = TopicNames.MAX_LENGTH - prefix.value().length();
        if (service.length() > room) {
            service = service.substring(0, room).replaceAll("[._-]+$", "");
        }
        String suggestion = fullName ? prefix.value() + service : service;
        String topic = prefix.topicFor(suggestion);
        if (service.isEmpty() || suggestion.equals(given) || !prefix.manages(topic)
                || TopicNames.problemWith(topic).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(suggestion);
    }
}
