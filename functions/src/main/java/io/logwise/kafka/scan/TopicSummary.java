package io.logwise.kafka.scan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One managed topic in a scan: what the partition scaler and the retention updater decide from.
 *
 * @param partitions         partition count seen by this scan
 * @param unknownPartitions  partitions whose offsets could not be read (verdict UNKNOWN when > 0)
 * @param retentionMs        the topic's effective retention.ms at scan time (null if not read)
 * @param maxLagPerPartition the threshold this scan judged the topic by: a partition lagging above it is counted in
 *                           its consumer's {@code laggingPartitions} (verdict LAGGING)
 * @param worst              the consumer with the most severe verdict (ties: largest lag); null when no consumer
 * @param consumers          every consumer's summary, or only the non-OK ones when the result must stay small
 * @param omittedConsumers   consumers left out of {@code consumers} to keep the result under the event size limit
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TopicSummary(
        String topic,
        int partitions,
        int unknownPartitions,
        Verdict verdict,
        Long retentionMs,
        long maxLagPerPartition,
        Double ingestRatePerSec,
        ConsumerSummary worst,
        List<ConsumerSummary> consumers,
        Integer omittedConsumers) {

    public boolean measuredCompletely() {
        return unknownPartitions == 0 && verdict != Verdict.UNKNOWN;
    }

    /** This topic with its consumers judged again ({@code sorted} most severe first) and the given verdict. */
    public TopicSummary withConsumers(Verdict newVerdict, List<ConsumerSummary> sorted) {
        ConsumerSummary newWorst = sorted == null || sorted.isEmpty() ? worst : sorted.get(0);
        return new TopicSummary(topic, partitions, unknownPartitions, newVerdict, retentionMs, maxLagPerPartition,
                ingestRatePerSec, newWorst, sorted, omittedConsumers);
    }

    public TopicSummary withIngestRate(Double ratePerSec) {
        return new TopicSummary(topic, partitions, unknownPartitions, verdict, retentionMs, maxLagPerPartition,
                ratePerSec, worst, consumers, omittedConsumers);
    }

    /** This topic listing only {@code shown} of its consumers, and how many it leaves out (null: none). */
    public TopicSummary withShownConsumers(List<ConsumerSummary> shown, Integer omitted) {
        return new TopicSummary(topic, partitions, unknownPartitions, verdict, retentionMs, maxLagPerPartition,
                ingestRatePerSec, worst, shown, omitted);
    }
}
