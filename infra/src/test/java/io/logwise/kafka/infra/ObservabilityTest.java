package io.logwise.kafka.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.infra.settings.LogwiseFunction;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Alarms and the lag dashboard, built on the functions' EMF metrics (namespace LogWise/Kafka). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObservabilityTest {

    private static final String PREFIX = "logwise-kafka-msk-iam-example-";
    private TemplateFacts facts;

    @BeforeAll
    void synthesize() {
        facts = TemplateFacts.of(TestApps.stack("msk-iam-example"));
    }

    @Test
    void thirteenAlarms() {
        facts.template().resourceCountIs("AWS::CloudWatch::Alarm", 13);
    }

    @ParameterizedTest
    @EnumSource(LogwiseFunction.class)
    void functionErrorsAndFailedEventsAlarm(LogwiseFunction function) {
        assertEquals(Map.of("MetricName", "Errors", "Namespace", "AWS/Lambda", "Statistic", "Sum", "Period", 300,
                "Dimensions", List.of(Map.of("Name", "FunctionName", "Value", Map.of("Ref", function.logicalId())))),
                metricOf(alarm(function.functionName() + "-errors")));
        Map<String, Object> failed = alarm(function.functionName() + "-failed-events");
        assertEquals("ApproximateNumberOfMessagesVisible", failed.get("MetricName"));
        assertEquals(List.of(Map.of("Name", "QueueName",
                "Value", Map.of("Fn::GetAtt", List.of(facts.failedEventsQueueId(function), "QueueName")))),
                failed.get("Dimensions"));
        assertEquals("GreaterThanOrEqualToThreshold", failed.get("ComparisonOperator"));
    }

    @Test
    void staleScansAlarmOnMissingScannerMetricsForTheConfiguredMinutes() {
        Map<String, Object> stale = alarm("scan-stale");
        assertEquals(Map.of("MetricName", "TopicsScanned", "Namespace", "LogWise/Kafka", "Statistic", "SampleCount",
                "Period", 60), metricOf(stale));
        assertEquals("LessThanThreshold", stale.get("ComparisonOperator"));
        assertEquals(1, stale.get("Threshold"));
        assertEquals(10, stale.get("EvaluationPeriods"));
        assertEquals(10, stale.get("DatapointsToAlarm"));
        assertEquals("breaching", stale.get("TreatMissingData"));
    }

    @Test
    void topicsAtRiskOrLosingDataAlarm() {
        assertEquals(Map.of("MetricName", "TopicsAtRisk", "Namespace", "LogWise/Kafka", "Statistic", "Maximum",
                "Period", 300), metricOf(alarm("topics-at-risk")));
        assertEquals(Map.of("MetricName", "TopicsDataLost", "Namespace", "LogWise/Kafka", "Statistic", "Maximum",
                "Period", 300), metricOf(alarm("topics-data-lost")));
        assertEquals("GreaterThanOrEqualToThreshold", alarm("topics-data-lost").get("ComparisonOperator"));
    }

    @Test
    void scalerRefusalsOfAnyReasonAlarmThroughOneMetricsInsightsQuery() {
        List<?> metrics = (List<?>) alarm("scaling-refusals").get("Metrics");
        assertEquals(1, metrics.size());
        assertEquals("SELECT SUM(ScalingRefusals) FROM SCHEMA(\"LogWise/Kafka\", Reason)",
                ((Map<?, ?>) metrics.get(0)).get("Expression"));
        assertEquals(Map.of("MetricName", "RetentionRefusals", "Namespace", "LogWise/Kafka", "Statistic", "Sum",
                "Period", 300), metricOf(alarm("retention-refusals")));
    }

    @Test
    void staleScanMinutesAndTheNotificationTopicComeFromTheContext() {
        String topic = "arn:aws:sns:eu-west-1:111122223333:logwise-oncall";
        TemplateFacts custom = TemplateFacts.of(TestApps.stack("msk-iam-example", TestApps.edited("msk-iam-example",
                env -> env.put("alarms", Map.of("staleScanMinutes", 15, "topicArn", topic)))));
        custom.template().hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmName", PREFIX + "scan-stale", "EvaluationPeriods", 15));
        custom.ofType("AWS::CloudWatch::Alarm").values().forEach(alarm -> {
            assertEquals(List.of(topic), alarm.get("AlarmActions"), alarm::toString);
            assertEquals(List.of(topic), alarm.get("OKActions"), alarm::toString);
        });
        facts.ofType("AWS::CloudWatch::Alarm").values().forEach(alarm ->
                assertFalse(alarm.containsKey("AlarmActions"), "no actions without a topic"));
    }

    @Test
    void theDashboardShowsLagPerTopicAndGroupFromTheScannerMetrics() {
        facts.template().hasResourceProperties("AWS::CloudWatch::Dashboard",
                Map.of("DashboardName", "logwise-kafka-msk-iam-example"));
        String body = TemplateFacts.flatten(facts.ofType("AWS::CloudWatch::Dashboard").values().iterator().next()
                .get("DashboardBody"));
        for (String expression : List.of(
                "SEARCH('{LogWise/Kafka,Topic} MetricName=\\\"MaxPartitionLag\\\"', 'Maximum', 60)",
                "SEARCH('{LogWise/Kafka,ConsumerGroup,Topic} MetricName=\\\"ConsumerLag\\\"', 'Maximum', 60)",
                "SEARCH('{LogWise/Kafka,Topic} MetricName=\\\"PartitionsOverThreshold\\\"', 'Maximum', 60)",
                "SEARCH('{LogWise/Kafka,Reason} MetricName=\\\"ScalingRefusals\\\"', 'Sum', 60)")) {
            assertTrue(body.contains(expression), () -> expression + " not in " + body);
        }
        for (String metric : List.of("TopicsScanned", "TopicsAtRisk", "TopicsDataLost", "ScanDurationMs",
                "PartitionIncreases", "RetentionChanges", "RetentionRefusals")) {
            assertTrue(body.contains("[\"LogWise/Kafka\",\"" + metric + "\""), () -> metric + " not in " + body);
        }
    }

    private Map<String, Object> alarm(String name) {
        return facts.ofType("AWS::CloudWatch::Alarm").values().stream()
                .filter(alarm -> (PREFIX + name).equals(alarm.get("AlarmName")))
                .findFirst().orElseThrow(() -> new AssertionError("no alarm " + PREFIX + name));
    }

    private static Map<String, Object> metricOf(Map<String, Object> alarm) {
        Map<String, Object> metric = new HashMap<>();
        for (String key : List.of("MetricName", "Namespace", "Statistic", "Period", "Dimensions")) {
            if (alarm.containsKey(key)) {
                metric.put(key, alarm.get(key));
            }
        }
        return metric;
    }
}
