package io.logwise.kafka.infra.nag;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders a resolved CloudFormation value the way cdk-nag names it in findings, e.g.
 * {@code arn:<AWS::Partition>:...}.
 */
public final class NagFindings {

    private NagFindings() {
    }

    public static String flatten(Object resolved) {
        if (resolved instanceof String text) {
            return text.replace("${", "<").replace("}", ">");
        }
        if (resolved instanceof Map<?, ?> map) {
            if (map.get("Fn::Join") instanceof List<?> join) {
                String delimiter = (String) join.get(0);
                return ((List<?>) join.get(1)).stream().map(NagFindings::flatten)
                        .collect(Collectors.joining(delimiter));
            }
            if (map.get("Fn::GetAtt") instanceof List<?> getAtt) {
                return "<" + flatten(getAtt.get(0)) + "." + flatten(getAtt.get(1)) + ">";
            }
            if (map.containsKey("Ref")) {
                return "<" + flatten(map.get("Ref")) + ">";
            }
        }
        throw new IllegalArgumentException("cannot name this value as cdk-nag does: " + resolved);
    }
}
