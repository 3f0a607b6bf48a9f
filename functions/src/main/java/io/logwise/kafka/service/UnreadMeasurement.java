package io.logwise.kafka.service;

import io.logwise.kafka.gateway.UnreadReader;
import io.logwise.kafka.lag.UnreadReading.PartitionUnread;
import io.logwise.kafka.lag.UnreadReading.Position;
import io.logwise.kafka.lag.UnreadReading.TopicUnread;
import io.logwise.kafka.lag.UnreadReading;
import io.logwise.kafka.retention.UnreadData;
import io.logwise.kafka.retention.UnreadMeasure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The retention updater's view of an {@link UnreadReader} reading: ages of the oldest unread records. */
public final class UnreadMeasurement implements UnreadMeasure {

    private final UnreadReader reader;
    private final List<String> problems = new ArrayList<>();

    public UnreadMeasurement(UnreadReader reader) {
        this.reader = reader;
    }

    @Override
    public Map<String, UnreadData> measure(Collection<String> topics, Instant now) {
        Map<String, UnreadData> result = new LinkedHashMap<>();
        if (topics.isEmpty()) {
            return result;
        }
        UnreadReading reading = reader.read(topics);
        problems.addAll(reading.problems());
        reading.topics().forEach((topic, unread) -> result.put(topic, unreadData(unread, now)));
        return result;
    }

    @Override
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** Ages by record timestamp as of {@code now}; a record dated after {@code now} counts as age 0. */
    static UnreadData unreadData(TopicUnread topic, Instant now) {
        List<String> unknown = new ArrayList<>(topic.unknown());
        if (!topic.hasReaders() && unknown.isEmpty()) {
            unknown.add("no consumer position is known on " + topic.topic() + " (no group committed on it, no Spark"
                    + " checkpoint reads it)");
        }
        Map<Integer, Duration> ages = new HashMap<>();
        Map<Integer, String> behind = new HashMap<>();
        for (PartitionUnread partition : topic.partitions()) {
            if (partition.unknown() != null) {
                unknown.add("partition " + partition.partition() + ": " + partition.unknown());
                continue;
            }
            partition.oldestUnread().ifPresent(position -> {
                Instant written = Instant.ofEpochMilli(position.recordTimestampMs());
                ages.put(partition.partition(), written.isAfter(now) ? Duration.ZERO : Duration.between(written, now));
                behind.put(partition.partition(), describe(position, partition, written));
            });
        }
        return new UnreadData(ages, behind, unknown);
    }

    private static String describe(Position position, PartitionUnread partition, Instant written) {
        return position.consumer() + " (" + position.source() + ") at offset " + position.offset() + " of "
                + partition.logStart() + ".." + partition.logEnd() + ", record timestamp " + written + " ("
                + position.timestampType() + ")";
    }
}
