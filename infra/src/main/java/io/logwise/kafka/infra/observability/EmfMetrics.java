package io.logwise.kafka.infra.observability;

import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;

/** The embedded-metric-format metrics the functions write to their logs (namespace {@value #NAMESPACE}). */
public final class EmfMetrics {

    public static final String NAMESPACE = "LogWise/Kafka";

    public static final String CONSUMER_LAG = "ConsumerLag";
    public static final String MAX_PARTITION_LAG = "MaxPartitionLag";
    public static final String PARTITIONS_OVER_THRESHOLD = "PartitionsOverThreshold";
    public static final String SCAN_DURATION_MS = "ScanDurationMs";
    public static final String TOPICS_SCANNED = "TopicsScanned";
    public static final String TOPICS_AT_RISK = "TopicsAtRisk";
    public static final String TOPICS_DATA_LOST = "TopicsDataLost";
    public static final String PARTITION_INCREASES = "PartitionIncreases";
    public static final String SCALING_REFUSALS = "ScalingRefusals";
    public static final String RETENTION_CHANGES = "RetentionChanges";
    public static final String RETENTION_REFUSALS = "RetentionRefusals";

    private EmfMetrics() {
    }

    /** A metric emitted without dimensions. */
    public static Metric metric(String name, String statistic, Duration period) {
        return Metric.Builder.create()
                .namespace(NAMESPACE)
                .metricName(name)
                .statistic(statistic)
                .period(period)
                .build();
    }

    /** Every time series of {@code name} with exactly these dimensions, e.g. one line per topic. */
    public static IMetric search(String name, String dimensions, String statistic, Duration period) {
        String expression = "SEARCH('{" + NAMESPACE + "," + dimensions + "} MetricName=\"" + name + "\"', '"
                + statistic + "', " + period.toSeconds().intValue() + ")";
        return MathExpression.Builder.create()
                .expression(expression)
                .usingMetrics(Map.of())
                .period(period)
                .build();
    }

    /** One series summing {@code name} over all values of {@code dimension} (a Metrics Insights query). */
    public static IMetric sumOverDimension(String name, String dimension, Duration period) {
        return MathExpression.Builder.create()
                .expression("SELECT SUM(" + name + ") FROM SCHEMA(\"" + NAMESPACE + "\", " + dimension + ")")
                .usingMetrics(Map.of())
                .label(name)
                .period(period)
                .build();
    }
}
