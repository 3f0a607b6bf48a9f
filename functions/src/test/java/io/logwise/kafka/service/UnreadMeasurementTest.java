package io.logwise.kafka.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.lag.UnreadReading.PartitionUnread;
import io.logwise.kafka.lag.UnreadReading.Position;
import io.logwise.kafka.lag.UnreadReading.TopicUnread;
import io.logwise.kafka.retention.UnreadData;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** From a reading to the guard's figures: the position furthest behind decides, unknown stays unknown. */
class UnreadMeasurementTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private static Position at(String consumer, long offset, Instant written) {
        return new Position(consumer, "group", offset, written == null ? null : written.toEpochMilli(),
                written == null ? null : "CreateTime");
    }

    @Test
    void theAgeIsThatOfTheRecordAtThePositionFurthestBehindByOffset() {
        // The query at offset 2 is behind the group at 8; the record at 2 is stamped 3h ago, whatever came after it.
        PartitionUnread partition = new PartitionUnread(0, 0, 10, List.of(
                at("app", 8, NOW.minus(Duration.ofDays(2))),
                new Position("spark-a", "spark-checkpoint", 2, NOW.minus(Duration.ofHours(3)).toEpochMilli(),
                        "CreateTime")), null);

        UnreadData unread = UnreadMeasurement.unreadData(new TopicUnread("logs.a", List.of(partition), List.of()),
                NOW);

        assertTrue(unread.known());
        assertEquals(Map.of(0, Duration.ofHours(3)), unread.oldestUnreadAgeByPartition());
        assertTrue(unread.behindByPartition().get(0).startsWith("spark-a (spark-checkpoint) at offset 2 of 0..10"),
                unread.behindByPartition().toString());
    }

    @Test
    void everyoneAtTheEndIsAllReadAndAFutureTimestampCountsAsAgeZero() {
        PartitionUnread done = new PartitionUnread(0, 0, 10, List.of(at("app", 10, null)), null);
        PartitionUnread future = new PartitionUnread(1, 0, 10, List.of(at("app", 4, NOW.plusSeconds(3600))), null);

        UnreadData unread = UnreadMeasurement.unreadData(new TopicUnread("logs.a", List.of(done, future),
                List.of()), NOW);

        assertEquals(Map.of(1, Duration.ZERO), unread.oldestUnreadAgeByPartition());
    }

    @Test
    void unknownPositionsAndNoReaderAtAllAreUnknownNeverRead() {
        PartitionUnread unreadable = new PartitionUnread(0, -1, -1, List.of(), "log offsets not read: no leader");
        UnreadData partial = UnreadMeasurement.unreadData(new TopicUnread("logs.a", List.of(unreadable),
                List.of("spark checkpoint spark-a not read")), NOW);
        assertEquals(List.of("spark checkpoint spark-a not read", "partition 0: log offsets not read: no leader"),
                partial.unknown());

        PartitionUnread nobody = new PartitionUnread(0, 0, 10, List.of(), null);
        UnreadData unread = UnreadMeasurement.unreadData(new TopicUnread("logs.a", List.of(nobody), List.of()), NOW);
        assertFalse(unread.known());
        assertTrue(unread.unknown().get(0).contains("no consumer position is known"), unread.unknown().toString());
    }
}
