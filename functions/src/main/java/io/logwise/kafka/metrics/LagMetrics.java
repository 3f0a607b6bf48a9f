package io.logwise.kafka.metrics;

import io.logwise.kafka.config.Env;
import io.logwise.kafka.metrics.EmfDocument.Metric;
import io.logwise.kafka.metrics.EmfDocument.Unit;
import io.logwise.kafka.scan.ConsumerSummary;
import io.logwise.kafka.scan.ScanResult;
import io.logwise.kafka.scan.TopicSummary;
import io.logwise.kafka.scan.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The lag scanner's CloudWatch metrics, namespace {@code LogWise/Kafka}. Per scan (no dimension of its own):
 * ScanDurationMs, TopicsScanned, TopicsLagging, TopicsAtRisk, TopicsStalled, TopicsFallingBehind, TopicsDataLost,
 * TopicsNewPartitionsUnread, RecordsOnUnreadNewPartitions, TopicsUnknown, and totals over every measured topic whatever
 * the caps: MaxPartitionLag, PartitionsOverThreshold, MaxTimeLagSeconds and IngestRate (when known), TopicSeriesOmitted
 * and ConsumerSeriesOmitted. Per topic MaxPartitionLag, PartitionsOverThreshold and IngestRate (records/s, when the
 * scan history knows it); per topic and consumer ConsumerLag, and ConsumeRate (records/s) and TimeLagSeconds when
 * known. Nothing is emitted for what was not measured: an UNKNOWN topic or consumer has no lag metric, an unknown rate
 * no rate metric (a missing point, never a 0). Each topic or consumer series is a billed custom metric, so each family
 * is capped per scan ({@value #MAX_TOPIC_SERIES} and the scanner's consumer cap): the worst by lag or time lag ({@link
 * WorstSeries}).
 */
public final class LagMetrics {

    public static final String NAMESPACE = "LogWise/Kafka";
    /** At most this many topics get their own series per scan; 0 leaves only the totals. */
    public static final String MAX_TOPIC_SERIES = "LAG_METRICS_MAX_TOPIC_SERIES";
    public static final int DEFAULT_MAX_TOPIC_SERIES = 100;

    private LagMetrics() {
    }

    public static int maxTopicSeries(Map<String, String> environment) {
        return (int) Math.min(Integer.MAX_VALUE,
                Env.of(environment).longAtLeast(MAX_TOPIC_SERIES, DEFAULT_MAX_TOPIC_SERIES, 0));
    }

    /** @param result the full scan result (before compaction) */
    public static List<EmfDocument> documents(ScanResult result, int maxTopicSeries, int maxConsumerSeries) {
        List<TopicSeries> topicSeries = new ArrayList<>();
        List<ConsumerSeries> consumerSeries = new ArrayList<>();
        for (TopicSummary topic : result.topics()) {
            if (topic.verdict() == Verdict.UNKNOWN || topic.consumers() == null || topic.consumers().isEmpty()) {
                continue;
            }
            topic.consumers().forEach(consumer -> consumerSeries.add(new ConsumerSeries(topic.topic(), consumer)));
            topicSeries.add(TopicSeries.of(topic));
        }
        List<TopicSeries> topics = WorstSeries.pick(topicSeries, maxTopicSeries, TopicSeries::topic,
                TopicSeries::maxPartitionLag, TopicSeries::timeLagSeconds);
        List<ConsumerSeries> consumers = WorstSeries.pick(consumerSeries, maxConsumerSeries, ConsumerSeries::name,
                ConsumerSeries::lag, ConsumerSeries::timeLagSeconds);

        List<EmfDocument> documents = new ArrayList<>();
        documents.add(new EmfDocument(NAMESPACE, result.scannedAt(), Map.of(), scanMetrics(result, topicSeries,
                topicSeries.size() - topics.size(), consumerSeries.size() - consumers.size())));
        for (TopicSeries series : topics) {
            documents.add(new EmfDocument(NAMESPACE, result.scannedAt(), Map.of("Topic", series.topic()),
                    series.metrics()));
        }
        for (ConsumerSeries series : consumers) {
            Map<String, String> dimensions = new LinkedHashMap<>();
            dimensions.put("Topic", series.topic());
            dimensions.put("ConsumerGroup", series.consumer().consumer());
            documents.add(new EmfDocument(NAMESPACE, result.scannedAt(), dimensions,
                    consumerMetrics(series.consumer())));
        }
        return documents;
    }

