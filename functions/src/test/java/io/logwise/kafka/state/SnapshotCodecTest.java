package io.logwise.kafka.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.json.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class SnapshotCodecTest {

    private static final long U = TopicOffsets.UNKNOWN;

    @Test
    void storesEndOffsetsAndTheDistanceOfEachConsumerBehindThem() throws IOException {
        TopicOffsets offsets = TopicOffsets.of(new long[] {1_000_000_000_123L, 98, U, 7},
                Map.of("billing", new long[] {1_000_000_000_100L, 98, 55, U}));
        ScanSnapshot snapshot = new ScanSnapshot("scan-1", Instant.parse("2026-11-02T10:00:00Z"),
                Map.of("logs.orders", offsets));

        JsonNode json = Json.MAPPER.readTree(StateCodec.encode(snapshot));

        JsonNode topic = json.get("topics").get("logs.orders");
        assertEquals("[1000000000123,98,null,7]", topic.get("end").toString());
        assertEquals("[23,0,55,null]", topic.get("consumers").get("billing").toString(),
                "behind the end where it is known, the position itself where it is not, null without a position");
        assertEquals(snapshot, StateCodec.decodeSnapshot(StateCodec.encode(snapshot)));
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
                () -> TopicOffsets.of(new long[] {5}, Map.of("g", new long[] {1, 2})));
    }

    @Property(tries = 300)
    void everySnapshotRoundTrips(@ForAll("snapshots") ScanSnapshot snapshot) {
        assertEquals(snapshot, StateCodec.decodeSnapshot(StateCodec.encode(snapshot)));
    }

    @Provide
    Arbitrary<ScanSnapshot> snapshots() {
        Arbitrary<Long> offset = Arbitraries.oneOf(Arbitraries.just(U), Arbitraries.longs().between(0, Long.MAX_VALUE),
                Arbitraries.longs().between(0, 1_000));
        Arbitrary<TopicOffsets> topic = Arbitraries.integers().between(0, 12).flatMap(partitions -> {
            Arbitrary<long[]> column = offset.array(long[].class).ofSize(partitions);
            Arbitrary<Map<String, long[]>> consumers = Arbitraries.maps(
                    Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8), column).ofMaxSize(4);
            return Combinators.combine(column, consumers).as(TopicOffsets::of);
        });
        Arbitrary<Map<String, TopicOffsets>> topics = Arbitraries.maps(
                Arbitraries.strings().withChars("abc.-_").ofMinLength(1).ofMaxLength(6).map(s -> "logs." + s),
                topic).ofMaxSize(5);
        Arbitrary<Instant> time = Arbitraries.longs().between(0, 4_000_000_000_000L).map(Instant::ofEpochMilli);
        return Combinators.combine(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10), time, topics)
                .as(ScanSnapshot::new);
    }

    @Test
    void arraysAreCopiedInAndOut() {
        long[] end = {10, 20};
        TopicOffsets offsets = TopicOffsets.of(end, new HashMap<>(Map.of("g", new long[] {1, 2})));
        end[0] = 99;
        offsets.endOffsets()[1] = 99;
        offsets.positions("g")[0] = 99;
        assertEquals(List.of(10L, 20L), List.of(offsets.endOffset(0), offsets.endOffset(1)));
        assertEquals(1, offsets.position("g", 0));
        assertEquals(U, offsets.position("absent", 1));
    }
}
