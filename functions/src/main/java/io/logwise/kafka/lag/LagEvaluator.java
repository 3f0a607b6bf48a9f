package io.logwise.kafka.lag;

import io.logwise.kafka.scan.ConsumerSummary;
import io.logwise.kafka.scan.TopicSummary;
import io.logwise.kafka.scan.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns offsets into verdicts and figures, for one consumer on one topic and for the topic. Pure: the same offsets
 * always give the same summary. Lag is log end offset minus committed offset, exactly what Kafka's
 * ConsumerGroupCommand prints in its LAG column.
 */
public final class LagEvaluator {

    public static final String GROUP_SOURCE = "group";
    public static final String CHECKPOINT_SOURCE = "spark-checkpoint";

    /** Most severe first, then the largest lag, then by name: the first one is a topic's {@code worst}. */
    public static final Comparator<ConsumerSummary> SEVERITY = Comparator
            .comparing(ConsumerSummary::verdict)
            .thenComparing(Comparator.comparingLong(ConsumerSummary::lag).reversed())
            .thenComparing(ConsumerSummary::consumer);

    private static final long[] NO_POSITIONS = new long[0];

    private final NoCommitPolicy noCommitPolicy;

    public LagEvaluator(NoCommitPolicy noCommitPolicy) {
        this.noCommitPolicy = noCommitPolicy;
    }

    /**
     * One consumer on one topic. Verdict, most severe first: UNKNOWN (a partition was not measured; figures then
     * cover the measured partitions only), DATA_LOST (committed below log start), NO_CONSUMER (no committed offset on
     * any partition: more partitions would not help), LAGGING (a partition's lag above maxLagPerPartition), NO_COMMIT
     * (some partitions without a committed offset), OK.
     */
    public ConsumerSummary evaluate(String consumer, String source, List<PartitionOffsets> partitions,
                                    long maxLagPerPartition) {
        long lag = 0;
        long maxPartitionLag = 0;
        int lagging = 0;
        long laggingSum = 0;
        int noCommit = 0;
        int withCommit = 0;
        int unknown = 0;
        long lost = 0;
        for (PartitionOffsets offsets : partitions) {
            if (!(offsets instanceof PartitionOffsets.Measured measured)) {
                unknown++;
                continue;
            }
            long partitionLag;
            if (measured.committed().isPresent()) {
                withCommit++;
                long committed = measured.committed().getAsLong();
                lost += Math.max(0, measured.start() - committed);
                // Committed offsets are read before end offsets, so a committed offset past the end only happens
                // when the log was truncated or recreated: the consumer has nothing left to read.
                partitionLag = Math.max(0, measured.end() - committed);
            } else {
                noCommit++;
                if (noCommitPolicy == NoCommitPolicy.IGNORE) {
                    continue;
                }
                partitionLag = measured.end() - measured.start();
            }
            lag += partitionLag;
            maxPartitionLag = Math.max(maxPartitionLag, partitionLag);
            if (partitionLag > maxLagPerPartition) {
                lagging++;
                laggingSum += partitionLag;
            }
        }
        Verdict verdict;
        if (unknown > 0) {
            verdict = Verdict.UNKNOWN;
        } else if (lost > 0) {
            verdict = Verdict.DATA_LOST;
        } else if (withCommit == 0 && noCommit > 0) {
            verdict = Verdict.NO_CONSUMER;
        } else if (lagging > 0) {
            verdict = Verdict.LAGGING;
        } else if (noCommit > 0) {
            verdict = Verdict.NO_COMMIT;
        } else {
            verdict = Verdict.OK;
        }
        long avgLagging = lagging == 0 ? 0 : Math.round((double) laggingSum / lagging);
        return new ConsumerSummary(consumer, source, verdict, lag, maxPartitionLag, lagging, avgLagging, noCommit,
                lost, null, null, null, null, null);
    }

    /** The evaluator's input for one consumer on one topic: the topic's log ranges joined with its positions. */
    public static List<PartitionOffsets> offsets(TopicLog log, ConsumerPositions.Read positions) {
        long[] committed = positions.committed().getOrDefault(log.topic(), NO_POSITIONS);
        List<PartitionOffsets> result = new ArrayList<>(log.partitions().size());
        for (int p = 0; p < log.partitions().size(); p++) {
            PartitionLog partition = log.partitions().get(p);
            if (partition instanceof PartitionLog.Range range) {
                long offset = p < committed.length ? committed[p] : ConsumerPositions.NO_COMMIT;
                result.add(offset == ConsumerPositions.NO_COMMIT
                        ? PartitionOffsets.Measured.noCommit(p, range.start(), range.end())
                        : PartitionOffsets.Measured.committed(p, range.start(), range.end(), offset));
            } else {
                result.add(new PartitionOffsets.Unknown(p, ((PartitionLog.Unreadable) partition).reason()));
            }
        }
        return result;
    }

    /**
     * A topic: UNKNOWN when it or a partition could not be described or measured, or when whether someone reads it
     * cannot be known ({@code consumersKnown} false); NO_CONSUMER when nobody reads it; else its worst consumer's
     * verdict.
     */
    public TopicSummary evaluateTopic(TopicLog log, List<ConsumerSummary> consumers, long maxLagPerPartition,
                                      boolean consumersKnown) {
        List<ConsumerSummary> sorted = consumers.stream().sorted(SEVERITY).toList();
        int unknownPartitions = log.unreadablePartitions();
        Verdict verdict;
        if (!log.described() || unknownPartitions > 0 || !consumersKnown) {
            verdict = Verdict.UNKNOWN;
        } else if (sorted.isEmpty()) {
            verdict = Verdict.NO_CONSUMER;
        } else {
            verdict = sorted.get(0).verdict();
        }
        return new TopicSummary(log.topic(), log.partitions().size(), unknownPartitions, verdict, log.retentionMs(),
                maxLagPerPartition, null, sorted.isEmpty() ? null : sorted.get(0), sorted.isEmpty() ? null : sorted,
                null);
    }
}
