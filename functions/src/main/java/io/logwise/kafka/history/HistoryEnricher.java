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
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

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
            endHistories.add(calculator.history(samples(topicHistory, p)));
        }
        Double ingest = ingestRate(endHistories);
        if (topic.consumers() == null || topic.consumers().isEmpty()) {
            return withConsumers(topic, ingest, topic.consumers(), topic.verdict());
        }
        Long retentionMs = topic.retentionMs() == null || topic.retentionMs() <= 0 ? null : topic.retentionMs();
        Set<String> sharedNames = sharedNames(topic.consumers());
        List<ConsumerSummary> consumers = new ArrayList<>(topic.consumers().size());
        for (ConsumerSummary consumer : topic.consumers()) {
            if (consumer.verdict() == Verdict.UNKNOWN) {
                consumers.add(consumer);
                continue;
            }
            ConsumerKey key = ScanSnapshots.keyOf(consumer.source(), consumer.consumer());
            // A snapshot stored without kinds cannot tell two consumers of the same name apart: it is not used.
            ConsumerKey unrecorded = sharedNames.contains(consumer.consumer()) ? null
                    : ConsumerKey.unrecorded(consumer.consumer());
            List<List<Sample>> positions = new ArrayList<>(topic.partitions());
            for (int p = 0; p < topic.partitions(); p++) {
                positions.add(positions(topicHistory, p, key, unrecorded));
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
    private record TopicHistory(List<Instant> times, List<TopicOffsets> offsets) {

        static TopicHistory of(List<ScanSnapshot> history, String topic) {
            List<Instant> times = new ArrayList<>(history.size());
            List<TopicOffsets> offsets = new ArrayList<>(history.size());
            for (ScanSnapshot snapshot : history) {
                times.add(snapshot.time());
                offsets.add(snapshot.topics().get(topic));
            }
            return new TopicHistory(times, offsets);
        }
    }

    /** A partition's end offsets, where known. */
    private static List<Sample> samples(TopicHistory history, int partition) {
        return samples(history, partition, offsets -> offsets.endOffset(partition));
    }

    /**
     * A consumer's positions on a partition, where known; from a snapshot stored before kinds were recorded, its
     * position under {@code unrecorded} (null: not used).
     */
    private static List<Sample> positions(TopicHistory history, int partition, ConsumerKey key,
                                          ConsumerKey unrecorded) {
        return samples(history, partition, offsets -> {
            long position = offsets.position(key, partition);
            return position == TopicOffsets.UNKNOWN && unrecorded != null ? offsets.position(unrecorded, partition)
                    : position;
        });
    }

    private static List<Sample> samples(TopicHistory history, int partition, ToLongFunction<TopicOffsets> offsetOf) {
        List<Sample> samples = new ArrayList<>(history.offsets().size());
        for (int i = 0; i < history.offsets().size(); i++) {
            TopicOffsets offsets = history.offsets().get(i);
            if (offsets == null || partition >= offsets.partitions()) {
                continue;
            }
            long offset = offsetOf.applyAsLong(offsets);
            if (offset != TopicOffsets.UNKNOWN) {
                samples.add(new Sample(history.times().get(i), offset));
            }
        }
        return samples;
    }

    /** Names that more than one consumer on the topic has (a Kafka group and a Spark checkpoint source). */
    private static Set<String> sharedNames(List<ConsumerSummary> consumers) {
        return consumers.stream().collect(Collectors.groupingBy(ConsumerSummary::consumer, Collectors.counting()))
                .entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).collect(Collectors.toSet());
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
