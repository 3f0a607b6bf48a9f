package io.logwise.kafka.lag;

import io.logwise.kafka.scan.Action;
import io.logwise.kafka.scan.ConsumerSummary;
import io.logwise.kafka.scan.ScanResult;
import io.logwise.kafka.scan.TopicSummary;
import io.logwise.kafka.scan.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Joins what the brokers and the lag sources said into one summary per topic. Pure. */
public final class ScanAssembler {

    private final LagScannerSettings settings;
    private final LagEvaluator evaluator;

    public ScanAssembler(LagScannerSettings settings) {
        this.settings = settings;
        this.evaluator = new LagEvaluator(settings.noCommitPolicy());
    }

    /**
     * A consumer is reported on a topic when it has committed offsets there or is expected to read it. Whether
     * nobody reads a topic is only concluded when every consumer that might read it was readable.
     */
    public List<TopicSummary> summarize(List<TopicLog> logs, PositionsReading positions) {
        List<TopicSummary> result = new ArrayList<>(logs.size());
        for (TopicLog log : logs) {
            Set<String> expected = settings.expectedConsumersOf(log.topic());
            long maxLag = settings.maxLagFor(log.topic());
            List<ConsumerSummary> consumers = new ArrayList<>();
            boolean expectedUnreadable = false;
            for (ConsumerPositions consumer : positions.consumers()) {
                if (consumer instanceof ConsumerPositions.Read read) {
                    if (log.described() && (read.hasCommitsOn(log.topic()) || expected.contains(read.consumer()))) {
                        consumers.add(evaluator.evaluate(read.consumer(), read.source(),
                                LagEvaluator.offsets(log, read), maxLag));
                    }
                } else if (expected.contains(consumer.consumer())) {
                    expectedUnreadable = true;
                }
            }
            boolean consumersKnown = !expectedUnreadable && (!consumers.isEmpty() || positions.complete());
            result.add(evaluator.evaluateTopic(log, consumers, maxLag, consumersKnown));
        }
        return result;
    }

    /**
     * The complete scan result: every topic with every consumer, the verdict counts and the actions. Partial when a
     * topic, a partition or a consumer could not be read.
     */
    public ScanResult result(String scanId, Instant scannedAt, long durationMs, List<TopicLog> logs,
                             PositionsReading positions, List<String> requestProblems, boolean narrowed) {
        List<TopicSummary> summaries = summarize(logs, positions);
        List<String> problems = new ArrayList<>(requestProblems);
        problems.addAll(problems(logs));
        problems.addAll(positions.problems());
        boolean partial = !positions.complete()
                || positions.consumers().stream().anyMatch(ConsumerPositions.Unreadable.class::isInstance)
                || logs.stream().anyMatch(log -> !log.described() || log.unreadablePartitions() > 0);
        List<Action> actions = summaries.stream().flatMap(t -> ActionPlanner.actionsFor(t).stream()).toList();
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        summaries.forEach(t -> counts.merge(t.verdict(), 1, Integer::sum));
        return new ScanResult(scanId, scannedAt, durationMs, partial, settings.prefix().value(), summaries.size(),
                summaries.stream().mapToInt(TopicSummary::partitions).sum(), summaries, problems, narrowed, counts,
                null, actions);
    }

    /** One line per topic with unmeasured partitions or no description, grouped by reason. */
    public static List<String> problems(List<TopicLog> logs) {
        List<String> problems = new ArrayList<>();
        for (TopicLog log : logs) {
            if (!log.described()) {
                problems.add(log.topic() + ": not described: " + log.problem());
                continue;
            }
            Map<String, List<Integer>> byReason = new LinkedHashMap<>();
            for (int p = 0; p < log.partitions().size(); p++) {
                if (log.partitions().get(p) instanceof PartitionLog.Unreadable unreadable) {
                    byReason.computeIfAbsent(unreadable.reason(), r -> new ArrayList<>()).add(p);
                }
            }
            byReason.forEach((reason, partitions) -> problems.add(log.topic() + ": partition"
                    + (partitions.size() == 1 ? " " : "s ")
                    + partitions.stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + " not measured (UNKNOWN): " + reason));
        }
        return problems;
    }
}
