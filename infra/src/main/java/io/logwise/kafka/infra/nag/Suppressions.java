package io.logwise.kafka.infra.nag;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.logwise.kafka.infra.access.WildcardReasons;
import java.util.List;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.IConstruct;

/** cdk-nag suppressions, each with its reason; only the findings named are suppressed, never a whole rule pack. */
public final class Suppressions {

    private Suppressions() {
    }

    public static void suppress(IConstruct construct, String rule, String reason) {
        NagSuppressions.addResourceSuppressions(construct,
                List.of(NagPackSuppression.builder().id(rule).reason(reason).build()), true);
    }

    public static void suppress(IConstruct construct, String rule, String reason, List<String> findings) {
        NagSuppressions.addResourceSuppressions(construct, List.of(NagPackSuppression.builder()
                .id(rule).reason(reason).appliesTo(List.copyOf(findings)).build()), true);
    }

    /** AwsSolutions-IAM5 for each wildcard resource of a statement whose Sid has a {@link WildcardReasons} entry. */
    public static void wildcardResources(IConstruct role, List<PolicyStatement> statements) {
        Stack stack = Stack.of(role);
        for (PolicyStatement statement : statements) {
            WildcardReasons.forSid(statement.getSid()).ifPresent(reason -> {
                List<String> findings = statement.getResources().stream()
                        .map(resource -> NagFindings.flatten(stack.resolve(resource)))
                        .filter(resource -> resource.contains("*"))
                        .map(resource -> "Resource::" + resource)
                        .toList();
                if (!findings.isEmpty()) {
                    suppress(role, "AwsSolutions-IAM5", reason, findings);
                }
            });
        }
    }
}
