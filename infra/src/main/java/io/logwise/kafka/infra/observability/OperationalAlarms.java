package io.logwise.kafka.infra.observability;

import io.logwise.kafka.infra.function.KafkaFunction;
import io.logwise.kafka.infra.settings.AlarmSettings;
import io.logwise.kafka.infra.settings.LogwiseFunction;
import io.logwise.kafka.infra.wiring.EventWiring.InvokingRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.ITopic;
import software.constructs.Construct;

/**
 * Alarms on what needs a person: function errors, events that ended in a failed-events queue, asynchronous events
 * Lambda dropped or could not deliver to a destination, rule deliveries lost on the way to a failed-events queue, scans
 * that stopped, topics at risk of or already losing unread data, consumers that do not read added partitions, and
 * refused scaling or retention changes. Every alarm
 * notifies the environment's topic (the given one, or one {@link AlarmTopic} creates) on ALARM and on OK.
 */
public final class OperationalAlarms extends Construct {

    static final Duration FIVE_MINUTES = Duration.minutes(5);

    private final List<Alarm> alarms = new ArrayList<>();
    private final String namePrefix;
    private final AlarmTopic topic;

    public OperationalAlarms(Construct scope, String id, OperationalAlarmsProps props) {
        super(scope, id);
        this.namePrefix = props.namePrefix();
        AlarmSettings settings = props.settings();
        EmfMetrics emf = new EmfMetrics(props.environmentName());
        for (LogwiseFunction function : LogwiseFunction.values()) {
            functionAlarms(function, props.functions().get(function));
        }
        atLeastOne("RuleDeliveriesLost", "rule-deliveries-lost",
                "EventBridge could neither invoke a function nor put the event in its failed-events queue: the event"
                        + " is lost (InvocationsFailedToBeSentToDlq of any rule)",
                lostRuleDeliveries(props.rules()));
        add(Alarm.Builder.create(this, "ScanStale")
                .alarmName(namePrefix + "scan-stale")
                .alarmDescription("no lag scan completed in the last " + settings.staleScanMinutes() + " minutes")
                .metric(emf.metric(EmfMetrics.TOPICS_SCANNED, "SampleCount", Duration.minutes(1)))
                .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
                .threshold(1)
                .evaluationPeriods(settings.staleScanMinutes())
                .datapointsToAlarm(settings.staleScanMinutes())
                // No data is exactly the failure this alarm is for.
                .treatMissingData(TreatMissingData.BREACHING)
                .build());
        atLeastOne("TopicsAtRisk", "topics-at-risk",
                "a consumer group is close to losing unread records to retention",
                emf.metric(EmfMetrics.TOPICS_AT_RISK, "Maximum", FIVE_MINUTES));
        atLeastOne("TopicsDataLost", "topics-data-lost",
                "retention deleted records a consumer group had not read",
                emf.metric(EmfMetrics.TOPICS_DATA_LOST, "Maximum", FIVE_MINUTES));
        atLeastOne("TopicsNewPartitionsUnread", "topics-new-partitions-unread",
                "a consumer reads a topic's older partitions but not the ones added to it: records written there are"
                        + " read by nobody (a static assignment, or Spark's assign)",
                emf.metric(EmfMetrics.TOPICS_NEW_PARTITIONS_UNREAD, "Maximum", FIVE_MINUTES));
        atLeastOne("ScalingRefusals", "scaling-refusals",
                "the partition scaler refused an increase (any reason)",
                emf.sumOverDimension(EmfMetrics.SCALING_REFUSALS, "Reason", FIVE_MINUTES));
        atLeastOne("RetentionRefusals", "retention-refusals",
                "the retention updater refused a change",
                emf.metric(EmfMetrics.RETENTION_REFUSALS, "Sum", FIVE_MINUTES));

        this.topic = new AlarmTopic(this, "Notifications", namePrefix, settings);
        SnsAction action = new SnsAction(topic.topic());
        alarms.forEach(alarm -> {
            alarm.addAlarmAction(action);
            alarm.addOkAction(action);
        });
    }

    public List<Alarm> alarms() {
        return List.copyOf(alarms);
    }

    /** Where the alarms notify: the topic of {@code alarms.topicArn}, or the one the stack created. */
    public ITopic topic() {
        return topic.topic();
    }

    /**
     * Every trigger invokes the function's live alias asynchronously (schedules and bus rules alike), so Lambda's
     * asynchronous metrics are read on that alias: FunctionName and Resource {@code name:live}.
     */
    private void functionAlarms(LogwiseFunction function, KafkaFunction kafkaFunction) {
        String name = function.functionName();
        atLeastOne(function.constructId() + "Errors", name + "-errors", name + " invocations failed",
                kafkaFunction.function().metricErrors(MetricOptions.builder()
                        .period(FIVE_MINUTES).statistic("Sum").build()));
        atLeastOne(function.constructId() + "FailedEvents", name + "-failed-events",
                "events for " + name + " failed after retries and wait in its failed-events queue",
                kafkaFunction.failedEvents().metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
                        .period(FIVE_MINUTES).statistic("Maximum").build()));
        atLeastOne(function.constructId() + "AsyncEventsDropped", name + "-async-events-dropped",
                "Lambda dropped events for " + name + " without a successful run (too old or out of retries);"
                        + " see its failed-events queue",
                kafkaFunction.alias().metric("AsyncEventsDropped", MetricOptions.builder()
                        .period(FIVE_MINUTES).statistic("Sum").build()));
        String lost = function == LogwiseFunction.LAG_SCANNER
                ? "a scan result did not reach the event bus (the partition scaler and the retention updater got"
                        + " nothing from that scan), or a failed event did not reach the failed-events queue"
                : "a failed event of " + name + " did not reach its failed-events queue and is lost";
        atLeastOne(function.constructId() + "DestinationDeliveryFailures", name + "-destination-delivery-failures",
                lost, kafkaFunction.alias().metric("DestinationDeliveryFailures", MetricOptions.builder()
                        .period(FIVE_MINUTES).statistic("Sum").build()));
    }

    /** One series: the sum over every rule; each rule reports only when non-zero, hence FILL before SUM. */
    private static IMetric lostRuleDeliveries(List<InvokingRule> rules) {
        Map<String, IMetric> perRule = new LinkedHashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            InvokingRule rule = rules.get(i);
            Map<String, String> dimensions = new LinkedHashMap<>();
            // Rules on a custom bus report with EventBusName and RuleName, rules on the default bus with RuleName.
            rule.bus().ifPresent(bus -> dimensions.put("EventBusName", bus.getEventBusName()));
            dimensions.put("RuleName", rule.rule().getRuleName());
            perRule.put("r" + i, Metric.Builder.create()
                    .namespace("AWS/Events")
                    .metricName("InvocationsFailedToBeSentToDlq")
                    .dimensionsMap(dimensions)
                    .statistic("Sum")
                    .period(FIVE_MINUTES)
                    .build());
        }
        return MathExpression.Builder.create()
                .expression("SUM(FILL(METRICS(), 0))")
                .usingMetrics(perRule)
                .label("InvocationsFailedToBeSentToDlq, all rules")
                .period(FIVE_MINUTES)
                .build();
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
