package io.logwise.kafka.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class StateKeyTest {

    static Stream<Arguments> keys() {
        return Stream.of(
                Arguments.of(new StateKey.DecisionKey("logs.orders", "0a1b2c"), "decision/logs.orders/0a1b2c",
                        StatePart.JOURNAL),
                Arguments.of(new StateKey.ExtensionKey("logs.orders_v2"), "extension/logs.orders_v2", StatePart.JOURNAL),
                Arguments.of(new StateKey.SnapshotKey(Instant.ofEpochMilli(1_798_000_000_123L), "scan-7"),
                        "snapshot/1798000000123/scan-7", StatePart.SNAPSHOTS),
                Arguments.of(new StateKey.SnapshotKey(Instant.ofEpochMilli(42), "a/b"), "snapshot/0000000000042/a/b",
                        StatePart.SNAPSHOTS));
    }

    @ParameterizedTest
    @MethodSource("keys")
    void keysHaveOneTextAndParseBack(StateKey key, String text, StatePart part) {
        assertEquals(text, key.text());
        assertEquals(part, key.part());
        assertEquals(Optional.of(key), StateKey.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "decision/", "decision/logs.a", "decision/logs.a/", "decision/bad topic/x",
            "extension/", "snapshot/12/x", "snapshot/00000000000x1/x", "snapshot/0000000000001/", "latest/logs.a",
            "other"})
    void unknownOrMalformedKeysAreSkippedNotFailed(String text) {
        assertEquals(Optional.empty(), StateKey.parse(text));
    }

    @Test
    void snapshotKeysSortInTimeOrder() {
        List<String> texts = Stream.of(1_000_000_000_000L, 999L, 1_798_000_000_000L, 5L)
                .map(ms -> new StateKey.SnapshotKey(Instant.ofEpochMilli(ms), "s").text()).sorted().toList();
        assertEquals(List.of("snapshot/0000000000005/s", "snapshot/0000000000999/s", "snapshot/1000000000000/s",
                "snapshot/1798000000000/s"), texts);
    }

    @Test
    void snapshotKeyKeepsMillisecondsOnly() {
        var key = new StateKey.SnapshotKey(Instant.parse("2026-11-02T10:00:00.123456789Z"), "s");
        assertEquals(Instant.parse("2026-11-02T10:00:00.123Z"), key.time());
    }

    @Test
    void refusesKeysThatWouldNotParseBack() {
        assertThrows(IllegalArgumentException.class, () -> new StateKey.DecisionKey("logs.a", "x/y"));
        assertThrows(IllegalArgumentException.class, () -> new StateKey.DecisionKey("logs/a", "x"));
        assertThrows(IllegalArgumentException.class, () -> new StateKey.ExtensionKey(""));
        assertThrows(IllegalArgumentException.class, () -> new StateKey.SnapshotKey(Instant.ofEpochMilli(-1), "s"));
        assertThrows(IllegalArgumentException.class, () -> new StateKey.SnapshotKey(Instant.ofEpochMilli(1), ""));
        assertTrue(StateKey.parse(new StateKey.SnapshotKey(Instant.ofEpochMilli(9_999_999_999_999L), "s").text())
                .isPresent());
    }
}
