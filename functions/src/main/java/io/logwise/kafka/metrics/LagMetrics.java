package io.logwise.kafka.metrics;

import io.logwise.kafka.metrics.EmfDocument.Metric;
import io.logwise.kafka.metrics.EmfDocument.Unit;
import io.logwise.kafka.scan.ConsumerSummary;
import io.logwise.kafka.scan.ScanResult;
import io.logwise.kafka.scan.TopicSummary;
import io.logwise.kafka.scan.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lag scanner's CloudWatch metrics, namespace {@code LogWise/Kafka}: per scan (no dimension) ScanDurationMs,
 * TopicsScanned, TopicsLagging, TopicsAtRisk, TopicsStalled, TopicsFallingBehind, TopicsDataLost, TopicsUnknown; per
 * topic MaxPartitionLag, PartitionsOverThreshold and IngestRate (records/s, when the scan history knows it); per
 * topic and consumer ConsumerLag, and ConsumeRate (records/s) and TimeLagSeconds when known. Nothing is emitted for
 * what was not measured: an UNKNOWN topic or consumer has no lag metric, an unknown rate no rate metric (a missing
 * point, never a 0). Each consumer series is a billed custom metric, so at most {@code maxConsumerSeries} consumer
 * documents are written per scan, the most lagged first (their metrics share the one dimension set).
 */
public final class LagMetrics {

    public static final String NAMESPACE = "LogWise/Kafka";

    private LagMetrics() {
    }

    /** @param result the full scan result (before compaction) */
    public static List<EmfDocument> documents(ScanResult result, int maxConsumerSeries) {
        List<EmfDocument> documents = new ArrayList<>();
        Map<Verdict, Integer> counts = result.verdictCounts() == null ? Map.of() : result.verdictCounts();
        documents.add(new EmfDocument(NAMESPACE, result.scannedAt(), Map.of(), List.of(
                new Metric("ScanDurationMs", Unit.MILLISECONDS, result.durationMs()),
                new Metric("TopicsScanned", Unit.COUNT, result.topicCount()),
                new Metric("TopicsLagging", Unit.COUNT, counts.getOrDefault(Verdict.LAGGING, 0)),
                new Metric("TopicsAtRisk", Unit.COUNT, counts.getOrDefault(Verdict.AT_RISK, 0)),
                new Metric("TopicsStalled", Unit.COUNT, counts.getOrDefault(Verdict.STALLED, 0)),
                new Metric("TopicsFallingBehind", Unit.COUNT, counts.getOrDefault(Verdict.FALLING_BEHIND, 0)),
                new Metric("TopicsDataLost", Unit.COUNT, counts.getOrDefault(Verdict.DATA_LOST, 0)),
                new Metric("TopicsUnknown", Unit.COUNT, counts.getOrDefault(Verdict.UNKNOWN, 0)))));
        List<ConsumerSeries> consumerSeries = new ArrayList<>();
        for (TopicSummary topic : result.topics()) {
            if (topic.verdict() == Verdict.UNKNOWN || topic.consumers() == null || topic.consumers().isEmpty()) {
                continue;
            }
            long maxPartitionLag = 0;
            int overThreshold = 0;
            for (ConsumerSummary consumer : topic.consumers()) {
                maxPartitionLag = Math.max(maxPartitionLag, consumer.maxPartitionLag());
                overThreshold = Math.max(overThreshold, consumer.laggingPartitions());
                consumerSeries.add(new ConsumerSeries(topic.topic(), consumer));
            }
            List<Metric> topicMetrics = new ArrayList<>(List.of(
                    new Metric("MaxPartitionLag", Unit.COUNT, maxPartitionLag),
                    new Metric("PartitionsOverThreshold", Unit.COUNT, overThreshold)));
            if (topic.ingestRatePerSec() != null) {
                topicMetrics.add(new Metric("IngestRate", Unit.COUNT_PER_SECOND, topic.ingestRatePerSec()));
            }
            documents.add(new EmfDocument(NAMESPACE, result.scannedAt(), Map.of("Topic", topic.topic()),
                    topicMetrics));
        }
        consumerSeries.stream().sorted(Comparator.comparingLong(ConsumerSeries::lag).reversed())
                .limit(maxConsumerSeries).forEach(series -> {
                    Map<String, String> dimensions = new LinkedHashMap<>();
                    dimensions.put("Topic", series.topic());
                    dimensions.put("ConsumerGroup", series.consumer().consumer());
                    documents.add(new EmfDocument(NAMESPACE, result.scannedAt(), dimensions,
                            consumerMetrics(series.consumer())));
                });
        return documents;
    }

    private static List<Metric> consumerMetrics(ConsumerSummary consumer) {
        List<Metric> metrics = new ArrayList<>(List.of(new Metric("ConsumerLag", Unit.COUNT, consumer.lag())));
        if (consumer.consumeRatePerSec() != null) {
            metrics.add(new Metric("ConsumeRate", Unit.COUNT_PER_SECOND, consumer.consumeRatePerSec()));
        }
        if (consumer.timeLagSeconds() != null) {
            metrics.add(new Metric("TimeLagSeconds", Unit.SECONDS, consumer.timeLagSeconds()));
        }
        return metrics;
    }

    private record ConsumerSeries(String topic, ConsumerSummary consumer) {
        long lag() {
            return consumer.lag();
        }
    }
}
