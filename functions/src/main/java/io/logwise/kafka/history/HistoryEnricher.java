package io.logwise.kafka.history;

import io.logwise.kafka.lag.LagEvaluator;
import io.logwise.kafka.scan.ConsumerSummary;
import io.logwise.kafka.scan.ScanResult;
import io.logwise.kafka.scan.TopicSummary;
import io.logwise.kafka.scan.Verdict;
import io.logwise.kafka.state.ConsumerKey;
import io.logwise.kafka.state.ScanSnapshot;
import io.logwise.kafka.state.TopicOffsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Adds what the scan history tells to a scan result: per topic the ingest rate, per consumer the consume rate, time
 * lag, time to drain, and the trend verdicts (AT_RISK, STALLED, FALLING_BEHIND), which replace a consumer's verdict
 * when more severe; topic verdicts and verdict counts are then recomputed. Pure.
 *
 * <p>Figures stay null (unknown) wherever the history cannot tell: first scan, a gap, offsets going backwards (a
 * restarted store or re-created topic), a partition not measured now.
 */
public final class HistoryEnricher {

    private final DynamicsCalculator calculator;

    public HistoryEnricher(HistorySettings settings) {
        this.calculator = new DynamicsCalculator(settings);
    }

    /**
     * @param result  the scan's full result
     * @param history snapshots oldest first, ending with this scan's own
     */
    public ScanResult enrich(ScanResult result, List<ScanSnapshot> history) {
        Instant now = result.scannedAt();
        if (!isOldestFirst(history)) {
            history = history.stream().sorted(Comparator.comparing(ScanSnapshot::time)).toList();
        }
        List<TopicSummary> topics = new ArrayList<>(result.topics().size());
        for (TopicSummary topic : result.topics()) {
            topics.add(enrich(topic, history, now));
        }
        return result.toBuilder().topics(topics).verdictCounts(ScanResult.countVerdicts(topics)).build();
    }

    /** The result with one more problem line; figures untouched. */
    public static ScanResult withProblem(ScanResult result, String problem) {
        List<String> problems = new ArrayList<>(result.problems());
        problems.add(problem);
        return result.toBuilder().problems(problems).build();
    }

    private TopicSummary enrich(TopicSummary topic, List<ScanSnapshot> history, Instant now) {
        if (topic.unknownPartitions() > 0 || topic.verdict() == Verdict.UNKNOWN) {
            return topic;
        }
        TopicHistory topicHistory = TopicHistory.of(history, topic.topic());
        List<OffsetHistory> endHistories = new ArrayList<>(topic.partitions());
        for (int p = 0; p < topic.partitions(); p++) {
            endHistories.add(calculator.history(topicHistory.times(), topicHistory.endOffsets(p)));
        }
        Double ingest = ingestRate(endHistories);
        if (topic.consumers() == null || topic.consumers().isEmpty()) {
            return withConsumers(topic, ingest, topic.consumers(), topic.verdict());
        }
        Long retentionMs = topic.retentionMs() == null || topic.retentionMs() <= 0 ? null : topic.retentionMs();
        long[][][] positionsByConsumer = topicHistory.positions(topic.partitions(), keysOf(topic.consumers()));
        List<ConsumerSummary> consumers = new ArrayList<>(topic.consumers().size());
        for (int c = 0; c < topic.consumers().size(); c++) {
            ConsumerSummary consumer = topic.consumers().get(c);
            if (consumer.verdict() == Verdict.UNKNOWN) {
                consumers.add(consumer);
                continue;
            }
            List<OffsetHistory> positions = new ArrayList<>(topic.partitions());
            for (long[] series : positionsByConsumer[c]) {
                positions.add(calculator.history(topicHistory.times(), series));
            }
            consumers.add(withDynamics(consumer, calculator.evaluate(endHistories, positions, now, retentionMs)));
        }
        List<ConsumerSummary> sorted = consumers.stream().sorted(LagEvaluator.SEVERITY).toList();
        return withConsumers(topic, ingest, sorted, Verdict.worst(topic.verdict(), sorted.get(0).verdict()));
    }

    /**
     * One topic's entry in each snapshot (null where a snapshot does not have it), looked up once per topic rather than
     * once per consumer and partition: a scan of 2,000 topics x 50 consumers x 3 partitions over 12 snapshots would
     * otherwise look it up 3.6 million times.
     */
    private static final class TopicHistory {

        private final Instant[] times;
        private final TopicOffsets[] offsets;

        private TopicHistory(Instant[] times, TopicOffsets[] offsets) {
            this.times = times;
            this.offsets = offsets;
        }

        /** The snapshots' times, oldest first; shared by every series of the topic, never changed. */
        Instant[] times() {
            return times;
        }

        static TopicHistory of(List<ScanSnapshot> history, String topic) {
            Instant[] times = new Instant[history.size()];
            TopicOffsets[] offsets = new TopicOffsets[history.size()];
            for (int i = 0; i < times.length; i++) {
                times[i] = history.get(i).time();
                offsets[i] = history.get(i).topics().get(topic);
            }
            return new TopicHistory(times, offsets);
        }

