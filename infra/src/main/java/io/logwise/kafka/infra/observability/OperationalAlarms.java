package io.logwise.kafka.infra.observability;

import io.logwise.kafka.infra.function.KafkaFunction;
import io.logwise.kafka.infra.settings.AlarmSettings;
import io.logwise.kafka.infra.settings.LogwiseFunction;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

/**
 * Alarms on what needs a person: function errors, events that ended in a failed-events queue, scans that stopped,
 * topics at risk of or already losing unread data, and refused scaling or retention changes.
 */
public final class OperationalAlarms extends Construct {

    private static final Duration FIVE_MINUTES = Duration.minutes(5);

    private final List<Alarm> alarms = new ArrayList<>();
    private final String namePrefix;

    public OperationalAlarms(Construct scope, String id, OperationalAlarmsProps props) {
        super(scope, id);
        this.namePrefix = props.namePrefix();
        AlarmSettings settings = props.settings();
        for (LogwiseFunction function : LogwiseFunction.values()) {
            KafkaFunction kafkaFunction = props.functions().get(function);
            atLeastOne(function.constructId() + "Errors", function.functionName() + "-errors",
                    function.functionName() + " invocations failed",
                    kafkaFunction.function().metricErrors(MetricOptions.builder()
                            .period(FIVE_MINUTES).statistic("Sum").build()));
            atLeastOne(function.constructId() + "FailedEvents", function.functionName() + "-failed-events",
                    "events for " + function.functionName()
                            + " failed after retries and wait in its failed-events queue",
                    kafkaFunction.failedEvents().metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
                            .period(FIVE_MINUTES).statistic("Maximum").build()));
        }
        add(Alarm.Builder.create(this, "ScanStale")
                .alarmName(namePrefix + "scan-stale")
                .alarmDescription("no lag scan completed in the last " + settings.staleScanMinutes() + " minutes")
                .metric(EmfMetrics.metric(EmfMetrics.TOPICS_SCANNED, "SampleCount", Duration.minutes(1)))
                .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
                .threshold(1)
                .evaluationPeriods(settings.staleScanMinutes())
                .datapointsToAlarm(settings.staleScanMinutes())
                // No data is exactly the failure this alarm is for.
                .treatMissingData(TreatMissingData.BREACHING)
                .build());
        atLeastOne("TopicsAtRisk", "topics-at-risk",
                "a consumer group is close to losing unread records to retention",
                EmfMetrics.metric(EmfMetrics.TOPICS_AT_RISK, "Maximum", FIVE_MINUTES));
        atLeastOne("TopicsDataLost", "topics-data-lost",
                "retention deleted records a consumer group had not read",
                EmfMetrics.metric(EmfMetrics.TOPICS_DATA_LOST, "Maximum", FIVE_MINUTES));
        atLeastOne("ScalingRefusals", "scaling-refusals",
                "the partition scaler refused an increase (any reason)",
                EmfMetrics.sumOverDimension(EmfMetrics.SCALING_REFUSALS, "Reason", FIVE_MINUTES));
        atLeastOne("RetentionRefusals", "retention-refusals",
                "the retention updater refused a change",
                EmfMetrics.metric(EmfMetrics.RETENTION_REFUSALS, "Sum", FIVE_MINUTES));

        settings.topicArn().ifPresent(arn -> {
            ITopic topic = Topic.fromTopicArn(this, "NotificationTopic", arn);
            SnsAction action = new SnsAction(topic);
            alarms.forEach(alarm -> {
                alarm.addAlarmAction(action);
                alarm.addOkAction(action);
            });
        });
    }

    public List<Alarm> alarms() {
        return List.copyOf(alarms);
    }

    private void atLeastOne(String id, String name, String description, IMetric metric) {
        add(Alarm.Builder.create(this, id)
                .alarmName(namePrefix + name)
                .alarmDescription(description)
                .metric(metric)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .threshold(1)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build());
    }

    private void add(Alarm alarm) {
        alarms.add(alarm);
    }
}
