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

    private static final Map<String, String> ENVIRONMENT = Map.of("Name", "Environment", "Value", "msk-iam-example");

    @Test
    void twentyThreeAlarms() {
        // Per function: errors, failed events, dropped async events, destination delivery failures (16); lost rule
        // deliveries, stale scans, topics at risk, data lost, new partitions unread, scaling and retention refusals
        // (7).
        facts.template().resourceCountIs("AWS::CloudWatch::Alarm", 23);
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
                "Period", 60, "Dimensions", List.of(ENVIRONMENT)), metricOf(stale));
        assertEquals("LessThanThreshold", stale.get("ComparisonOperator"));
        assertEquals(1, stale.get("Threshold"));
        assertEquals(10, stale.get("EvaluationPeriods"));
        assertEquals(10, stale.get("DatapointsToAlarm"));
        assertEquals("breaching", stale.get("TreatMissingData"));
    }

    @Test
    void topicsAtRiskOrLosingDataAlarm() {
        assertEquals(Map.of("MetricName", "TopicsAtRisk", "Namespace", "LogWise/Kafka", "Statistic", "Maximum",
                "Period", 300, "Dimensions", List.of(ENVIRONMENT)), metricOf(alarm("topics-at-risk")));
        assertEquals(Map.of("MetricName", "TopicsDataLost", "Namespace", "LogWise/Kafka", "Statistic", "Maximum",
                "Period", 300, "Dimensions", List.of(ENVIRONMENT)), metricOf(alarm("topics-data-lost")));
        assertEquals("GreaterThanOrEqualToThreshold", alarm("topics-data-lost").get("ComparisonOperator"));
    }

    @Test
    void consumersThatDoNotReadAddedPartitionsAlarm() {
        Map<String, Object> unread = alarm("topics-new-partitions-unread");
        assertEquals(Map.of("MetricName", "TopicsNewPartitionsUnread", "Namespace", "LogWise/Kafka",
                "Statistic", "Maximum", "Period", 300, "Dimensions", List.of(ENVIRONMENT)), metricOf(unread));
        assertEquals("GreaterThanOrEqualToThreshold", unread.get("ComparisonOperator"));
        assertEquals(1, unread.get("Threshold"));
        assertTrue(((String) unread.get("AlarmDescription")).contains("read by nobody"));
    }

    @Test
    void scalerRefusalsOfAnyReasonAlarmThroughOneMetricsInsightsQuery() {
        List<?> metrics = (List<?>) alarm("scaling-refusals").get("Metrics");
        assertEquals(1, metrics.size());
        assertEquals("SELECT SUM(ScalingRefusals) FROM SCHEMA(\"LogWise/Kafka\", Environment, Reason)"
                + " WHERE Environment = 'msk-iam-example'", ((Map<?, ?>) metrics.get(0)).get("Expression"));
        assertEquals(Map.of("MetricName", "RetentionRefusals", "Namespace", "LogWise/Kafka", "Statistic", "Sum",
                "Period", 300, "Dimensions", List.of(ENVIRONMENT)), metricOf(alarm("retention-refusals")));
    }

    /**
     * Schedules and rules invoke every function's live alias asynchronously, so each function has alarms on the
     * asynchronous metrics of that alias (Lambda reports them by FunctionName and Resource {@code name:live}).
     */
    @ParameterizedTest
    @EnumSource(LogwiseFunction.class)
    void droppedAsyncEventsAndDestinationDeliveryFailuresAlarmOnTheAliasTheTriggersInvoke(LogwiseFunction function) {
        assertFalse(facts.rulesTargeting(function).isEmpty(), function + " is invoked asynchronously by a rule");
        List<Map<String, Object>> aliasDimensions = List.of(
                Map.of("Name", "FunctionName", "Value", Map.of("Ref", function.logicalId())),
                Map.of("Name", "Resource", "Value", Map.of("Fn::Join", List.of("", List.of(
                        Map.of("Ref", function.logicalId()), ":live")))));
        assertEquals("live", facts.properties(facts.aliasId(function)).get("Name"));
        for (String metric : List.of("AsyncEventsDropped", "DestinationDeliveryFailures")) {
            String name = function.functionName() + (metric.equals("AsyncEventsDropped")
                    ? "-async-events-dropped" : "-destination-delivery-failures");
            Map<String, Object> alarm = alarm(name);
            assertEquals(Map.of("MetricName", metric, "Namespace", "AWS/Lambda", "Statistic", "Sum", "Period", 300,
                    "Dimensions", aliasDimensions), metricOf(alarm), name);
            assertEquals("GreaterThanOrEqualToThreshold", alarm.get("ComparisonOperator"));
            assertEquals(1, alarm.get("Threshold"));
            assertEquals("notBreaching", alarm.get("TreatMissingData"));
        }
    }

    @Test
    void theScannersDeliveryAlarmSaysTheScanResultWasLost() {
        assertTrue(((String) alarm("lag-scanner-destination-delivery-failures").get("AlarmDescription"))
                .contains("scan result did not reach the event bus"));
        // Its on-success destination is the bus: that is the delivery the alarm watches.
        Map<?, ?> destinations = (Map<?, ?>) facts.invokeConfig(LogwiseFunction.LAG_SCANNER).get("DestinationConfig");
        assertTrue(destinations.containsKey("OnSuccess"));
    }

    /** Every rule (three schedules on the default bus, four rules on the LogWise bus) is in the lost-delivery sum. */
    @Test
    @SuppressWarnings("unchecked")
    void ruleDeliveriesLostOnTheWayToTheFailedEventsQueueAlarmForEveryRule() {
        List<Map<String, Object>> metrics = (List<Map<String, Object>>) alarm("rule-deliveries-lost").get("Metrics");
        Map<String, Object> sum = metrics.stream().filter(m -> m.containsKey("Expression")).findFirst().orElseThrow();
        assertEquals("SUM(FILL(METRICS(), 0))", sum.get("Expression"));
        assertEquals(true, sum.get("ReturnData"));
        Map<Object, Object> dimensionsByRule = new HashMap<>();
        for (Map<String, Object> metric : metrics) {
            if (metric.containsKey("MetricStat")) {
                Map<String, Object> stat = (Map<String, Object>) metric.get("MetricStat");
                Map<String, Object> inner = (Map<String, Object>) stat.get("Metric");
                assertEquals("AWS/Events", inner.get("Namespace"));
                assertEquals("InvocationsFailedToBeSentToDlq", inner.get("MetricName"));
                assertEquals("Sum", stat.get("Stat"));
                Map<Object, Object> dimensions = new HashMap<>();
                ((List<Map<String, Object>>) inner.get("Dimensions"))
                        .forEach(d -> dimensions.put(d.get("Name"), d.get("Value")));
                dimensionsByRule.put(dimensions.get("RuleName"), dimensions);
            }
        }
        Map<String, Map<String, Object>> rules = facts.ofType("AWS::Events::Rule");
        assertEquals(7, rules.size());
        rules.forEach((id, rule) -> {
            Map<Object, Object> expected = new HashMap<>();
            expected.put("RuleName", Map.of("Ref", id));
            if (rule.containsKey("EventBusName")) {
                expected.put("EventBusName", rule.get("EventBusName"));
            }
            assertEquals(expected, dimensionsByRule.get(Map.of("Ref", id)), id);
        });
        assertEquals(7, dimensionsByRule.size());
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
        custom.template().resourceCountIs("AWS::SNS::Topic", 0);
        assertEquals(topic, ((Map<?, ?>) ((Map<?, ?>) custom.json().get("Outputs")).get("AlarmTopicArn"))
                .get("Value"));
    }

    @Test
    void theDashboardShowsLagPerTopicAndGroupFromTheScannerMetrics() {
        facts.template().hasResourceProperties("AWS::CloudWatch::Dashboard",
                Map.of("DashboardName", "logwise-kafka-msk-iam-example"));
        String body = TemplateFacts.flatten(facts.ofType("AWS::CloudWatch::Dashboard").values().iterator().next()
                .get("DashboardBody"));
        String environment = " Environment=\\\"msk-iam-example\\\"";
        for (String expression : List.of(
                "SEARCH('{LogWise/Kafka,Environment,Topic}" + environment
                        + " MetricName=\\\"MaxPartitionLag\\\"', 'Maximum', 60)",
                "SEARCH('{LogWise/Kafka,Environment,ConsumerGroup,Topic}" + environment
                        + " MetricName=\\\"ConsumerLag\\\"', 'Maximum', 60)",
                "SEARCH('{LogWise/Kafka,Environment,Topic}" + environment
                        + " MetricName=\\\"PartitionsOverThreshold\\\"', 'Maximum', 60)",
                "SEARCH('{LogWise/Kafka,Environment,Reason}" + environment
                        + " MetricName=\\\"ScalingRefusals\\\"', 'Sum', 60)")) {
            assertTrue(body.contains(expression), () -> expression + " not in " + body);
        }
        for (String metric : List.of("TopicsScanned", "TopicsAtRisk", "TopicsDataLost", "ScanDurationMs",
                "PartitionIncreases", "RetentionChanges", "RetentionRefusals", "MaxPartitionLag", "MaxTimeLagSeconds",
                "TopicSeriesOmitted", "ConsumerSeriesOmitted")) {
            assertTrue(body.contains("[\"LogWise/Kafka\",\"" + metric + "\",\"Environment\",\"msk-iam-example\""),
                    () -> metric + " not in " + body);
        }
        assertFalse(body.contains("[\"LogWise/Kafka\",\"TopicsScanned\"]"), "no metric without the environment");
        for (String metric : List.of("AsyncEventsDropped", "DestinationDeliveryFailures")) {
            assertTrue(body.contains("[\"AWS/Lambda\",\"" + metric + "\",\"FunctionName\""), metric);
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
