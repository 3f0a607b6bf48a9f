package io.logwise.kafka.retention;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Per partition, the age of the oldest record that some known consumer group has not read yet. Partitions every
 * group has read to the end are absent, so an empty map means "all read".
 */
public record UnreadData(Map<Integer, Duration> oldestUnreadAgeByPartition) {

    public UnreadData {
        oldestUnreadAgeByPartition = Map.copyOf(oldestUnreadAgeByPartition);
    }

    public static UnreadData allRead() {
        return new UnreadData(Map.of());
    }

    public Optional<Duration> oldest() {
        return oldestUnreadAgeByPartition.values().stream().max(Duration::compareTo);
    }

    /** Partitions, in order, whose oldest unread record would be deleted by {@code retention} within {@code margin}. */
    public List<Integer> partitionsAtRisk(Duration retention, Duration margin) {
        return new TreeMap<>(oldestUnreadAgeByPartition).entrySet().stream()
                .filter(entry -> entry.getValue().plus(margin).compareTo(retention) > 0)
                .map(Map.Entry::getKey)
                .toList();
    }
}
