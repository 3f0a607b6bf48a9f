package io.logwise.kafka.retention;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Per partition, the age (by record timestamp) of the oldest record some consumer has not read yet, measured in this
 * invocation. Partitions every consumer has read to the end are absent, so an empty map with nothing unknown means
 * "all read".
 *
 * @param oldestUnreadAgeByPartition the age of the record at the position furthest behind
 * @param behindByPartition          who is furthest behind on the partition and where, for the report
 * @param unknown                    why some positions are not known; a non-empty list refuses any lowering
 */
public record UnreadData(Map<Integer, Duration> oldestUnreadAgeByPartition, Map<Integer, String> behindByPartition,
                         List<String> unknown) {

    public UnreadData {
        oldestUnreadAgeByPartition = Map.copyOf(oldestUnreadAgeByPartition);
        behindByPartition = Map.copyOf(behindByPartition);
        unknown = List.copyOf(unknown);
    }

    public UnreadData(Map<Integer, Duration> oldestUnreadAgeByPartition) {
        this(oldestUnreadAgeByPartition, Map.of(), List.of());
    }

    public static UnreadData allRead() {
        return new UnreadData(Map.of());
    }

    public static UnreadData unknown(List<String> reasons) {
        return new UnreadData(Map.of(), Map.of(), reasons);
    }

    public boolean known() {
        return unknown.isEmpty();
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
