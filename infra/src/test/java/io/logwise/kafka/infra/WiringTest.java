package io.logwise.kafka.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.logwise.kafka.infra.settings.LogwiseFunction;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awscdk.assertions.Match;

/** Log groups, destinations, failed-event queues, schedules and rules of the MSK IAM example environment. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WiringTest {

    private TemplateFacts facts;
    private String bus;

    @BeforeAll
    void synthesize() {
        facts = TemplateFacts.of(TestApps.stack("msk-iam-example"));
        bus = facts.ofType("AWS::Events::EventBus").keySet().iterator().next();
    }

    @Test
    void theBusIsNamedAfterTheEnvironment() {
        facts.template().hasResourceProperties("AWS::Events::EventBus",
                Map.of("Name", "logwise-kafka-msk-iam-example"));
    }

    @ParameterizedTest
    @EnumSource(LogwiseFunction.class)
    void eachFunctionLogsToItsOwnRetainedGroupWithRetentionNamedByCloudFormation(LogwiseFunction function) {
        Map<?, ?> logging = (Map<?, ?>) facts.function(function).get("LoggingConfig");
        String logGroup = (String) ((Map<?, ?>) logging.get("LogGroup")).get("Ref");
        // No LogGroupName: the group outlives a deleted stack, and a fixed name would then block re-creating it.
        assertEquals(Map.of("RetentionInDays", 30), facts.properties(logGroup));
        Map<?, ?> resource = (Map<?, ?>) ((Map<?, ?>) facts.json().get("Resources")).get(logGroup);
        assertEquals("Retain", resource.get("DeletionPolicy"));
        assertEquals("Retain", resource.get("UpdateReplacePolicy"));
        Map<?, ?> output = (Map<?, ?>) ((Map<?, ?>) facts.json().get("Outputs"))
                .get(function.constructId() + "LogGroup");
        assertEquals(Map.of("Ref", logGroup), output.get("Value"), "the operator finds the group by the output");
    }

    @ParameterizedTest
    @EnumSource(LogwiseFunction.class)
    void failedInvocationsGoToTheFunctionsEncryptedTlsOnlyQueue(LogwiseFunction function) {
        Map<String, Object> config = facts.invokeConfig(function);
        assertEquals(function.defaults().retryAttempts(), config.get("MaximumRetryAttempts"));
        assertEquals(function.defaults().maxEventAgeMinutes() * 60, config.get("MaximumEventAgeInSeconds"));
        String queue = facts.failedEventsQueueId(function);
        assertEquals(true, facts.properties(queue).get("SqsManagedSseEnabled"));
        assertEquals(14 * 24 * 3600, facts.properties(queue).get("MessageRetentionPeriod"));
        facts.template().hasResourceProperties("AWS::SQS::QueuePolicy", Map.of(
                "Queues", List.of(Map.of("Ref", queue)),
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Deny",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))))))))));
        Map<?, ?> destinations = (Map<?, ?>) config.get("DestinationConfig");
        if (function == LogwiseFunction.LAG_SCANNER) {
            assertEquals(Map.of("Destination", Map.of("Fn::GetAtt", List.of(bus, "Arn"))),
                    destinations.get("OnSuccess"));
        } else {
            assertNull(destinations.get("OnSuccess"));
        }
    }

    @ParameterizedTest
    @EnumSource(LogwiseFunction.class)
    void triggersInvokeThePublishedLiveAliasAndUndeliverableEventsGoToTheSameQueue(LogwiseFunction function) {
        String alias = facts.aliasId(function);
        assertEquals("live", facts.properties(alias).get("Name"));
        Map<String, Map<String, Object>> rules = facts.rulesTargeting(function);
        assertFalse(rules.isEmpty());
        String queue = facts.failedEventsQueueId(function);
        for (Map<String, Object> rule : rules.values()) {
            for (Object target : (List<?>) rule.get("Targets")) {
                Map<?, ?> map = (Map<?, ?>) target;
                if (Map.of("Ref", alias).equals(map.get("Arn"))) {
                    assertEquals(Map.of("Arn", Map.of("Fn::GetAtt", List.of(queue, "Arn"))),
                            map.get("DeadLetterConfig"));
                }
            }
        }
        facts.template().hasResourceProperties("AWS::Lambda::Permission", Map.of(
                "Action", "lambda:InvokeFunction",
                "FunctionName", Map.of("Ref", alias),
                "Principal", "events.amazonaws.com"));
    }

    @Test
    void schedulesOnTheDefaultBusRunTheScanTheSweepAndTheExpiryRun() {
        assertEquals(List.of("rate(1 minute)"), schedules(LogwiseFunction.LAG_SCANNER));
        assertEquals(List.of("rate(15 minutes)"), schedules(LogwiseFunction.TOPIC_PROVISIONER));
        assertEquals(List.of("rate(5 minutes)"), schedules(LogwiseFunction.RETENTION_UPDATER));
        assertEquals(List.of(), schedules(LogwiseFunction.PARTITION_SCALER));
    }

    @Test
    void scheduleRatesComeFromTheContext() {
        TemplateFacts custom = TemplateFacts.of(TestApps.stack("msk-iam-example", TestApps.edited("msk-iam-example",
                env -> env.put("schedules", Map.of("scanRateMinutes", 2, "sweepRateMinutes", "30",
                        "expiryRateMinutes", 10)))));
        assertEquals(List.of("rate(2 minutes)"), schedules(custom, LogwiseFunction.LAG_SCANNER));
        assertEquals(List.of("rate(30 minutes)"), schedules(custom, LogwiseFunction.TOPIC_PROVISIONER));
        assertEquals(List.of("rate(10 minutes)"), schedules(custom, LogwiseFunction.RETENTION_UPDATER));
    }

    @Test
    void manualRequestsAreRoutedByDetailTypeOnTheBus() {
        assertEquals(List.of(requestPattern("Provision Topics")), busPatterns(LogwiseFunction.TOPIC_PROVISIONER));
        assertEquals(List.of(requestPattern("Scale Partitions"), scanResultPattern()),
                busPatterns(LogwiseFunction.PARTITION_SCALER));
        assertEquals(List.of(requestPattern("Change Retention"), scanResultPattern()),
                busPatterns(LogwiseFunction.RETENTION_UPDATER));
        assertEquals(List.of(), busPatterns(LogwiseFunction.LAG_SCANNER));
    }

    @Test
    void scanResultsReachTheScalerAndTheRetentionUpdaterInOneRule() {
        List<Map<String, Object>> rules = facts.ofType("AWS::Events::Rule").values().stream()
                .filter(rule -> scanResultPattern().equals(flattenPattern(rule.get("EventPattern")))).toList();
        assertEquals(1, rules.size());
        List<?> targets = (List<?>) rules.get(0).get("Targets");
        assertEquals(List.of(Map.of("Ref", facts.aliasId(LogwiseFunction.PARTITION_SCALER)),
                Map.of("Ref", facts.aliasId(LogwiseFunction.RETENTION_UPDATER))),
                targets.stream().map(t -> ((Map<?, ?>) t).get("Arn")).toList());
    }

    private List<String> schedules(LogwiseFunction function) {
        return schedules(facts, function);
    }

    private static List<String> schedules(TemplateFacts facts, LogwiseFunction function) {
        return facts.rulesTargeting(function).values().stream()
                .filter(rule -> rule.containsKey("ScheduleExpression"))
                .peek(rule -> assertFalse(rule.containsKey("EventBusName"), "schedules run on the default bus"))
                .map(rule -> (String) rule.get("ScheduleExpression"))
                .toList();
    }

    private List<Object> busPatterns(LogwiseFunction function) {
        return facts.rulesTargeting(function).values().stream()
                .filter(rule -> rule.containsKey("EventPattern"))
                .peek(rule -> assertEquals(Map.of("Ref", bus), rule.get("EventBusName")))
                .map(rule -> flattenPattern(rule.get("EventPattern")))
                .sorted((a, b) -> a.toString().compareTo(b.toString()))
                .toList();
    }

    private static Map<String, Object> requestPattern(String detailType) {
        return Map.of("source", List.of("logwise.kafka"), "detail-type", List.of(detailType));
    }

    private static Map<String, Object> scanResultPattern() {
        return Map.of("source", List.of("lambda"),
                "detail-type", List.of("Lambda Function Invocation Result - Success"),
                "detail", Map.of("requestContext", Map.of(
                        "functionArn", List.of(Map.of("prefix", "<LagScannerFunction.Arn>:")))));
    }

    /** The pattern with references flattened, so a token prefix compares as {@code <LagScannerFunction.Arn>:}. */
    static Object flattenPattern(Object pattern) {
        if (pattern instanceof Map<?, ?> map) {
            if (map.containsKey("Fn::Join") || map.containsKey("Fn::GetAtt") || map.containsKey("Ref")) {
                return TemplateFacts.flatten(map);
            }
            Map<String, Object> flat = new TreeMap<>();
            map.forEach((key, value) -> flat.put((String) key, flattenPattern(value)));
            return flat;
        }
        if (pattern instanceof List<?> list) {
            return list.stream().map(WiringTest::flattenPattern).toList();
        }
        return pattern;
    }
}
