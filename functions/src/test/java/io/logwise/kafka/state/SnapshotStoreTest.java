package io.logwise.kafka.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SnapshotStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");

    private final InMemoryStateLog log = new InMemoryStateLog();

    private SnapshotStore fresh(int history) {
        return new SnapshotStore(new LoadedPart(log, StatePart.SNAPSHOTS), history);
    }

    private static ScanSnapshot snapshot(int minute) {
        long end = 1_000L * minute;
        return new ScanSnapshot("scan-" + minute, T0.plusSeconds(60L * minute), Map.of("logs.a",
                TopicOffsets.of(new long[] {end, end + 1}, Map.of(ConsumerKey.group("g"), new long[] {end - 5, end}))));
    }

    @Test
    void keepsTheNewestHistoryAndTombstonesTheRest() {
        SnapshotStore store = fresh(3);
        IntStream.rangeClosed(1, 5).forEach(minute -> store.append(snapshot(minute)));

        assertEquals(List.of(snapshot(3), snapshot(4), snapshot(5)), fresh(3).recent(10));
        assertEquals(List.of(snapshot(4), snapshot(5)), fresh(3).recent(2));
        assertEquals(Optional.of(snapshot(5)), fresh(3).latest());
        assertEquals(3, log.read(StatePart.SNAPSHOTS).size());
        long tombstones = log.records(StatePart.SNAPSHOTS).stream().filter(StateRecord::isTombstone).count();
        assertEquals(2, tombstones);
    }

    @Test
    void eachAppendIsOneBatchWithItsTombstones() {
        IntStream.rangeClosed(1, 3).forEach(minute -> fresh(2).append(snapshot(minute)));
        List<StateRecord> records = log.records(StatePart.SNAPSHOTS);
        assertEquals(List.of(snapshot(1).key(), snapshot(2).key(), snapshot(3).key(), snapshot(1).key()),
                records.stream().map(StateRecord::key).toList());
    }

    @Test
    void appendingTheSameScanAgainRewritesOneKey() {
        fresh(3).append(snapshot(1));
        fresh(3).append(snapshot(1));
        assertEquals(List.of(snapshot(1)), fresh(3).recent(5));
    }

    @Test
    void aSnapshotOlderThanTheWholeHistoryIsNotStored() {
        SnapshotStore store = fresh(2);
        store.append(snapshot(5));
        store.append(snapshot(6));
        store.append(snapshot(1));
        assertEquals(List.of(snapshot(5), snapshot(6)), fresh(2).recent(5));
        assertEquals(2, log.records(StatePart.SNAPSHOTS).size());
    }

    @Test
    void unreadableSnapshotsAreSkipped() {
        fresh(3).append(snapshot(1));
        log.write(StatePart.SNAPSHOTS, List.of(StateRecord.put(snapshot(2).key(),
                "{\"schema\":9}".getBytes(StandardCharsets.UTF_8))));
        assertEquals(List.of(snapshot(1)), fresh(3).recent(3));
    }

    @Test
    void emptyHistory() {
        assertEquals(List.of(), fresh(3).recent(3));
        assertEquals(Optional.empty(), fresh(3).latest());
    }
}
