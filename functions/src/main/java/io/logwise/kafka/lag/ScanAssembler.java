package io.logwise.kafka.lag;

import io.logwise.kafka.scan.ConsumerSummary;
import io.logwise.kafka.scan.ScanResult;
import io.logwise.kafka.scan.TopicSummary;
import io.logwise.kafka.scan.Verdict;
import java.time.Instant;
import java.util.ArrayList;
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
     * A consumer is reported on a topic when it has committed offsets there, is expected to read it or (a Spark
     * source) is configured to read it. Whether nobody reads a topic is only concluded when every consumer that might
     * read it was readable. Expected consumers are matched against Spark checkpoint sources by name first: a Kafka
     * group of the same name is then reported only where it really committed, never as a second, empty row.
     */
    public List<TopicSummary> summarize(List<TopicLog> logs, PositionsReading positions) {
        Set<String> checkpointNames = positions.consumers().stream()
                .filter(consumer -> LagEvaluator.CHECKPOINT_SOURCE.equals(consumer.source()))
                .map(ConsumerPositions::consumer).collect(Collectors.toSet());
        List<TopicSummary> result = new ArrayList<>(logs.size());
        for (TopicLog log : logs) {
            Set<String> expected = settings.expectedConsumersOf(log.topic());
            long maxLag = settings.maxLagFor(log.topic());
            List<ConsumerSummary> consumers = new ArrayList<>();
            boolean expectedUnreadable = false;
            for (ConsumerPositions consumer : positions.consumers()) {
                boolean shadowed = LagEvaluator.GROUP_SOURCE.equals(consumer.source())
                        && checkpointNames.contains(consumer.consumer());
                boolean wanted = expected.contains(consumer.consumer()) && !shadowed;
                if (consumer instanceof ConsumerPositions.Read read) {
                    if (log.described() && (read.hasCommitsOn(log.topic()) || wanted
                            || read.configuredFor(log.topic()))) {
                        consumers.add(summary(log, read, maxLag));
                    }
                } else if (wanted) {
                    expectedUnreadable = true;
                }
            }
            boolean consumersKnown = !expectedUnreadable && (!consumers.isEmpty() || positions.complete());
            result.add(evaluator.evaluateTopic(log, consumers, maxLag, consumersKnown));
        }
        return result;
    }

    /** A Spark query without a position yet is NO_COMMIT (it exists and has not committed), not NO_CONSUMER. */
    private ConsumerSummary summary(TopicLog log, ConsumerPositions.Read read, long maxLag) {
        ConsumerSummary summary = evaluator.evaluate(read.consumer(), read.source(), LagEvaluator.offsets(log, read),
                maxLag);
        CheckpointProgress checkpoint = read.checkpoint();
        if (checkpoint == null) {
            return summary;
        }
        Verdict verdict = checkpoint.noCommitReason() != null && summary.verdict() == Verdict.NO_CONSUMER
                ? Verdict.NO_COMMIT : summary.verdict();
        return summary.withCheckpoint(verdict, checkpoint.committedBatchId(), checkpoint.plannedBatchId(),
                checkpoint.noCommitReason());
    }

    /**
     * The complete scan result: every topic with every consumer and the verdict counts. Partial when a
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
        return ScanResult.builder(scanId, scannedAt).durationMs(durationMs).partial(partial)
                .prefix(settings.prefix().value()).topics(summaries).problems(problems).narrowed(narrowed)
                .verdictCounts(ScanResult.countVerdicts(summaries)).build();
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
