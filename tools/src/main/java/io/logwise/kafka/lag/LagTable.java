package io.logwise.kafka.lag;

import io.logwise.kafka.scan.ConsumerSummary;
import io.logwise.kafka.scan.ScanResult;
import io.logwise.kafka.scan.TopicSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A scan result as a plain-text table for people: one row per topic and consumer, then the actions the verdicts call
 * for ({@link ActionPlanner}, computed here only) and the problems.
 */
public final class LagTable {

    private static final String BATCH = "BATCH";
    private static final List<String> HEADER = List.of("TOPIC", "PARTITIONS", "MAX LAG/P", "TOPIC VERDICT",
            "RATE IN/S", "CONSUMER", BATCH, "LAG", "MAX PARTITION LAG", "OVER MAX", "NO COMMIT", "LOST", "RATE OUT/S",
            "TIME LAG", "DRAIN", "VERDICT");

    private LagTable() {
    }

    public static String render(ScanResult result) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        Map<String, String> noCommitReasons = new TreeMap<>();
        for (TopicSummary topic : result.topics()) {
            String partitions = topic.unknownPartitions() == 0 ? Integer.toString(topic.partitions())
                    : topic.partitions() + " (" + topic.unknownPartitions() + " unknown)";
            List<String> head = List.of(topic.topic(), partitions, Long.toString(topic.maxLagPerPartition()),
                    topic.verdict().name(), rate(topic.ingestRatePerSec()));
            List<ConsumerSummary> consumers = consumersOf(topic);
            if (consumers.isEmpty()) {
                rows.add(concat(head, List.of("-", "", "", "", "", "", "", "", "", "", "")));
            }
            boolean first = true;
            for (ConsumerSummary consumer : consumers) {
                // Figures of a consumer with unmeasured partitions cover the measured ones only: say so.
                String unknownMark = topic.unknownPartitions() > 0 ? "+?" : "";
                rows.add(concat(first ? head : List.of("", "", "", "", ""), List.of(consumer.consumer(),
                        batch(consumer), consumer.lag() + unknownMark, consumer.maxPartitionLag() + unknownMark,
                        Integer.toString(consumer.laggingPartitions()), Integer.toString(consumer.noCommitPartitions()),
                        Long.toString(consumer.lostRecords()), rate(consumer.consumeRatePerSec()),
                        duration(consumer.timeLagSeconds()), drain(consumer), consumer.verdict().name())));
                first = false;
                if (consumer.noCommitReason() != null) {
                    noCommitReasons.put(consumer.consumer(), consumer.noCommitReason());
                }
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("Lag scan ").append(result.scannedAt()).append(": ").append(result.topicCount()).append(" topics, ")
                .append(result.partitionCount()).append(" partitions, ").append(result.durationMs()).append(" ms")
                .append(result.partial() ? ", PARTIAL (some partitions or consumers not measured)" : "")
                .append(result.narrowed() ? ", narrowed by request" : "").append('\n');
        boolean checkpoints = result.topics().stream().map(LagTable::consumersOf).flatMap(List::stream)
                .anyMatch(consumer -> LagEvaluator.CHECKPOINT_SOURCE.equals(consumer.source()));
        out.append(format(checkpoints ? rows : withoutColumn(rows, HEADER.indexOf(BATCH))));
        if (result.omittedTopics() != null) {
            out.append(result.omittedTopics()).append(" more topics not shown\n");
        }
        if (!noCommitReasons.isEmpty()) {
            out.append("\nSpark checkpoints without a position:\n");
            noCommitReasons.forEach((consumer, reason) -> out.append("  ").append(consumer).append(": ")
                    .append(reason).append('\n'));
        }
        List<Action> actions = ActionPlanner.actionsFor(result);
        if (!actions.isEmpty()) {
            out.append("\nActions:\n");
            for (Action action : actions) {
                out.append("  ").append(action.kind()).append(' ').append(action.topic()).append(": ")
                        .append(action.reason()).append('\n');
            }
        }
        if (!result.problems().isEmpty()) {
            out.append("\nProblems:\n");
            result.problems().forEach(problem -> out.append("  ").append(problem).append('\n'));
        }
        return out.toString();
    }

    private static List<ConsumerSummary> consumersOf(TopicSummary topic) {
        return topic.consumers() != null ? topic.consumers()
                : topic.worst() != null ? List.of(topic.worst()) : List.of();
    }

    /** The BATCH column only tells something when a Spark checkpoint is among the consumers. */
    private static List<List<String>> withoutColumn(List<List<String>> rows, int column) {
        List<List<String>> result = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            List<String> copy = new ArrayList<>(row);
            copy.remove(column);
            result.add(copy);
        }
        return result;
    }

    /**
     * A Spark checkpoint's newest committed batch ({@code -} before the first) and a newer planned one, e.g.
     * {@code 12 (13 planned)}; empty for a Kafka group.
     */
    private static String batch(ConsumerSummary consumer) {
        if (!LagEvaluator.CHECKPOINT_SOURCE.equals(consumer.source())) {
            return "";
        }
        String committed = consumer.committedBatchId() == null ? "-" : consumer.committedBatchId().toString();
        return consumer.plannedBatchId() == null ? committed
                : committed + " (" + consumer.plannedBatchId() + " planned)";
    }

    /** Rates and times the scan history could not tell are shown as {@code unknown}, never as 0. */
    private static String rate(Double perSecond) {
        return perSecond == null ? "unknown" : String.format(java.util.Locale.ROOT, "%.1f", perSecond);
    }

    private static String duration(Double seconds) {
        if (seconds == null) {
            return "unknown";
        }
        long s = Math.round(seconds);
        if (s < 120) {
            return s + "s";
        }
        return s < 7200 ? (s / 60) + "m" + (s % 60) + "s" : (s / 3600) + "h" + (s % 3600 / 60) + "m";
    }

    private static String drain(ConsumerSummary consumer) {
        return Boolean.TRUE.equals(consumer.drainsNever()) ? "never" : duration(consumer.timeToDrainSeconds());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> row = new ArrayList<>(a);
        row.addAll(b);
        return row;
    }

    /** Rows as left-aligned columns two spaces apart; the first row sets the column count. */
    static String format(List<List<String>> rows) {
        int[] widths = new int[rows.get(0).size()];
        rows.forEach(row -> {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        });
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(String.format("%-" + widths[i] + "s", row.get(i)));
                if (i < row.size() - 1) {
                    line.append("  ");
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
