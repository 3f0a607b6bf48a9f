package io.logwise.kafka.scaling;

import io.logwise.kafka.scan.ConsumerSummary;
import io.logwise.kafka.scan.ScanResult;
import io.logwise.kafka.scan.TopicSummary;
import io.logwise.kafka.scan.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads the lag scanner's result as the scaling policy sees it, without judging anything again: each topic keeps the
 * scanner's verdict, with the figures of its most lagging measured consumer (the one whose partitions over the
 * threshold lag most on average). A topic with partitions the scan could not read is UNKNOWN and partial, so the
 * policy never acts on figures that were not measured. Expects a result {@link
 * io.logwise.kafka.scan.ScanResults#requirePlausible checked} for figures no scanner writes.
 * A topic with a consumer that does not read the partitions added before is NEW_PARTITIONS_UNREAD, whatever its lag.
 */
public final class ScanAdapter {

    private ScanAdapter() {
    }

    public static List<TopicScan> topicsOf(ScanResult scan) {
        List<TopicScan> topics = new ArrayList<>();
        for (TopicSummary topic : scan.topics()) {
            if (topic.partitions() >= 1) {
                topics.add(toTopicScan(topic));
            }
        }
        return topics;
    }

    static TopicScan toTopicScan(TopicSummary topic) {
        if (!topic.measuredCompletely()) {
            return new TopicScan(topic.topic(), Verdict.UNKNOWN, true, topic.partitions(),
                    LagFigures.none(topic.maxLagPerPartition()), Optional.empty());
        }
        Verdict verdict = consumers(topic).stream()
                .anyMatch(c -> c.addedPartitions() != null && c.addedPartitions().unread())
                ? Verdict.NEW_PARTITIONS_UNREAD : topic.verdict();
        Optional<ConsumerSummary> lagging = mostLagging(topic);
        if (lagging.isEmpty()) {
            return new TopicScan(topic.topic(), verdict, false, topic.partitions(),
                    LagFigures.none(topic.maxLagPerPartition()), Optional.empty());
        }
        ConsumerSummary consumer = lagging.get();
        LagFigures figures = new LagFigures(Math.min(consumer.laggingPartitions(), topic.partitions()),
                consumer.avgLagOfLaggingPartitions(), consumer.maxPartitionLag(), consumer.lag(),
                topic.maxLagPerPartition());
        Optional<Rates> rates = topic.ingestRatePerSec() != null && consumer.consumeRatePerSec() != null
                ? Optional.of(new Rates(topic.ingestRatePerSec(), consumer.consumeRatePerSec()))
                : Optional.empty();
        return new TopicScan(topic.topic(), verdict, false, topic.partitions(), figures, rates);
    }

    /** The measured consumer whose lagging partitions lag most on average, among those the scanner found any on. */
    private static Optional<ConsumerSummary> mostLagging(TopicSummary topic) {
        return consumers(topic).stream()
                .filter(c -> c.laggingPartitions() > 0 && c.verdict() != Verdict.UNKNOWN)
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
