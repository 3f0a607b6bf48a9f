package io.logwise.kafka.lag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link PartitionView} as a plain-text table for people: one row per topic, consumer and partition (offsets and
 * counts with thousands separators, {@code -} for no position, {@code ?} for a log that was not read), then the Spark
 * checkpoints' batches and the problems.
 */
public final class PartitionTable {

    private static final List<String> HEADER = List.of("TOPIC", "CONSUMER", "KIND", "PARTITION", "POSITION",
            "LOG START", "LOG END", "LAG", "NOTE");

    private PartitionTable() {
    }

    public static String render(PartitionView view) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        Map<String, String> checkpoints = new LinkedHashMap<>();
        long topics = view.partitions().stream().map(PartitionView.Row::topic).distinct().count();
        for (PartitionView.Row row : view.partitions()) {
            boolean measured = row.logEnd() != null;
            rows.add(List.of(row.topic(), row.consumer() == null ? "-" : row.consumer(), kind(row.source()),
                    row.partition() == null ? "-" : row.partition().toString(),
                    row.consumer() == null ? "" : count(row.position(), "-"),
                    count(row.logStart(), measured || row.partition() == null ? "" : "?"),
                    count(row.logEnd(), row.partition() == null ? "" : "?"),
                    row.consumer() == null ? "" : count(row.lag(), measured ? "-" : "?"),
                    row.note() == null ? "" : row.note()));
            if (LagEvaluator.CHECKPOINT_SOURCE.equals(row.source())) {
                checkpoints.putIfAbsent(row.consumer(), batches(row));
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("Partition positions ").append(view.scannedAt()).append(": ").append(topics)
                .append(topics == 1 ? " topic" : " topics").append(", NO_COMMIT_POLICY=").append(view.noCommitPolicy())
                .append(view.partial() ? ", PARTIAL (some partitions or consumers not measured)" : "")
                .append(view.narrowed() ? ", narrowed by request" : "").append('\n');
        out.append(LagTable.format(rows));
        if (!checkpoints.isEmpty()) {
            out.append("\nSpark checkpoints:\n");
            checkpoints.forEach((consumer, batches) -> out.append("  ").append(consumer).append(": ").append(batches)
                    .append('\n'));
        }
        if (!view.problems().isEmpty()) {
            out.append("\nProblems:\n");
            view.problems().forEach(problem -> out.append("  ").append(problem).append('\n'));
        }
        return out.toString();
    }

    /** {@code group} or {@code spark}; empty for a partition no consumer is reported on. */
    private static String kind(String source) {
        if (source == null) {
            return "";
        }
        return LagEvaluator.CHECKPOINT_SOURCE.equals(source) ? "spark" : source;
    }

    /** E.g. {@code batch 12 committed (13 planned)}, {@code no batch committed; no position: the query started}. */
    private static String batches(PartitionView.Row row) {
        String text = row.committedBatchId() == null ? "no batch committed"
                : "batch " + row.committedBatchId() + " committed";
        if (row.plannedBatchId() != null) {
            text += " (" + row.plannedBatchId() + " planned)";
        }
        return row.noCommitReason() == null ? text : text + "; no position: " + row.noCommitReason();
    }

    /** A count as people read it: 1,234,567; {@code absent} when unknown. */
    static String count(Long value, String absent) {
        return value == null ? absent : String.format(Locale.ROOT, "%,d", value);
    }
}
