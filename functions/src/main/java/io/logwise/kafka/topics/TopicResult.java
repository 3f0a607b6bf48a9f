package io.logwise.kafka.topics;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What happened to one topic (or, in a dry run, what would happen): its status, why, the changes made or planned,
 * what differs from the policy and cannot be fixed here, and for a refused name a legal alternative.
 */
public record TopicResult(String topic, String requested, Status status, String reason, List<ConfigChange> changes,
                          List<String> drift, Optional<String> suggestion) {

    public enum Status {
        CREATED, EXISTS, ADOPTED, INVALID, FAILED;

        @JsonValue
        public String external() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public TopicResult {
        changes = List.copyOf(changes);
        drift = List.copyOf(drift);
    }

    public TopicResult withStatus(Status newStatus, String newReason, List<ConfigChange> madeChanges) {
        return new TopicResult(topic, requested, newStatus, newReason, madeChanges, drift, suggestion);
    }
}
