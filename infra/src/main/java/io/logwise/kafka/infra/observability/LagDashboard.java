package io.logwise.kafka.infra.observability;

import io.logwise.kafka.infra.function.KafkaFunction;
import io.logwise.kafka.infra.settings.LogwiseFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.constructs.Construct;

/**
 * One environment's dashboard: lag per topic and group (the worst series the caps keep) and over all topics from the
 * scanner's metrics, the scaler's and retention updater's decisions, the functions' errors and lost asynchronous
 * events, and every alarm.
 */
public final class LagDashboard extends Construct {

    private static final Duration ONE_MINUTE = Duration.minutes(1);
    private static final int HALF = 12;

    public LagDashboard(Construct scope, String id, String dashboardName, EmfMetrics emf,
                        Map<LogwiseFunction, KafkaFunction> functions, List<IAlarm> alarms) {
        super(scope, id);
        Dashboard dashboard = Dashboard.Builder.create(this, "Dashboard")
                .dashboardName(dashboardName)
                .build();
        dashboard.addWidgets(
                graph("Max partition lag per topic",
                        emf.search(EmfMetrics.MAX_PARTITION_LAG, "Topic", "Maximum", ONE_MINUTE)),
                graph("Consumer lag per topic and group",
                        emf.search(EmfMetrics.CONSUMER_LAG, "ConsumerGroup,Topic", "Maximum", ONE_MINUTE)));
        dashboard.addWidgets(
                graph("Partitions over the lag threshold per topic",
                        emf.search(EmfMetrics.PARTITIONS_OVER_THRESHOLD, "Topic", "Maximum", ONE_MINUTE)),
                graph("Topics scanned, at risk, data lost",
                        emf.metric(EmfMetrics.TOPICS_SCANNED, "Maximum", ONE_MINUTE),
                        emf.metric(EmfMetrics.TOPICS_AT_RISK, "Maximum", ONE_MINUTE),
                        emf.metric(EmfMetrics.TOPICS_DATA_LOST, "Maximum", ONE_MINUTE)));
        dashboard.addWidgets(
                graph("Scan duration (ms)",
                        emf.metric(EmfMetrics.SCAN_DURATION_MS, "Maximum", ONE_MINUTE),
                        emf.metric(EmfMetrics.SCAN_DURATION_MS, "Average", ONE_MINUTE)),
                graph("Partition increases and refusals by reason",
                        emf.metric(EmfMetrics.PARTITION_INCREASES, "Sum", ONE_MINUTE),
                        emf.search(EmfMetrics.SCALING_REFUSALS, "Reason", "Sum", ONE_MINUTE)));
        dashboard.addWidgets(
                graph("All topics: max partition lag, partitions over the threshold",
                        emf.metric(EmfMetrics.MAX_PARTITION_LAG, "Maximum", ONE_MINUTE),
                        emf.metric(EmfMetrics.PARTITIONS_OVER_THRESHOLD, "Maximum", ONE_MINUTE)),
                graph("All topics: max time lag (s); series left out by the caps",
                        emf.metric(EmfMetrics.MAX_TIME_LAG_SECONDS, "Maximum", ONE_MINUTE),
                        emf.metric(EmfMetrics.TOPIC_SERIES_OMITTED, "Maximum", ONE_MINUTE),
                        emf.metric(EmfMetrics.CONSUMER_SERIES_OMITTED, "Maximum", ONE_MINUTE)));
        dashboard.addWidgets(
                graph("Retention changes and refusals",
                        emf.metric(EmfMetrics.RETENTION_CHANGES, "Sum", ONE_MINUTE),
                        emf.metric(EmfMetrics.RETENTION_REFUSALS, "Sum", ONE_MINUTE)),
                graph("Function errors", functionErrors(functions)));
        dashboard.addWidgets(
                graph("Asynchronous events dropped", aliasMetric(functions, "AsyncEventsDropped")),
                graph("Destination delivery failures", aliasMetric(functions, "DestinationDeliveryFailures")));
        dashboard.addWidgets(AlarmStatusWidget.Builder.create()
                .title("Alarms")
                .alarms(alarms)
                .width(2 * HALF)
                .build());
    }

    private static IMetric[] functionErrors(Map<LogwiseFunction, KafkaFunction> functions) {
        List<IMetric> metrics = new ArrayList<>();
        for (LogwiseFunction function : LogwiseFunction.values()) {
            metrics.add(functions.get(function).function().metricErrors(MetricOptions.builder()
                    .label(function.functionName())
                    .period(ONE_MINUTE)
                    .statistic("Sum")
                    .build()));
        }
        return metrics.toArray(IMetric[]::new);
    }

    private static IMetric[] aliasMetric(Map<LogwiseFunction, KafkaFunction> functions, String name) {
        List<IMetric> metrics = new ArrayList<>();
        for (LogwiseFunction function : LogwiseFunction.values()) {
            metrics.add(functions.get(function).alias().metric(name, MetricOptions.builder()
                    .label(function.functionName())
                    .period(ONE_MINUTE)
                    .statistic("Sum")
                    .build()));
        }
        return metrics.toArray(IMetric[]::new);
    }

    private static IWidget graph(String title, IMetric... metrics) {
        return GraphWidget.Builder.create()
                .title(title)
                .left(List.of(metrics))
                .width(HALF)
                .height(6)
                .build();
    }
}
