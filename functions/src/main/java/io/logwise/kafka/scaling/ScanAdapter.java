package io.logwise.kafka.scaling;

import io.logwise.kafka.scan.ConsumerSummary;
import io.logwise.kafka.scan.TopicSummary;
import io.logwise.kafka.scan.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads the lag scanner's result as the scaling policy sees it. A topic is LAGGING when one of its consumers is
 * (the most lagging consumer's figures are used). A topic with partitions the scan could not read is UNKNOWN and
 * partial, so the policy never acts on figures that were not measured. A topic with a consumer that does not read
 * the partitions added before is NEW_PARTITIONS_UNREAD, whatever its lag.
 */
public final class ScanAdapter {

    private ScanAdapter() {
    }

    public static ScanResult toPolicyInput(io.logwise.kafka.scan.ScanResult scan) {
        List<TopicScan> topics = new ArrayList<>();
        for (TopicSummary topic : scan.topics()) {
            if (topic.partitions() < 1) {
                continue;
            }
            topics.add(toTopicScan(topic));
        }
        return new ScanResult(scan.scannedAt(), topics);
    }

    static TopicScan toTopicScan(TopicSummary topic) {
        if (!topic.measuredCompletely()) {
            return new TopicScan(topic.topic(), ScanVerdict.UNKNOWN, true, topic.partitions(),
                    LagFigures.none(topic.maxLagPerPartition()), Optional.empty());
        }
        if (consumers(topic).stream().anyMatch(c -> c.addedPartitions() != null && c.addedPartitions().unread())) {
            return new TopicScan(topic.topic(), ScanVerdict.NEW_PARTITIONS_UNREAD, false, topic.partitions(),
                    LagFigures.none(topic.maxLagPerPartition()), Optional.empty());
        }
        Optional<ConsumerSummary> lagging = mostLagging(topic);
        if (lagging.isEmpty()) {
            return new TopicScan(topic.topic(), ScanVerdict.OK, false, topic.partitions(),
                    LagFigures.none(topic.maxLagPerPartition()), Optional.empty());
        }
        ConsumerSummary consumer = lagging.get();
        LagFigures figures = new LagFigures(Math.min(consumer.laggingPartitions(), topic.partitions()),
                consumer.avgLagOfLaggingPartitions(), consumer.maxPartitionLag(), consumer.lag(),
                topic.maxLagPerPartition());
        Optional<Rates> rates = topic.ingestRatePerSec() != null && consumer.consumeRatePerSec() != null
                ? Optional.of(new Rates(topic.ingestRatePerSec(), consumer.consumeRatePerSec()))
                : Optional.empty();
        return new TopicScan(topic.topic(), ScanVerdict.LAGGING, false, topic.partitions(), figures, rates);
    }

    /** The consumer whose lagging partitions lag most on average, among those over the threshold. */
    private static Optional<ConsumerSummary> mostLagging(TopicSummary topic) {
        return consumers(topic).stream()
                .filter(c -> c.laggingPartitions() > 0 && c.avgLagOfLaggingPartitions() > topic.maxLagPerPartition())
                .filter(c -> c.verdict() != Verdict.UNKNOWN)
                .max(Comparator.comparingLong(ConsumerSummary::avgLagOfLaggingPartitions));
    }

    private static List<ConsumerSummary> consumers(TopicSummary topic) {
        List<ConsumerSummary> consumers = new ArrayList<>();
        if (topic.consumers() != null) {
            consumers.addAll(topic.consumers());
        }
        if (topic.worst() != null) {
            consumers.add(topic.worst());
        }
        return consumers;
    }
}
