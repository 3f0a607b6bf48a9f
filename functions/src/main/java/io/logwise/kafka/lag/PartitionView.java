package io.logwise.kafka.lag;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.logwise.kafka.scan.ConsumerSummary;
import io.logwise.kafka.scan.ScanResult;
import io.logwise.kafka.scan.TopicSummary;
import io.logwise.kafka.scan.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every consumer's position on every partition of one scan, beside the scan's summary: what {@code scripts/lag
 * --partitions} prints. The consumers on each topic are exactly those the summary reports there (Kafka groups and
 * Spark checkpoints alike), and the figures are the ones the summary adds up: per consumer and topic, the partitions'
 * {@code lag} sum to the summary's {@code lag}, their {@code lostRecords} to its {@code lostRecords}, and the rows
 * without a position number its {@code noCommitPartitions}. Never part of the function's result, which stays a
 * bounded summary.
 *
 * @param scannedAt      when the offsets were read
 * @param prefix         the managed prefix the scan covered
 * @param partial        true when some partitions or consumers could not be measured
 * @param narrowed       true when the request named topics or groups
 * @param noCommitPolicy {@code earliest} or {@code ignore}: how a partition without a position counts in {@code lag}
 * @param partitions     one row per topic, consumer and partition, sorted by topic, consumer, source and partition
 * @param problems       what could not be measured, as in the scan result
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PartitionView(Instant scannedAt, String prefix, boolean partial, boolean narrowed,
                            String noCommitPolicy, List<Row> partitions, List<String> problems) {

    public PartitionView {
        partitions = List.copyOf(partitions);
        problems = List.copyOf(problems);
    }

    /**
     * One consumer on one partition. A topic no consumer is reported on has one row per partition without a consumer;
     * a topic that could not be described has one row without a partition. Absent (null) figures are unknown or do
     * not apply, never 0.
     *
     * @param consumer         the group id or the Spark checkpoint source's name; null when no consumer is reported
     * @param source           {@code group} or {@code spark-checkpoint}, as in the scan result
     * @param committedBatchId a Spark checkpoint's newest committed batch (whose end offsets are its positions)
     * @param plannedBatchId   a Spark checkpoint's newer batch, planned but not committed
     * @param noCommitReason   why a Spark checkpoint has no position yet
     * @param partition        the partition number; null when the topic could not be described
     * @param position         the next offset the consumer reads: a group's committed offset or the end offset of
     *                         the checkpoint's newest committed batch; null when it has none on this partition
     * @param logStart         the log start offset (older records were deleted); null when the log was not read
     * @param logEnd           the log end offset (high watermark); null when the log was not read
     * @param lag              logEnd - position, as ConsumerGroupCommand prints it (0 when the position is past the
     *                         end); without a position logEnd - logStart under NO_COMMIT_POLICY=earliest and null
     *                         under ignore; null when the log was not read or no consumer is reported
     * @param lostRecords      logStart - position when the position is below the log start (records deleted before
     *                         they were read), else 0; null without a position or a measured log
     * @param note             what a person should notice: {@code below log start: N lost}, {@code no commit: ...},
     *                         {@code past log end}, {@code log not measured: ...}, {@code no consumer}; else null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Row(String topic, String consumer, String source, Long committedBatchId, Long plannedBatchId,
                      String noCommitReason, Integer partition, Long position, Long logStart, Long logEnd, Long lag,
                      Long lostRecords, String note) {
    }

    private static final Comparator<ConsumerSummary> BY_NAME = Comparator.comparing(ConsumerSummary::consumer)
            .thenComparing(ConsumerSummary::source);

    /**
     * The partitions of a scan.
     *
     * @param summary   the scan's complete result (as {@link ScanAssembler#result} makes it, not compacted): it says
     *                  which consumers are reported on which topic
     * @param logs      the topics' log ranges the summary was computed from
     * @param positions the consumers' positions the summary was computed from
     */
    public static PartitionView of(ScanResult summary, List<TopicLog> logs, PositionsReading positions,
                                   NoCommitPolicy policy) {
        Map<String, TopicLog> logsByTopic = new HashMap<>();
        logs.forEach(log -> logsByTopic.put(log.topic(), log));
        List<Row> rows = new ArrayList<>();
        summary.topics().stream().sorted(Comparator.comparing(TopicSummary::topic)).forEach(topic -> {
            TopicLog log = logsByTopic.get(topic.topic());
            if (log == null || !log.described()) {
                rows.add(new Row(topic.topic(), null, null, null, null, null, null, null, null, null, null, null,
                        "topic not described" + (log == null ? "" : ": " + log.problem())));
                return;
            }
            List<ConsumerSummary> consumers = topic.consumers() == null ? List.of()
                    : topic.consumers().stream().sorted(BY_NAME).toList();
            if (consumers.isEmpty()) {
                String note = topic.verdict() == Verdict.NO_CONSUMER ? "no consumer" : "no consumer measured";
                for (int p = 0; p < log.partitions().size(); p++) {
                    PartitionLog partition = log.partitions().get(p);
                    rows.add(partition instanceof PartitionLog.Range range
                            ? new Row(topic.topic(), null, null, null, null, null, p, null, range.start(),
                            range.end(), null, null, note)
                            : new Row(topic.topic(), null, null, null, null, null, p, null, null, null, null, null,
                            notMeasured((PartitionLog.Unreadable) partition)));
                }
                return;
            }
            for (ConsumerSummary consumer : consumers) {
                rows.addAll(rows(log, read(positions, consumer), policy));
            }
        });
        return new PartitionView(summary.scannedAt(), summary.prefix(), summary.partial(), summary.narrowed(),
                policy.name().toLowerCase(Locale.ROOT), rows, summary.problems());
    }

    private static ConsumerPositions.Read read(PositionsReading positions, ConsumerSummary consumer) {
        for (ConsumerPositions candidate : positions.consumers()) {
            if (candidate instanceof ConsumerPositions.Read read && read.consumer().equals(consumer.consumer())
                    && read.source().equals(consumer.source())) {
                return read;
            }
        }
        throw new IllegalStateException("the scan reports " + consumer.source() + " " + consumer.consumer()
                + " but read no positions for it");
    }

    /** The figures follow {@link LagEvaluator#evaluate}: the same lag, lost records and partitions without commit. */
    private static List<Row> rows(TopicLog log, ConsumerPositions.Read read, NoCommitPolicy policy) {
        CheckpointProgress checkpoint = read.checkpoint();
        Long committedBatch = checkpoint == null ? null : checkpoint.committedBatchId();
        Long plannedBatch = checkpoint == null ? null : checkpoint.plannedBatchId();
        String noCommitReason = checkpoint == null ? null : checkpoint.noCommitReason();
        List<Row> rows = new ArrayList<>(log.partitions().size());
        for (int p = 0; p < log.partitions().size(); p++) {
            Long position = read.committed(log.topic(), p).orElse(null);
            PartitionLog partition = log.partitions().get(p);
            Long lag = null;
            Long lost = null;
            String note;
            Long start = null;
            Long end = null;
            if (partition instanceof PartitionLog.Range range) {
                start = range.start();
                end = range.end();
                if (position != null) {
                    lag = Math.max(0, range.end() - position);
                    lost = Math.max(0, range.start() - position);
                    note = lost > 0 ? "below log start: " + String.format(Locale.ROOT, "%,d", lost) + " lost"
                            : position > range.end() ? "past log end" : null;
                } else if (policy == NoCommitPolicy.EARLIEST) {
                    lag = range.end() - range.start();
                    note = "no commit: lag counted from log start";
                } else {
                    note = "no commit: not counted (NO_COMMIT_POLICY=ignore)";
                }
            } else {
                note = notMeasured((PartitionLog.Unreadable) partition);
            }
            rows.add(new Row(log.topic(), read.consumer(), read.source(), committedBatch, plannedBatch,
                    position == null ? noCommitReason : null, p, position, start, end, lag, lost, note));
        }
        return rows;
    }

    private static String notMeasured(PartitionLog.Unreadable partition) {
        return "log not measured: " + partition.reason();
    }
}