        /** A partition's end offset in each snapshot, or UNKNOWN. */
        long[] endOffsets(int partition) {
            long[] ends = new long[offsets.length];
            for (int i = 0; i < ends.length; i++) {
                ends[i] = has(i, partition) ? offsets[i].endOffset(partition) : TopicOffsets.UNKNOWN;
            }
            return ends;
        }

        /**
         * Each consumer's positions: per partition, in each snapshot, or UNKNOWN. A snapshot stored before kinds were
         * recorded gives a consumer its position under its bare name, unless two consumers of the topic share that
         * name (it cannot tell them apart). Each snapshot's entry is read in one pass.
         *
         * @param keys the topic's consumers, in the order of the result
         */
        long[][][] positions(int partitions, List<ConsumerKey> keys) {
            Map<ConsumerKey, Integer> indexOf = new HashMap<>();
            for (int c = 0; c < keys.size(); c++) {
                indexOf.put(keys.get(c), c);
            }
            Map<ConsumerKey, Integer> unrecordedIndexOf = null; // made once a snapshot holds a bare name
            long[][][] series = new long[keys.size()][partitions][offsets.length];
            for (long[][] byPartition : series) {
                for (long[] bySnapshot : byPartition) {
                    Arrays.fill(bySnapshot, TopicOffsets.UNKNOWN);
                }
            }
            for (int i = 0; i < offsets.length; i++) {
                TopicOffsets snapshot = offsets[i];
                int known = snapshot == null ? 0 : Math.min(partitions, snapshot.partitions());
                for (int k = 0; snapshot != null && k < snapshot.consumerCount(); k++) {
                    ConsumerKey consumer = snapshot.consumer(k);
                    boolean unrecorded = consumer.kind() == ConsumerKey.Kind.UNRECORDED;
                    if (unrecorded && unrecordedIndexOf == null) {
                        unrecordedIndexOf = byBareName(keys);
                    }
                    Integer c = (unrecorded ? unrecordedIndexOf : indexOf).get(consumer);
                    for (int p = 0; c != null && p < known; p++) {
                        // Kinds sort before UNRECORDED: a recorded position is never replaced by a bare name's.
                        if (!unrecorded || series[c][p][i] == TopicOffsets.UNKNOWN) {
                            series[c][p][i] = snapshot.position(k, p);
                        }
                    }
                }
            }
            return series;
        }

        /** Each consumer's index under its bare name, leaving out names two consumers of the topic share. */
        private static Map<ConsumerKey, Integer> byBareName(List<ConsumerKey> keys) {
            Map<ConsumerKey, Integer> indexOf = new HashMap<>();
            Set<String> shared = new HashSet<>();
            for (int c = 0; c < keys.size(); c++) {
                if (indexOf.put(ConsumerKey.unrecorded(keys.get(c).name()), c) != null) {
                    shared.add(keys.get(c).name());
                }
            }
            shared.forEach(name -> indexOf.remove(ConsumerKey.unrecorded(name)));
            return indexOf;
        }

        private boolean has(int snapshot, int partition) {
            return offsets[snapshot] != null && partition < offsets[snapshot].partitions();
        }
    }

    private static boolean isOldestFirst(List<ScanSnapshot> history) {
        for (int i = 1; i < history.size(); i++) {
            if (history.get(i).time().isBefore(history.get(i - 1).time())) {
                return false;
            }
        }
        return true;
    }

    private static List<ConsumerKey> keysOf(List<ConsumerSummary> consumers) {
        List<ConsumerKey> keys = new ArrayList<>(consumers.size());
        for (ConsumerSummary consumer : consumers) {
            keys.add(ScanSnapshots.keyOf(consumer.source(), consumer.consumer()));
        }
        return keys;
    }

    private static Double ingestRate(List<OffsetHistory> ends) {
        double sum = 0;
        for (OffsetHistory end : ends) {
            OptionalDouble rate = end.ratePerSecond();
            if (rate.isEmpty()) {
                return null;
            }
            sum += rate.getAsDouble();
        }
        return ends.isEmpty() ? null : sum;
    }

    private static ConsumerSummary withDynamics(ConsumerSummary c, ConsumerDynamics d) {
        if (d.consumeRatePerSec() == null) {
            return c;
        }
        Verdict verdict = d.trend().map(trend -> Verdict.worst(c.verdict(), trend)).orElse(c.verdict());
        Long oldestUnreadAgeMs = d.timeLagSeconds() == null ? null : Math.round(d.timeLagSeconds() * 1000);
        Boolean drainsNever = d.drainsNever() ? Boolean.TRUE : d.timeToDrainSeconds() != null ? Boolean.FALSE : null;
        return c.withDynamics(verdict, d.consumeRatePerSec(), d.timeLagSeconds(), d.timeToDrainSeconds(),
                oldestUnreadAgeMs, drainsNever);
    }

    private static TopicSummary withConsumers(TopicSummary t, Double ingest, List<ConsumerSummary> consumers,
                                              Verdict verdict) {
        return t.withIngestRate(ingest).withConsumers(verdict, consumers);
    }
}
