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

/** Lag per topic and group from the scanner's metrics, with the scaler's and retention updater's decisions. */
public final class LagDashboard extends Construct {

    private static final Duration ONE_MINUTE = Duration.minutes(1);
    private static final int HALF = 12;

    public LagDashboard(Construct scope, String id, String dashboardName,
                        Map<LogwiseFunction, KafkaFunction> functions, List<IAlarm> alarms) {
        super(scope, id);
        Dashboard dashboard = Dashboard.Builder.create(this, "Dashboard")
                .dashboardName(dashboardName)
                .build();
        dashboard.addWidgets(
                graph("Max partition lag per topic",
                        EmfMetrics.search(EmfMetrics.MAX_PARTITION_LAG, "Topic", "Maximum", ONE_MINUTE)),
                graph("Consumer lag per topic and group",
                        EmfMetrics.search(EmfMetrics.CONSUMER_LAG, "ConsumerGroup,Topic", "Maximum", ONE_MINUTE)));
        dashboard.addWidgets(
                graph("Partitions over the lag threshold per topic",
                        EmfMetrics.search(EmfMetrics.PARTITIONS_OVER_THRESHOLD, "Topic", "Maximum", ONE_MINUTE)),
                graph("Topics scanned, at risk, data lost",
                        EmfMetrics.metric(EmfMetrics.TOPICS_SCANNED, "Maximum", ONE_MINUTE),
                        EmfMetrics.metric(EmfMetrics.TOPICS_AT_RISK, "Maximum", ONE_MINUTE),
                        EmfMetrics.metric(EmfMetrics.TOPICS_DATA_LOST, "Maximum", ONE_MINUTE)));
        dashboard.addWidgets(
                graph("Scan duration (ms)",
                        EmfMetrics.metric(EmfMetrics.SCAN_DURATION_MS, "Maximum", ONE_MINUTE),
                        EmfMetrics.metric(EmfMetrics.SCAN_DURATION_MS, "Average", ONE_MINUTE)),
                graph("Partition increases and refusals by reason",
                        EmfMetrics.metric(EmfMetrics.PARTITION_INCREASES, "Sum", ONE_MINUTE),
                        EmfMetrics.search(EmfMetrics.SCALING_REFUSALS, "Reason", "Sum", ONE_MINUTE)));
        dashboard.addWidgets(
                graph("Retention changes and refusals",
                        EmfMetrics.metric(EmfMetrics.RETENTION_CHANGES, "Sum", ONE_MINUTE),
                        EmfMetrics.metric(EmfMetrics.RETENTION_REFUSALS, "Sum", ONE_MINUTE)),
                graph("Function errors", functionErrors(functions)));
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

    private static IWidget graph(String title, IMetric... metrics) {
        return GraphWidget.Builder.create()
                .title(title)
                .left(List.of(metrics))
                .width(HALF)
                .height(6)
                .build();
    }
}
