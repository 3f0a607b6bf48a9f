package io.logwise.kafka.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.infra.settings.LogwiseFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every log group follows logRetentionDays, and suppression reasons name the function they are attached to. */
@SuppressWarnings("unchecked")
class LogGroupsAndSuppressionsTest {

    /** The MSK IAM example looks its brokers up with CDK's AwsCustomResource, whose provider function logs too. */
    @ParameterizedTest
    @ValueSource(ints = {7, 30, 400})
    void everyLogGroupTheCustomResourcesIncludedKeepsLogRetentionDays(int days) {
        TemplateFacts facts = TemplateFacts.of(TestApps.stack("msk-iam-example",
                TestApps.edited("msk-iam-example", env -> env.put("logRetentionDays", days))));
        Map<String, Map<String, Object>> groups = facts.ofType("AWS::Logs::LogGroup");
        assertEquals(5, groups.size(), "four functions and the custom resource provider");
        groups.forEach((id, group) -> assertEquals(days, group.get("RetentionInDays"), id));
        facts.template().resourceCountIs("Custom::LogRetention", 0);
        Map<String, Object> provider = facts.ofType("AWS::Lambda::Function").entrySet().stream()
                .filter(function -> function.getKey().startsWith("AWS679f53fac002430cb0da5b7982bd2287"))
                .map(Map.Entry::getValue).findFirst().orElseThrow();
        String providerGroup = (String) ((Map<String, Object>) ((Map<String, Object>) provider.get("LoggingConfig"))
                .get("LogGroup")).get("Ref");
        assertTrue(groups.containsKey(providerGroup), "the provider logs to the group with the retention");
    }

    /**
     * Three functions reach the ConsumerGroups statement, each for its own reason; the IAM5 suppression on each role
     * must say why that role's function needs it (it used to name only the lag scanner on the retention updater's
     * role).
     */
    @Test
    void theConsumerGroupsSuppressionOnEachRoleNamesThatRolesFunction() {
        TemplateFacts facts = TemplateFacts.of(TestApps.stack("msk-iam-example"));
        Map<LogwiseFunction, String> why = Map.of(LogwiseFunction.LAG_SCANNER, "the lag scanner measures",
                LogwiseFunction.PARTITION_SCALER, "the partition scaler measures again the lag a scan claims",
                LogwiseFunction.RETENTION_UPDATER, "the retention updater finds the oldest record");
        Map<String, Object> resources = (Map<String, Object>) facts.json().get("Resources");
        for (LogwiseFunction function : LogwiseFunction.values()) {
            String role = (String) ((List<Object>) ((Map<String, Object>) facts.function(function).get("Role"))
                    .get("Fn::GetAtt")).get(0);
            List<String> reasons = new ArrayList<>();
            resources.forEach((id, raw) -> {
                Map<String, Object> resource = (Map<String, Object>) raw;
                Map<String, Object> metadata = (Map<String, Object>) resource.get("Metadata");
                boolean ofThisRole = id.equals(role) || "AWS::IAM::Policy".equals(resource.get("Type"))
                        && ((List<Object>) ((Map<String, Object>) resource.get("Properties")).get("Roles"))
                        .contains(Map.of("Ref", role));
                if (ofThisRole && metadata != null && metadata.get("cdk_nag") instanceof Map<?, ?> nag) {
                    for (Map<String, Object> rule : (List<Map<String, Object>>) nag.get("rules_to_suppress")) {
                        if (rule.get("applies_to").toString().contains(":group/")) {
                            reasons.add((String) rule.get("reason"));
                        }
                    }
                }
            });
            if (why.containsKey(function)) {
                assertFalse(reasons.isEmpty(), function + " has a suppression for its group wildcard");
                reasons.forEach(reason -> assertTrue(reason.contains(why.get(function)), function + ": " + reason));
            } else {
                assertEquals(List.of(), reasons, function + " has no ConsumerGroups statement");
            }
        }
    }
}
