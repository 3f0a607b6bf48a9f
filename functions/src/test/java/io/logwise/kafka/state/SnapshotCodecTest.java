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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class SnapshotCodecTest {

    private static final long U = TopicOffsets.UNKNOWN;

    @Test
    void storesConsumerNamesOnceAndEachPositionAsItsDistanceBehindTheEnd() throws IOException {
        Map<String, TopicOffsets> topics = new LinkedHashMap<>();
        for (int t = 0; t < 200; t++) {
            Map<ConsumerKey, long[]> consumers = new HashMap<>();
            for (int g = 0; g < 20; g++) {
                consumers.put(ConsumerKey.group("logwise-spark-consumer-" + g),
                        new long[] {1_000_000_000_000L - g, 2_000_000_000_000L, U});
            }
            topics.put("logs.service-" + t, TopicOffsets.of(
                    new long[] {1_000_000_000_000L, 2_000_000_000_000L, 3_000_000_000_000L}, consumers));
        }
        ScanSnapshot snapshot = new ScanSnapshot("scan-1", Instant.parse("2026-11-02T10:00:00Z"), topics);

        byte[] value = StateCodec.encode(snapshot);

        JsonNode json = Json.MAPPER.readTree(value);
        assertEquals(20, json.get("consumers").get("groups").size(), "each name once");
        assertEquals(200, json.get("topicNames").size());
        // 200 x 20 x 3 entries of 1 byte (small distances, or no position) beside 200 x 3 ends of 6 bytes, in base64
        int packed = 200 * (1 + 3 * 6 + 1 + 20 * (1 + 3));
        assertEquals(Base64.getEncoder().encodeToString(new byte[packed]).length(), json.get("offsets").asText().length());
        assertEquals(snapshot, StateCodec.decodeSnapshot(value));
    }

    @Test
    void aGroupAndASparkCheckpointOfTheSameNameAreStoredApart() throws IOException {
        TopicOffsets offsets = TopicOffsets.of(new long[] {500, 600}, Map.of(ConsumerKey.group("etl"),
                new long[] {100, 100}, ConsumerKey.sparkCheckpoint("etl"), new long[] {500, 590}));
        ScanSnapshot snapshot = new ScanSnapshot("scan-1", Instant.parse("2026-11-02T10:00:00Z"),
                Map.of("logs.orders", offsets));

        JsonNode consumers = Json.MAPPER.readTree(StateCodec.encode(snapshot)).get("consumers");
        assertEquals("{\"groups\":[\"etl\"],\"checkpoints\":[\"etl\"]}", consumers.toString());
        assertEquals(snapshot, StateCodec.decodeSnapshot(StateCodec.encode(snapshot)));
    }

    @Test
    void aSnapshotStoredBeforeOffsetsWerePackedIsStillRead() {
        String value = "{\"schema\":1,\"scanId\":\"s\",\"time\":\"2026-11-02T10:00:00Z\",\"topics\":{\"logs.a\":"
                + "{\"end\":[1000000000123,98,null,7],\"groups\":{\"billing\":[23,0,55,null]},"
                + "\"checkpoints\":{\"billing\":[0,1,null,2]}}}}";

        TopicOffsets offsets = StateCodec.decodeSnapshot(value.getBytes(StandardCharsets.UTF_8)).topics().get("logs.a");

        assertEquals(List.of(1_000_000_000_100L, 98L, 55L, U), positions(offsets, ConsumerKey.group("billing"), 4),
                "behind the end where it is known, the position itself where it is not, null without a position");
        assertEquals(List.of(1_000_000_000_123L, 97L, U, 5L),
                positions(offsets, ConsumerKey.sparkCheckpoint("billing"), 4));
    }

    @Test
    void packedOffsetsThatDoNotMatchTheirTopicsAreRefused() {
        ScanSnapshot snapshot = new ScanSnapshot("s", Instant.parse("2026-11-02T10:00:00Z"), Map.of("logs.a",
                TopicOffsets.of(new long[] {10, 20}, Map.of(ConsumerKey.group("g"), new long[] {5, 20}))));
        String good = new String(StateCodec.encode(snapshot), StandardCharsets.UTF_8);
        String offsets = offsetsOf(good);
        byte[] packed = Base64.getDecoder().decode(offsets);

        for (String bad : List.of(
                good.replace("[\"logs.a\"]", "[\"logs.a\",\"logs.b\"]"),                 // a topic short
                good.replace("[\"logs.a\"]", "[]"),                                        // bytes left over
                good.replace(offsets, Base64.getEncoder().encodeToString(
                        java.util.Arrays.copyOf(packed, packed.length - 1))),             // cut in the middle
                good.replace("{\"groups\":[\"g\"]}", "{}"),                                // index beyond dictionary
                good.replace(offsets, Base64.getEncoder().encodeToString(new byte[] {(byte) 0xFF, 0x7F})))) {
            assertThrows(UnreadableStateException.class,
                    () -> StateCodec.decodeSnapshot(bad.getBytes(StandardCharsets.UTF_8)), bad);
        }
    }

    private static String offsetsOf(String json) {
        int start = json.indexOf("\"offsets\":\"") + "\"offsets\":\"".length();
        return json.substring(start, json.indexOf('"', start));
    }

    private static List<Long> positions(TopicOffsets offsets, ConsumerKey consumer, int partitions) {
        List<Long> positions = new java.util.ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            positions.add(offsets.position(consumer, p));
        }
        return positions;
    }

    /** Snapshots stored before kinds were recorded hold groups and Spark checkpoints in one "consumers" object. */
    @Test
    void aSnapshotStoredWithoutKindsIsStillRead() {
        String value = "{\"schema\":1,\"scanId\":\"s\",\"time\":\"2026-11-02T10:00:00Z\",\"topics\":{\"logs.a\":"
                + "{\"end\":[10,20],\"consumers\":{\"g1\":[0,5],\"etl\":[3,null]}}}}";

        ScanSnapshot snapshot = StateCodec.decodeSnapshot(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        TopicOffsets offsets = snapshot.topics().get("logs.a");
        assertEquals(List.of(ConsumerKey.unrecorded("etl"), ConsumerKey.unrecorded("g1")), offsets.consumers());
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
    void consumersGivenInOrderMustBeSortedAndDistinct() {
        ConsumerKey a = ConsumerKey.group("a");
        ConsumerKey b = ConsumerKey.group("b");
        TopicOffsets offsets = TopicOffsets.ofSorted(new long[] {10, 20}, List.of(a, b), new long[] {1, 2, 3, 4});
        assertEquals(List.of(3L, 4L), List.of(offsets.position(b, 0), offsets.position(b, 1)));
        assertEquals(b, offsets.consumer(1));
        assertEquals(3, offsets.position(1, 0));
        assertEquals(offsets, TopicOffsets.of(new long[] {10, 20}, Map.of(b, new long[] {3, 4}, a, new long[] {1, 2})));

        assertThrows(IllegalArgumentException.class,
                () -> TopicOffsets.ofSorted(new long[] {10, 20}, List.of(b, a), new long[] {1, 2, 3, 4}));
        assertThrows(IllegalArgumentException.class,
                () -> TopicOffsets.ofSorted(new long[] {10, 20}, List.of(a, a), new long[] {1, 2, 3, 4}));
        assertThrows(IllegalArgumentException.class,
                () -> TopicOffsets.ofSorted(new long[] {10, 20}, List.of(a, b), new long[] {1, 2, 3}));
        assertThrows(IllegalArgumentException.class,
                () -> TopicOffsets.ofSorted(new long[] {10, 20}, List.of(a), new long[] {1, -2}));
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
