package io.logwise.kafka.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.sqs.Queue;

/** cdk-nag's AwsSolutions pack finds nothing unsuppressed in any configuration, and every suppression is reasoned. */
class CdkNagTest {

    private static final Set<String> SUPPRESSIBLE =
            Set.of("AwsSolutions-IAM5", "AwsSolutions-SQS3", "AwsSolutions-IAM4");

    static Stream<Arguments> configurations() {
        return Stream.of(
                Arguments.of("msk-iam-example", TestApps.environment("msk-iam-example")),
                Arguments.of("msk-iam-example", TestApps.edited("msk-iam-example", env -> {
                    MskIamStackTest.kafka(env).put("bootstrapServers", "b-1.msk.example:9098");
                    env.put("alarms", Map.of("topicArn", "arn:aws:sns:eu-west-1:111122223333:oncall"));
                    env.remove("checkpointSources");
                })),
                Arguments.of("scram-example", TestApps.environment("scram-example")),
                Arguments.of("scram-example", TestApps.edited("scram-example",
                        env -> MskIamStackTest.kafka(env).remove("scramSecretKmsKeyArn"))),
                Arguments.of("scram-example", TestApps.edited("scram-example", env -> {
                    network(env).put("endpoints", Map.of("vpcId", "vpc-0a1b2c3d4e5f60718"));
                    env.put("alarms", Map.of("emails", List.of("oncall@example.com")));
                })),
                Arguments.of("msk-iam-example", TestApps.edited("msk-iam-example", env -> network(env).put(
                        "endpoints", Map.of("vpcId", "vpc-0a1b2c3d4e5f60718",
                                "routeTableIds", List.of("rtb-0a1b2c3d4e5f60718"))))),
                Arguments.of("local", TestApps.environment("local")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> network(Map<String, Object> environment) {
        return (Map<String, Object>) environment.get("network");
    }

    @ParameterizedTest
    @MethodSource("configurations")
    void noUnsuppressedFindingAndNoWarning(String name, Map<String, Object> environment) {
        Stack stack = TestApps.stack(name, environment);
        Annotations annotations = Annotations.fromStack(stack);
        assertEquals(List.of(), annotations.findError("*", Match.anyValue()));
        assertEquals(List.of(), annotations.findWarning("*", Match.anyValue()));
    }

    @ParameterizedTest
    @MethodSource("configurations")
    @SuppressWarnings("unchecked")
    void everySuppressionNamesItsRuleItsFindingsAndAReason(String name, Map<String, Object> environment) {
        Map<String, Object> resources = (Map<String, Object>) Template.fromStack(TestApps.stack(name, environment))
                .toJSON().get("Resources");
        List<Map<String, Object>> suppressions = new ArrayList<>();
        resources.values().forEach(resource -> {
            Map<String, Object> metadata = (Map<String, Object>) ((Map<String, Object>) resource).get("Metadata");
            if (metadata != null && metadata.get("cdk_nag") instanceof Map<?, ?> nag) {
                suppressions.addAll((List<Map<String, Object>>) nag.get("rules_to_suppress"));
            }
        });
        assertFalse(suppressions.isEmpty());
        for (Map<String, Object> suppression : suppressions) {
            assertTrue(SUPPRESSIBLE.contains(suppression.get("id")), suppression::toString);
            assertTrue(((String) suppression.get("reason")).length() >= 60, suppression::toString);
            if (!"AwsSolutions-SQS3".equals(suppression.get("id"))) {
                assertFalse(((List<?>) suppression.get("applies_to")).isEmpty(), "IAM findings are named one by one");
            }
        }
    }

    @Test
    void theChecksAreLive() {
        App app = TestApps.app(Map.of("@aws-cdk/core:annotationsInValidationReport", false));
        Stack stack = new Stack(app, "Unsafe");
        Queue.Builder.create(stack, "PlainQueue").build();
        Aspects.of(stack).add(new AwsSolutionsChecks());
        List<?> errors = Annotations.fromStack(stack).findError("*", Match.stringLikeRegexp("AwsSolutions-SQS4.*"));
        assertEquals(1, errors.size());
    }
}
