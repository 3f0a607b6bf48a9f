package io.logwise.kafka.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.json.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class SnapshotCodecTest {

    private static final long U = TopicOffsets.UNKNOWN;

    @Test
    void storesEndOffsetsAndTheDistanceOfEachConsumerBehindThem() throws IOException {
        TopicOffsets offsets = TopicOffsets.of(new long[] {1_000_000_000_123L, 98, U, 7},
                Map.of(ConsumerKey.group("billing"), new long[] {1_000_000_000_100L, 98, 55, U}));
        ScanSnapshot snapshot = new ScanSnapshot("scan-1", Instant.parse("2026-11-02T10:00:00Z"),
                Map.of("logs.orders", offsets));

        JsonNode json = Json.MAPPER.readTree(StateCodec.encode(snapshot));

        JsonNode topic = json.get("topics").get("logs.orders");
        assertEquals("[1000000000123,98,null,7]", topic.get("end").toString());
        assertEquals("[23,0,55,null]", topic.get("groups").get("billing").toString(),
                "behind the end where it is known, the position itself where it is not, null without a position");
        assertEquals(snapshot, StateCodec.decodeSnapshot(StateCodec.encode(snapshot)));
    }

    @Test
    void aGroupAndASparkCheckpointOfTheSameNameAreStoredApart() throws IOException {
        TopicOffsets offsets = TopicOffsets.of(new long[] {500, 600}, Map.of(ConsumerKey.group("etl"),
                new long[] {100, 100}, ConsumerKey.sparkCheckpoint("etl"), new long[] {500, 590}));
        ScanSnapshot snapshot = new ScanSnapshot("scan-1", Instant.parse("2026-11-02T10:00:00Z"),
                Map.of("logs.orders", offsets));

        JsonNode topic = Json.MAPPER.readTree(StateCodec.encode(snapshot)).get("topics").get("logs.orders");
        assertEquals("{\"etl\":[400,500]}", topic.get("groups").toString());
        assertEquals("{\"etl\":[0,10]}", topic.get("checkpoints").toString());
        assertEquals(snapshot, StateCodec.decodeSnapshot(StateCodec.encode(snapshot)));
    }

    /** Snapshots stored before kinds were recorded hold groups and Spark checkpoints in one "consumers" object. */
    @Test
    void aSnapshotStoredWithoutKindsIsStillRead() {
        String value = "{\"schema\":1,\"scanId\":\"s\",\"time\":\"2026-11-02T10:00:00Z\",\"topics\":{\"logs.a\":"
                + "{\"end\":[10,20],\"consumers\":{\"g1\":[0,5],\"etl\":[3,null]}}}}";

        ScanSnapshot snapshot = StateCodec.decodeSnapshot(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        TopicOffsets offsets = snapshot.topics().get("logs.a");
        assertEquals(Set.of(ConsumerKey.unrecorded("g1"), ConsumerKey.unrecorded("etl")),
                offsets.consumers());
        assertEquals(List.of(10L, 15L), List.of(offsets.position(ConsumerKey.unrecorded("g1"), 0),
                offsets.position(ConsumerKey.unrecorded("g1"), 1)));
        assertEquals(List.of(7L, U), List.of(offsets.position(ConsumerKey.unrecorded("etl"), 0),
                offsets.position(ConsumerKey.unrecorded("etl"), 1)));
        assertEquals(U, offsets.position(ConsumerKey.group("g1"), 0), "its kind is not known");
    }

    @Test
    void aConsumerColumnMustCoverEveryPartition() {
        String value = "{\"schema\":1,\"scanId\":\"s\",\"time\":\"2026-11-02T10:00:00Z\",\"topics\":{\"logs.a\":"
                + "{\"end\":[1,2],\"consumers\":{\"g\":[0]}}}}";
        assertThrows(UnreadableStateException.class,
                () -> StateCodec.decodeSnapshot(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void offsetsBelowUnknownAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> TopicOffsets.of(new long[] {-2}, Map.of()));
        assertThrows(IllegalArgumentException.class,
                () -> TopicOffsets.of(new long[] {5}, Map.of(ConsumerKey.group("g"), new long[] {1, 2})));
    }

    @Test
    void everySnapshotRoundTrips() {
        qt().withExamples(300).forAll(snapshots())
                .checkAssert(snapshot -> assertEquals(snapshot, StateCodec.decodeSnapshot(StateCodec.encode(snapshot))));
    }

    private static Gen<String> stringsOf(String alphabet, int min, int max) {
        List<Character> chars = alphabet.chars().mapToObj(c -> (char) c).toList();
        return lists().of(Generate.pick(chars)).ofSizeBetween(min, max)
                .map(list -> list.stream().map(String::valueOf).collect(Collectors.joining()));
    }

    private static Gen<ScanSnapshot> snapshots() {
        Gen<Long> offset = Generate.oneOf(Generate.constant(U), longs().between(0, Long.MAX_VALUE),
                longs().between(0, 1_000));
        Gen<TopicOffsets> topic = integers().between(0, 12).flatMap(partitions -> {
            Gen<long[]> column = lists().of(offset).ofSize(partitions)
                    .map(values -> values.stream().mapToLong(Long::longValue).toArray());
            Gen<ConsumerKey> key = Generate.enumValues(ConsumerKey.Kind.class)
                    .zip(stringsOf("abcdefghijklmnopqrstuvwxyz", 1, 8), ConsumerKey::new);
            Gen<Map<ConsumerKey, long[]>> consumers = lists().of(key.zip(column, Map::entry)).ofSizeBetween(0, 4)
                    .map(SnapshotCodecTest::toMap);
            return column.zip(consumers, TopicOffsets::of);
        });
        Gen<Map<String, TopicOffsets>> topics = lists().of(stringsOf("abc.-_", 1, 6).map(s -> "logs." + s)
                .zip(topic, Map::entry)).ofSizeBetween(0, 5).map(SnapshotCodecTest::toMap);
        Gen<Instant> time = longs().between(0, 4_000_000_000_000L).map(Instant::ofEpochMilli);
        return stringsOf("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", 1, 10)
                .zip(time, topics, ScanSnapshot::new);
    }

    private static <K, V> Map<K, V> toMap(List<Map.Entry<K, V>> entries) {
        Map<K, V> map = new LinkedHashMap<>();
        entries.forEach(entry -> map.put(entry.getKey(), entry.getValue()));
        return map;
    }

    @Test
    void arraysAreCopiedInAndOut() {
        long[] end = {10, 20};
        ConsumerKey g = ConsumerKey.group("g");
        TopicOffsets offsets = TopicOffsets.of(end, new HashMap<>(Map.of(g, new long[] {1, 2})));
        end[0] = 99;
        offsets.endOffsets()[1] = 99;
        offsets.positions(g)[0] = 99;
        assertEquals(List.of(10L, 20L), List.of(offsets.endOffset(0), offsets.endOffset(1)));
        assertEquals(1, offsets.position(g, 0));
        assertEquals(U, offsets.position(ConsumerKey.group("absent"), 1));
    }
}
