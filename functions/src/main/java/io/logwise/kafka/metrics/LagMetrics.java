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
 * TopicsScanned, TopicsLagging, TopicsAtRisk, TopicsDataLost, TopicsUnknown; per topic MaxPartitionLag and
 * PartitionsOverThreshold; per topic and consumer ConsumerLag. Nothing is emitted for what was not measured: an
 * UNKNOWN topic or consumer has no lag metric (a missing point, never a 0). Each ConsumerLag series is a billed
 * custom metric, so at most {@code maxConsumerSeries} are written per scan, the most lagged first.
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
                consumerSeries.add(new ConsumerSeries(topic.topic(), consumer.consumer(), consumer.lag()));
            }
            documents.add(new EmfDocument(NAMESPACE, result.scannedAt(), Map.of("Topic", topic.topic()), List.of(
                    new Metric("MaxPartitionLag", Unit.COUNT, maxPartitionLag),
                    new Metric("PartitionsOverThreshold", Unit.COUNT, overThreshold))));
        }
        consumerSeries.stream().sorted(Comparator.comparingLong(ConsumerSeries::lag).reversed())
                .limit(maxConsumerSeries).forEach(series -> {
                    Map<String, String> dimensions = new LinkedHashMap<>();
                    dimensions.put("Topic", series.topic());
                    dimensions.put("ConsumerGroup", series.consumer());
                    documents.add(new EmfDocument(NAMESPACE, result.scannedAt(), dimensions,
                            List.of(new Metric("ConsumerLag", Unit.COUNT, series.lag()))));
                });
        return documents;
    }

    private record ConsumerSeries(String topic, String consumer, long lag) {
    }
}
