package io.logwise.kafka.infra.observability;

import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;

/**
 * The embedded-metric-format metrics one environment's functions write to their logs (namespace {@value #NAMESPACE}).
 * The functions add the dimension {@value #ENVIRONMENT} to every series (from LOGWISE_ENVIRONMENT, which the stack
 * sets), and every metric, search and query here names it: environments sharing an account and region never read
 * each other's series.
 */
public final class EmfMetrics {

    public static final String NAMESPACE = "LogWise/Kafka";
    public static final String ENVIRONMENT = "Environment";

    public static final String CONSUMER_LAG = "ConsumerLag";
    public static final String MAX_PARTITION_LAG = "MaxPartitionLag";
    public static final String MAX_TIME_LAG_SECONDS = "MaxTimeLagSeconds";
    public static final String PARTITIONS_OVER_THRESHOLD = "PartitionsOverThreshold";
    public static final String SCAN_DURATION_MS = "ScanDurationMs";
    public static final String TOPICS_SCANNED = "TopicsScanned";
    public static final String TOPICS_AT_RISK = "TopicsAtRisk";
    public static final String TOPICS_DATA_LOST = "TopicsDataLost";
    public static final String TOPICS_NEW_PARTITIONS_UNREAD = "TopicsNewPartitionsUnread";
    public static final String TOPIC_SERIES_OMITTED = "TopicSeriesOmitted";
    public static final String CONSUMER_SERIES_OMITTED = "ConsumerSeriesOmitted";
    public static final String PARTITION_INCREASES = "PartitionIncreases";
    public static final String SCALING_REFUSALS = "ScalingRefusals";
    public static final String RETENTION_CHANGES = "RetentionChanges";
    public static final String RETENTION_REFUSALS = "RetentionRefusals";

    private final String environment;

    public EmfMetrics(String environment) {
        this.environment = environment;
    }

    /** A metric with no dimension but the environment (the scan's totals, the scaler's and updater's counts). */
    public Metric metric(String name, String statistic, Duration period) {
        return Metric.Builder.create()
                .namespace(NAMESPACE)
                .metricName(name)
                .dimensionsMap(Map.of(ENVIRONMENT, environment))
                .statistic(statistic)
                .period(period)
                .build();
    }

    /** Every series of {@code name} with exactly the environment and these dimensions, e.g. one line per topic. */
    public IMetric search(String name, String dimensions, String statistic, Duration period) {
        String expression = "SEARCH('{" + NAMESPACE + "," + ENVIRONMENT + "," + dimensions + "} " + ENVIRONMENT
                + "=\"" + environment + "\" MetricName=\"" + name + "\"', '" + statistic + "', "
                + period.toSeconds().intValue() + ")";
        return MathExpression.Builder.create()
                .expression(expression)
                .usingMetrics(Map.of())
                .period(period)
                .build();
    }

    /** One series summing {@code name} over all values of {@code dimension} (a Metrics Insights query). */
    public IMetric sumOverDimension(String name, String dimension, Duration period) {
        return MathExpression.Builder.create()
                .expression("SELECT SUM(" + name + ") FROM SCHEMA(\"" + NAMESPACE + "\", " + ENVIRONMENT + ", "
                        + dimension + ") WHERE " + ENVIRONMENT + " = '" + environment + "'")
                .usingMetrics(Map.of())
                .label(name)
                .period(period)
                .build();
    }
}
