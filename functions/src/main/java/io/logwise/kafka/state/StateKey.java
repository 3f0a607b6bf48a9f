package io.logwise.kafka.state;

import io.logwise.kafka.topics.TopicNames;
import java.time.Instant;
import java.util.Optional;

/**
 * The record keys of the state topic. Compaction keeps the latest value of each key, so a key names one fact:
 * <ul>
 *   <li>{@code decision/<topic>/<decisionId>}: one decision; the id is derived from what triggered it, so a
 *       duplicate delivery rewrites the same key (and the outcome overwrites the pending intent)</li>
 *   <li>{@code extension/<topic>}: the topic's active temporary retention extension; a tombstone once reverted</li>
 *   <li>{@code snapshot/<epochMillis, 13 digits>/<scanId>}: one scan snapshot; old ones get tombstones</li>
 * </ul>
 * Topic names cannot contain {@code /}, so each key parses back without ambiguity.
 */
public sealed interface StateKey {

    String DECISION = "decision/";
    String EXTENSION = "extension/";
    String SNAPSHOT = "snapshot/";

    String text();

    StatePart part();

    record DecisionKey(String topic, String decisionId) implements StateKey {
        public DecisionKey {
            requireTopic(topic);
            requireSegment("decision id", decisionId);
            if (decisionId.contains("/")) {
                throw new IllegalArgumentException("a decision id cannot contain '/': " + decisionId);
            }
        }

        @Override
        public String text() {
            return DECISION + topic + "/" + decisionId;
        }

        @Override
        public StatePart part() {
            return StatePart.JOURNAL;
        }
    }

    record ExtensionKey(String topic) implements StateKey {
        public ExtensionKey {
            requireTopic(topic);
        }

        @Override
        public String text() {
            return EXTENSION + topic;
        }

        @Override
        public StatePart part() {
            return StatePart.JOURNAL;
        }
    }

    /** Sorting the key texts sorts snapshots by time: the epoch milliseconds are zero-padded to 13 digits. */
    record SnapshotKey(Instant time, String scanId) implements StateKey {
        public SnapshotKey {
            if (time.toEpochMilli() < 0 || time.toEpochMilli() > 9_999_999_999_999L) {
                throw new IllegalArgumentException("snapshot time out of range: " + time);
            }
            requireSegment("scan id", scanId);
            time = Instant.ofEpochMilli(time.toEpochMilli());
        }

        @Override
        public String text() {
            return SNAPSHOT + String.format("%013d", time.toEpochMilli()) + "/" + scanId;
        }

        @Override
        public StatePart part() {
            return StatePart.SNAPSHOTS;
        }
    }

    /** Parses a key read from the topic; empty for keys this version does not know (written by a newer one). */
    static Optional<StateKey> parse(String text) {
        try {
            if (text.startsWith(DECISION)) {
                String rest = text.substring(DECISION.length());
                int slash = rest.indexOf('/');
                return slash < 0 ? Optional.empty()
                        : Optional.of(new DecisionKey(rest.substring(0, slash), rest.substring(slash + 1)));
            }
            if (text.startsWith(EXTENSION)) {
                return Optional.of(new ExtensionKey(text.substring(EXTENSION.length())));
            }
            if (text.startsWith(SNAPSHOT)) {
                String rest = text.substring(SNAPSHOT.length());
                int slash = rest.indexOf('/');
                if (slash != 13) {
                    return Optional.empty();
                }
                return Optional.of(new SnapshotKey(Instant.ofEpochMilli(Long.parseLong(rest.substring(0, slash))),
                        rest.substring(slash + 1)));
            }
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static void requireTopic(String topic) {
        TopicNames.problemWith(topic).ifPresent(problem -> {
            throw new IllegalArgumentException("'" + topic + "' is not a topic name: " + problem);
        });
    }

    private static void requireSegment(String what, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty");
        }
    }
}