    private static List<Metric> scanMetrics(ScanResult result, List<TopicSeries> measured, int topicsOmitted,
                                            int consumersOmitted) {
        Map<Verdict, Integer> counts = result.verdictCounts() == null ? Map.of() : result.verdictCounts();
        List<Metric> metrics = new ArrayList<>(List.of(
                new Metric("ScanDurationMs", Unit.MILLISECONDS, result.durationMs()),
                new Metric("TopicsScanned", Unit.COUNT, result.topicCount()),
                new Metric("TopicsLagging", Unit.COUNT, counts.getOrDefault(Verdict.LAGGING, 0)),
                new Metric("TopicsAtRisk", Unit.COUNT, counts.getOrDefault(Verdict.AT_RISK, 0)),
                new Metric("TopicsStalled", Unit.COUNT, counts.getOrDefault(Verdict.STALLED, 0)),
                new Metric("TopicsFallingBehind", Unit.COUNT, counts.getOrDefault(Verdict.FALLING_BEHIND, 0)),
                new Metric("TopicsDataLost", Unit.COUNT, counts.getOrDefault(Verdict.DATA_LOST, 0)),
                new Metric("TopicsNewPartitionsUnread", Unit.COUNT,
                        counts.getOrDefault(Verdict.NEW_PARTITIONS_UNREAD, 0)),
                new Metric("RecordsOnUnreadNewPartitions", Unit.COUNT, recordsOnUnreadNewPartitions(result)),
                new Metric("TopicsUnknown", Unit.COUNT, counts.getOrDefault(Verdict.UNKNOWN, 0)),
                new Metric("TopicSeriesOmitted", Unit.COUNT, topicsOmitted),
                new Metric("ConsumerSeriesOmitted", Unit.COUNT, consumersOmitted)));
        if (measured.isEmpty()) {
            return metrics;
        }
        metrics.add(new Metric("MaxPartitionLag", Unit.COUNT,
                measured.stream().mapToLong(TopicSeries::maxPartitionLag).max().orElseThrow()));
        metrics.add(new Metric("PartitionsOverThreshold", Unit.COUNT,
                measured.stream().mapToLong(TopicSeries::overThreshold).sum()));
        measured.stream().map(TopicSeries::timeLagSeconds).filter(Objects::nonNull).mapToDouble(Double::doubleValue)
                .max().ifPresent(max -> metrics.add(new Metric("MaxTimeLagSeconds", Unit.SECONDS, max)));
        // A total over the topics whose rate is known would look like a drop whenever one is not: all or nothing.
        if (measured.stream().allMatch(series -> series.topicSummary().ingestRatePerSec() != null)) {
            metrics.add(new Metric("IngestRate", Unit.COUNT_PER_SECOND, measured.stream()
                    .mapToDouble(series -> series.topicSummary().ingestRatePerSec()).sum()));
        }
        return metrics;
    }

    /** Per topic the most any consumer leaves unread on new partitions (they are the same records), summed. */
    private static long recordsOnUnreadNewPartitions(ScanResult result) {
        long total = 0;
        for (TopicSummary topic : result.topics()) {
            total += topic.consumers() == null ? 0 : topic.consumers().stream()
                    .filter(c -> c.addedPartitions() != null && c.addedPartitions().unread())
                    .mapToLong(c -> c.addedPartitions().waitingRecords()).max().orElse(0);
        }
        return total;
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

    /** One measured topic: its largest partition lag and lagging partitions over all consumers, its worst time lag. */
    private record TopicSeries(TopicSummary topicSummary, long maxPartitionLag, int overThreshold,
                               Double timeLagSeconds) {

        static TopicSeries of(TopicSummary topic) {
            long maxPartitionLag = 0;
            int overThreshold = 0;
            Double timeLag = null;
            for (ConsumerSummary consumer : topic.consumers()) {
                maxPartitionLag = Math.max(maxPartitionLag, consumer.maxPartitionLag());
                overThreshold = Math.max(overThreshold, consumer.laggingPartitions());
                Double consumerTimeLag = consumer.timeLagSeconds();
                if (consumerTimeLag != null) {
                    timeLag = timeLag == null ? consumerTimeLag : Math.max(timeLag, consumerTimeLag);
                }
            }
            return new TopicSeries(topic, maxPartitionLag, overThreshold, timeLag);
        }

        String topic() {
            return topicSummary.topic();
        }

        List<Metric> metrics() {
            List<Metric> metrics = new ArrayList<>(List.of(
                    new Metric("MaxPartitionLag", Unit.COUNT, maxPartitionLag),
                    new Metric("PartitionsOverThreshold", Unit.COUNT, overThreshold)));
            if (topicSummary.ingestRatePerSec() != null) {
                metrics.add(new Metric("IngestRate", Unit.COUNT_PER_SECOND, topicSummary.ingestRatePerSec()));
            }
            return metrics;
        }
    }

    /** {@code name} is built once: sorting by it compares names many times per series. */
    private record ConsumerSeries(String topic, ConsumerSummary consumer, String name) {
        ConsumerSeries(String topic, ConsumerSummary consumer) {
            this(topic, consumer, topic + "\u0000" + consumer.consumer());
        }

        long lag() {
            return consumer.lag();
        }

        Double timeLagSeconds() {
            return consumer.timeLagSeconds();
        }
    }
}
