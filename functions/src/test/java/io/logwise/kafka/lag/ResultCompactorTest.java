package io.logwise.kafka.lag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.history.HistoryEnricher;
import io.logwise.kafka.history.HistorySettings;
import io.logwise.kafka.history.ScanSnapshots;
import io.logwise.kafka.json.Json;
import io.logwise.kafka.scan.ScanResult;
import io.logwise.kafka.scan.TopicSummary;
import io.logwise.kafka.scan.Verdict;
import io.logwise.kafka.state.ScanSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResultCompactorTest {

    /** The bound stated in the README: well under EventBridge's 256 KB (262,144 bytes) event limit. */
    static final int STATED_BOUND_BYTES = 200 * 1024;

    private final ResultCompactor compactor = new ResultCompactor(Json.MAPPER, ResultCompactor.DEFAULT_MAX_BYTES);

    /**
     * Worst case: 10,000 partitions, 100 groups committed on every partition of every topic, every consumer lagging
     * or worse, long names, large offsets, many problems; spread as few or many topics.
     */
    @ParameterizedTest(name = "{0} topics x {1} partitions, 100 groups")
    @CsvSource({"10000, 1", "3334, 3", "100, 100"})
    void worstCaseAtTenThousandPartitionsAndHundredGroupsStaysUnderTheBound(int topics, int partitionsPerTopic)
            throws Exception {
        ScanResult full = syntheticWorstCase(topics, partitionsPerTopic, 100);
        ScanResult compact = compactor.compact(full);
        int bytes = Json.MAPPER.writeValueAsBytes(compact).length;
        System.out.printf("%d topics x %d partitions x 100 groups: compacted to %,d bytes, %d topics kept,"
                        + " %d omitted%n", topics, partitionsPerTopic, bytes,
                compact.topics().size(), compact.omittedTopics() == null ? 0 : compact.omittedTopics());
        assertTrue(bytes <= ResultCompactor.DEFAULT_MAX_BYTES, bytes + " bytes");
        assertTrue(bytes <= STATED_BOUND_BYTES);
        assertEquals(full.topicCount(), compact.topics().size()
                + (compact.omittedTopics() == null ? 0 : compact.omittedTopics()));
        assertEquals(full.verdictCounts(), compact.verdictCounts());
        assertEquals(full.partitionCount(), compact.partitionCount());
        assertTrue(compact.partial());

        // The most severe topics are the ones kept: every DATA_LOST topic before any LAGGING one.
        long dataLostKept = compact.topics().stream().filter(t -> t.verdict() == Verdict.DATA_LOST).count();
        long dataLostTotal = full.verdictCounts().get(Verdict.DATA_LOST);
        long laggingKept = compact.topics().stream().filter(t -> t.verdict() == Verdict.LAGGING).count();
        assertTrue(dataLostKept == dataLostTotal || laggingKept == 0);
        // Round trip: downstream reads it back with the same mapper.
        assertTrue(compact.equals(Json.MAPPER.readValue(Json.MAPPER.writeValueAsBytes(compact), ScanResult.class)),
                "reads back equal");
    }

    @Test
    void aSmallResultKeepsEveryConsumer() {
        ScanResult full = syntheticWorstCase(20, 3, 4);
        ScanResult compact = compactor.compact(full);
        assertTrue(full.topics().equals(compact.topics()), "every topic with every consumer");
        assertNull(compact.omittedTopics());
    }

    @Test
    void whenConsumerDetailDoesNotFitOnlyTheNonOkConsumersAreListedAndTheRestCounted() throws Exception {
        ScanResult full = syntheticWorstCase(30, 3, 40);
        int fullBytes = Json.MAPPER.writeValueAsBytes(full).length;
        // A budget that holds every topic and some detail, not all of it.
        ResultCompactor tight = new ResultCompactor(Json.MAPPER, fullBytes / 2);
        ScanResult compact = tight.compact(full);
        assertTrue(Json.MAPPER.writeValueAsBytes(compact).length <= fullBytes / 2);
        assertNull(compact.omittedTopics());
        boolean someTrimmed = false;
        for (TopicSummary topic : compact.topics()) {
            assertEquals(topic.verdict(), topic.worst().verdict());
            int listed = topic.consumers() == null ? 0 : topic.consumers().size();
            int omitted = topic.omittedConsumers() == null ? 0 : topic.omittedConsumers();
            assertEquals(40, listed + omitted);
            someTrimmed |= omitted > 0;
        }
        assertTrue(someTrimmed);
    }

    @Test
    void problemsAreCappedAndCounted() {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            problems.add("problem " + i + " " + "x".repeat(i * 10));
        }
        List<String> capped = ResultCompactor.capProblems(problems);
        assertEquals(ResultCompactor.MAX_PROBLEMS + 1, capped.size());
        assertTrue(capped.stream().allMatch(p -> p.length() <= ResultCompactor.MAX_PROBLEM_LENGTH));
        assertEquals("and 70 more problems (see the function's log)", capped.get(capped.size() - 1));
    }

    /**
     * Built through the real assembler: 1 topic in 7 has a partition whose records were lost, every other topic has
     * every group lagging; 1 in 50 topics has an unreadable partition; the groups' names are long.
     */
    static ScanResult syntheticWorstCase(int topicCount, int partitionsPerTopic, int groupCount) {
        LagScannerSettings settings = LagScannerSettings.fromEnv(Map.of("MAX_LAG_PER_PARTITION", "50000"));
        List<TopicLog> logs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int t = 0; t < topicCount; t++) {
            String name = "logs.payments-authorization-service-eu-west-1-production-" + t;
            names.add(name);
            List<PartitionLog> partitions = new ArrayList<>();
            for (int p = 0; p < partitionsPerTopic; p++) {
                partitions.add(t % 50 == 49 && p == 0 ? new PartitionLog.Unreadable("TimeoutException: broker 3")
                        : new PartitionLog.Range(1_000_000_000L + t, 9_000_000_000L + p));
            }
            logs.add(new TopicLog(name, 604_800_000L, partitions, null));
        }
        List<ConsumerPositions> consumers = new ArrayList<>();
        for (int g = 0; g < groupCount; g++) {
            Map<String, long[]> committed = new HashMap<>();
            for (int t = 0; t < topicCount; t++) {
                long[] offsets = new long[partitionsPerTopic];
                for (int p = 0; p < partitionsPerTopic; p++) {
                    offsets[p] = t % 7 == 0 && p == 0 ? 999_000_000L : 8_000_000_000L + g * 1000L + p;
                }
                committed.put(names.get(t), offsets);
            }
            consumers.add(new ConsumerPositions.Read("spark-structured-streaming-logwise-consumer-group-" + g,
                    "group", committed));
        }
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < topicCount / 50; i++) {
            problems.add("problem line " + i);
        }
        Instant now = Instant.parse("2026-11-25T12:00:00Z");
        PositionsReading positions = new PositionsReading(consumers, true, List.of());
        ScanResult result = new ScanAssembler(settings).result("3f1c2d9e-8a4b-4c1e-9d2f-1234567890ab", now, 1234,
                logs, positions, problems, false);
        return withHistoryFigures(result, logs, consumers, now);
    }

    /**
     * Two earlier scans in which the logs and every consumer advanced at odd rates, so that every consumer carries
     * every history figure at full double precision (rates, time lag, time to drain, drainsNever) and every topic an
     * ingest rate: the largest form a summary can take.
     */
    private static ScanResult withHistoryFigures(ScanResult result, List<TopicLog> logs,
                                                 List<ConsumerPositions> consumers, Instant now) {
        List<ScanSnapshot> history = new ArrayList<>();
        for (int k = 2; k >= 0; k--) {
            long endsBack = k * 10_000_037L;
            long positionsBack = k * 15_000_011L;
            List<TopicLog> earlierLogs = logs.stream().map(log -> new TopicLog(log.topic(), log.retentionMs(),
                    log.partitions().stream().map(p -> p instanceof PartitionLog.Range r
                            ? (PartitionLog) new PartitionLog.Range(r.start() - endsBack, r.end() - endsBack) : p)
                            .toList(), null)).toList();
            List<ConsumerPositions> earlierPositions = consumers.stream().map(c -> {
                ConsumerPositions.Read read = (ConsumerPositions.Read) c;
                Map<String, long[]> back = new HashMap<>();
                read.committed().forEach((topic, offsets) -> back.put(topic,
                        java.util.Arrays.stream(offsets).map(o -> o - positionsBack).toArray()));
                return (ConsumerPositions) new ConsumerPositions.Read(read.consumer(), read.source(), back);
            }).toList();
            history.add(ScanSnapshots.of("s" + k, now.minusMillis(k * 61_237L), earlierLogs,
                    new PositionsReading(earlierPositions, true, List.of())));
        }
        ScanResult enriched = new HistoryEnricher(HistorySettings.DEFAULTS).enrich(result, history);
        TopicSummary measured = enriched.topics().get(0);
        if (measured.ingestRatePerSec() == null || measured.worst().timeToDrainSeconds() == null
                || measured.worst().drainsNever() == null || measured.worst().timeLagSeconds() == null) {
            throw new AssertionError("the worst case must carry every history figure: " + measured.worst());
        }
        return enriched;
    }

}
