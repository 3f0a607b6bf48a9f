package io.logwise.kafka.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.json.Json;
import io.logwise.kafka.lag.Action;
import io.logwise.kafka.lag.ActionPlanner;
import io.logwise.kafka.lag.ConsumerPositions;
import io.logwise.kafka.lag.LagEvaluator;
import io.logwise.kafka.lag.LagScannerSettings;
import io.logwise.kafka.lag.PartitionLog;
import io.logwise.kafka.lag.PositionsReading;
import io.logwise.kafka.lag.ScanAssembler;
import io.logwise.kafka.lag.TopicLog;
import io.logwise.kafka.metrics.LagMetrics;
import io.logwise.kafka.scan.AddedPartitions;
import io.logwise.kafka.scan.ConsumerSummary;
import io.logwise.kafka.scan.ScanResult;
import io.logwise.kafka.scan.TopicSummary;
import io.logwise.kafka.scan.Verdict;
import io.logwise.kafka.state.ScanSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NewPartitionCheckTest {

    private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
    private static final String TOPIC = "logs.a";
    private static final int GRACE = 2;
    private static final long NONE = ConsumerPositions.NO_COMMIT;

    /** Scans a minute apart of one topic: per scan its log ends (logs start at 0) and consumers' positions. */
    private static final class Scans {
        private final List<long[]> ends = new ArrayList<>();
        private final List<Map<String, long[]>> positions = new ArrayList<>();
        private final Map<String, String> sources = new LinkedHashMap<>();
        private long maxLag = 50_000;
        private long firstLogStart = 0;

        Scans scan(long[] logEnds, Object... consumerAndPositions) {
            Map<String, long[]> byConsumer = new LinkedHashMap<>();
            for (int i = 0; i < consumerAndPositions.length; i += 2) {
                byConsumer.put((String) consumerAndPositions[i], (long[]) consumerAndPositions[i + 1]);
            }
            ends.add(logEnds);
            positions.add(byConsumer);
            return this;
        }

        /** The same as the last scan, {@code times} more. */
        Scans again(int times) {
            for (int i = 0; i < times; i++) {
                ends.add(ends.get(ends.size() - 1));
                positions.add(positions.get(positions.size() - 1));
            }
            return this;
        }

        Scans source(String consumer, String source) {
            sources.put(consumer, source);
            return this;
        }

        /** Partition 0's log start offset in every scan (records before it were deleted). */
        Scans firstLogStart(long offset) {
            firstLogStart = offset;
            return this;
        }

        Scans maxLag(long value) {
            maxLag = value;
            return this;
        }

        ScanResult checked() {
            return checked(List.of());
        }

        ScanResult checked(List<PartitionIncrease> journaled) {
            int last = ends.size() - 1;
            ScanResult result = new ScanAssembler(LagScannerSettings.fromEnv(Map.of("MAX_LAG_PER_PARTITION",
                    Long.toString(maxLag)))).result("scan-" + last, time(last), 10, logs(last), positions(last),
                    List.of(), false);
            List<ScanSnapshot> history = new ArrayList<>();
            for (int i = 0; i <= last; i++) {
                history.add(ScanSnapshots.of("scan-" + i, time(i), logs(i), positions(i)));
            }
            return new NewPartitionCheck(GRACE).apply(result, history, logs(last), journaled);
        }

        private List<TopicLog> logs(int scan) {
            List<PartitionLog> partitions = new ArrayList<>();
            long[] logEnds = ends.get(scan);
            for (int p = 0; p < logEnds.length; p++) {
                partitions.add(new PartitionLog.Range(p == 0 ? firstLogStart : 0, logEnds[p]));
            }
            return List.of(new TopicLog(TOPIC, 3_600_000L, partitions, null));
        }

        private PositionsReading positions(int scan) {
            List<ConsumerPositions> consumers = new ArrayList<>();
            positions.get(scan).forEach((consumer, offsets) -> consumers.add(new ConsumerPositions.Read(consumer,
                    sources.getOrDefault(consumer, LagEvaluator.GROUP_SOURCE), Map.of(TOPIC, offsets))));
            return new PositionsReading(consumers, true, List.of());
        }

        private static Instant time(int scan) {
            return T0.plusSeconds(60L * scan);
        }
    }

    private static ConsumerSummary consumer(ScanResult result, String name) {
        return topic(result).consumers().stream().filter(c -> c.consumer().equals(name)).findFirst().orElseThrow();
    }

    private static TopicSummary topic(ScanResult result) {
        return result.topics().get(0);
    }

    /** Two partitions read by "static"; partitions 2 and 3 are added at scan 1 and get 10 and 20 records. */
    private static Scans staticAssignmentAfter(int scansSinceAdded) {
        return new Scans()
                .scan(new long[] {5, 5}, "static", new long[] {5, 5})
                .scan(new long[] {5, 5, 10, 20}, "static", new long[] {5, 5, NONE, NONE})
                .again(scansSinceAdded);
    }

    @Test
    void aConsumerWithoutPositionsOnAddedPartitionsPastTheGraceIsNewPartitionsUnreadWithTheWaitingRecords() {
        for (int scansSinceAdded = 0; scansSinceAdded <= GRACE; scansSinceAdded++) {
            ScanResult withinGrace = staticAssignmentAfter(scansSinceAdded).checked();
            assertEquals(Verdict.NO_COMMIT, topic(withinGrace).verdict(), "scans since added: " + scansSinceAdded);
            assertNull(consumer(withinGrace, "static").addedPartitions());
        }

        ScanResult result = staticAssignmentAfter(GRACE + 1).checked();

        ConsumerSummary found = consumer(result, "static");
        assertEquals(Verdict.NEW_PARTITIONS_UNREAD, found.verdict());
        assertEquals(new AddedPartitions(List.of(2, 3), 30, List.of(), 0), found.addedPartitions());
        assertEquals(Verdict.NEW_PARTITIONS_UNREAD, topic(result).verdict());
        assertEquals(Map.of(Verdict.NEW_PARTITIONS_UNREAD, 1), result.verdictCounts());
        Action action = ActionPlanner.actionsFor(result).stream().filter(a -> a.kind() == Action.Kind.INVESTIGATE).findFirst()
                .orElseThrow();
        assertTrue(action.reason().contains("static: no position on partitions [2, 3]"), action.reason());
        assertTrue(action.reason().contains("30 records wait"), action.reason());
    }

    @Test
    void anAddedPartitionNothingWasWrittenToLeavesNothingUnread() {
        // A consumer that commits only what it polled has no position on an empty partition: nothing waits there.
        ScanResult result = new Scans()
                .scan(new long[] {5, 5}, "polled", new long[] {5, 5})
                .scan(new long[] {5, 5, 0, 20}, "polled", new long[] {5, 5, NONE, NONE})
                .again(GRACE + 1).checked();

        ConsumerSummary found = consumer(result, "polled");
        assertEquals(Verdict.NEW_PARTITIONS_UNREAD, found.verdict());
        assertEquals(List.of(3), found.addedPartitions().unreadPartitions(), "partition 2 is empty");
        assertEquals(20, found.addedPartitions().waitingRecords());

        ScanResult empty = new Scans()
                .scan(new long[] {5, 5}, "polled", new long[] {5, 5})
                .scan(new long[] {5, 5, 0, 0}, "polled", new long[] {5, 5, NONE, NONE})
                .again(GRACE + 1).checked();
        assertNotEquals(Verdict.NEW_PARTITIONS_UNREAD, consumer(empty, "polled").verdict());
    }

    @Test
    void itIsAtLeastAsSevereAsLaggingAndTheTopicGetsNoScaleAction() {
        assertTrue(Verdict.NEW_PARTITIONS_UNREAD.isWorseThan(Verdict.LAGGING));
        assertTrue(Verdict.AT_RISK.isWorseThan(Verdict.NEW_PARTITIONS_UNREAD));
        ScanResult result = new Scans().maxLag(100)
                .scan(new long[] {500, 500}, "static", new long[] {5, 5})
                .scan(new long[] {500, 500, 10, 20}, "static", new long[] {5, 5, NONE, NONE})
                .again(GRACE + 1).checked();

        assertEquals(Verdict.NEW_PARTITIONS_UNREAD, consumer(result, "static").verdict());
        assertTrue(ActionPlanner.actionsFor(result).stream().noneMatch(a -> a.kind() == Action.Kind.SCALE), () -> ActionPlanner.actionsFor(result).toString());
    }

    @Test
    void aConsumerThatReadsTheAddedPartitionsFromTheirStartIsLeftAlone() {
        ScanResult result = new Scans()
                .scan(new long[] {5, 5}, "subscribed", new long[] {5, 5})
                .scan(new long[] {5, 5, 0, 0}, "subscribed", new long[] {5, 5, NONE, NONE})
                .scan(new long[] {5, 5, 10, 20}, "subscribed", new long[] {5, 5, 0, 0})
                .scan(new long[] {5, 5, 10, 20}, "subscribed", new long[] {5, 5, 10, 20})
                .again(GRACE).checked();

        assertEquals(Verdict.OK, topic(result).verdict());
        assertNull(consumer(result, "subscribed").addedPartitions());
        assertTrue(ActionPlanner.actionsFor(result).isEmpty(), () -> ActionPlanner.actionsFor(result).toString());
    }

    @Test
    void aGroupWhoseFirstPositionOnAnAddedPartitionIsPastItsStartPossiblySkippedTheRecordsBefore() {
        ScanResult result = new Scans()
                .scan(new long[] {5, 5}, "latest", new long[] {5, 5})
                .scan(new long[] {5, 5, 7}, "latest", new long[] {5, 5, NONE})
                .scan(new long[] {5, 5, 9}, "latest", new long[] {5, 5, 9})
                .scan(new long[] {5, 5, 12}, "latest", new long[] {5, 5, 12})
                .again(GRACE).checked();

        ConsumerSummary found = consumer(result, "latest");
        assertEquals(Verdict.OK, found.verdict(), "it reads the partition now");
        assertEquals(new AddedPartitions(List.of(), 0, List.of(2), 9), found.addedPartitions());
        Action action = ActionPlanner.actionsFor(result).get(0);
        assertEquals(Action.Kind.INVESTIGATE, action.kind());
        assertTrue(action.reason().contains("9 records written there before it started reading were possibly"
                + " skipped"), action.reason());
    }

    @Test
    void aSparkCheckpointIsNeverSaidToHaveSkippedForSparkReadsAddedPartitionsFromTheStartButCanLeaveThemUnread() {
        ScanResult reading = new Scans().source("spark", LagEvaluator.CHECKPOINT_SOURCE)
                .scan(new long[] {5, 5}, "spark", new long[] {5, 5})
                .scan(new long[] {5, 5, 7}, "spark", new long[] {5, 5, 7})
                .again(GRACE + 1).checked();
        assertNull(consumer(reading, "spark").addedPartitions());

        ScanResult assigned = new Scans().source("spark", LagEvaluator.CHECKPOINT_SOURCE)
                .scan(new long[] {5, 5}, "spark", new long[] {5, 5})
                .scan(new long[] {5, 5, 7}, "spark", new long[] {5, 5, NONE})
                .again(GRACE + 1).checked();
        assertEquals(Verdict.NEW_PARTITIONS_UNREAD, consumer(assigned, "spark").verdict());
        assertEquals(List.of(2), consumer(assigned, "spark").addedPartitions().unreadPartitions());
    }

    @Test
    void withoutASeenIncreaseAPartitionWithoutPositionIsOnlyNoCommit() {
        ScanResult result = new Scans()
                .scan(new long[] {5, 5, 10}, "static", new long[] {5, 5, NONE})
                .again(GRACE + 3).checked();

        assertEquals(Verdict.NO_COMMIT, consumer(result, "static").verdict());
        assertNull(consumer(result, "static").addedPartitions());
    }

    @Test
    void aConsumerThatReadsNoOlderPartitionIsNotJudgedOnTheNewOnes() {
        ScanResult result = new Scans()
                .scan(new long[] {5, 5}, "static", new long[] {5, 5})
                .scan(new long[] {5, 5, 10}, "static", new long[] {5, 5, NONE}, "newcomer", new long[] {NONE, NONE, 3})
                .again(GRACE + 1).checked();

        assertNull(consumer(result, "newcomer").addedPartitions());
        assertEquals(Verdict.NEW_PARTITIONS_UNREAD, consumer(result, "static").verdict());
        assertEquals("static", topic(result).worst().consumer());
    }

    @Test
    void aMoreSevereVerdictStaysAndTheUnreadPartitionsAreStillNamed() {
        ScanResult result = new Scans().firstLogStart(8)
                .scan(new long[] {9, 5}, "static", new long[] {5, 5})
                .scan(new long[] {9, 5, 10}, "static", new long[] {5, 5, NONE})
                .again(GRACE + 1).checked();

        ConsumerSummary found = consumer(result, "static");
        assertEquals(Verdict.DATA_LOST, found.verdict());
        assertEquals(List.of(2), found.addedPartitions().unreadPartitions());
        assertEquals(Verdict.DATA_LOST, topic(result).verdict());
        assertTrue(ActionPlanner.actionsFor(result).stream().noneMatch(a -> a.kind() == Action.Kind.SCALE), () -> ActionPlanner.actionsFor(result).toString());
    }

    @Test
    void theScanMetricsCountTheTopicsAndTheRecordsOnUnreadNewPartitions() {
        ScanResult result = staticAssignmentAfter(GRACE + 1).checked();

        Map<String, Double> metrics = new LinkedHashMap<>();
        LagMetrics.documents(result, 10, 10).get(0).metrics().forEach(m -> metrics.put(m.name(), m.value()));
        assertEquals(1.0, metrics.get("TopicsNewPartitionsUnread"), metrics::toString);
        assertEquals(30.0, metrics.get("RecordsOnUnreadNewPartitions"), metrics::toString);
    }

    @Test
    void aJournaledIncreaseOlderThanTheKeptSnapshotsStillFindsAConsumerThatDoesNotReadTheAddedPartitions() {
        Scans scans = new Scans()
                .scan(new long[] {5, 5, 10, 20}, "static", new long[] {5, 5, NONE, NONE},
                        "latest", new long[] {5, 5, 10, 20})
                .again(GRACE + 1);
        List<PartitionIncrease> journaled = List.of(new PartitionIncrease(TOPIC, 2, 4, T0.minusSeconds(3600)));

        ScanResult withoutJournal = scans.checked(List.of());
        ScanResult withJournal = scans.checked(journaled);

        assertEquals(Verdict.NO_COMMIT, consumer(withoutJournal, "static").verdict());
        assertEquals(Verdict.NEW_PARTITIONS_UNREAD, consumer(withJournal, "static").verdict());
        assertEquals(new AddedPartitions(List.of(2, 3), 30, List.of(), 0),
                consumer(withJournal, "static").addedPartitions());
        assertNull(consumer(withJournal, "latest").addedPartitions(),
                "where a group started is not known for an increase older than the kept snapshots");
    }

    @Test
    void theFindingsSurviveTheJsonTheScalerAndTheRetentionUpdaterReadTheScanFrom() throws Exception {
        ScanResult result = staticAssignmentAfter(GRACE + 1).checked();

        ScanResult read = Json.MAPPER.readValue(Json.MAPPER.writeValueAsBytes(result), ScanResult.class);

        assertEquals(new AddedPartitions(List.of(2, 3), 30, List.of(), 0), consumer(read, "static").addedPartitions());
        assertEquals(Verdict.NEW_PARTITIONS_UNREAD, topic(read).verdict());
    }

    @Test
    void increasesAreReadFromWhereThePartitionCountGrows() {
        List<ScanSnapshot> history = new ArrayList<>();
        int[] counts = {2, 2, 3, 3, 5};
        for (int i = 0; i < counts.length; i++) {
            List<PartitionLog> partitions = new ArrayList<>();
            for (int p = 0; p < counts[i]; p++) {
                partitions.add(new PartitionLog.Range(0, 1));
            }
            history.add(ScanSnapshots.of("s" + i, T0.plusSeconds(i), List.of(new TopicLog(TOPIC, null, partitions,
                    null)), new PositionsReading(List.of(), true, List.of())));
        }

        assertEquals(Map.of(2, 2, 3, 4, 4, 4), NewPartitionCheck.firstSeen(TOPIC, history, List.of()));
        assertEquals(Map.of(), NewPartitionCheck.firstSeen(TOPIC, history.subList(0, 2), List.of()));
        // The journal says when: partitions 0 and 1 were added before every kept snapshot, 3 between s0 and s1.
        assertEquals(Map.of(0, 0, 1, 0, 2, 2, 3, 1, 4, 4), NewPartitionCheck.firstSeen(TOPIC, history, List.of(
                new PartitionIncrease(TOPIC, 0, 2, T0.minusSeconds(60)),
                new PartitionIncrease(TOPIC, 3, 4, T0.plusMillis(500)),
                new PartitionIncrease("logs.other", 0, 9, T0.minusSeconds(60)))));
    }
}
