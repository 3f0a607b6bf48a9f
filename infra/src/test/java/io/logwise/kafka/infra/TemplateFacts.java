package io.logwise.kafka.infra;

import io.logwise.kafka.infra.nag.NagFindings;
import io.logwise.kafka.infra.settings.LogwiseFunction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

/** Reads facts out of a synthesized template: a function's environment, role statements, alias, queue and rules. */
@SuppressWarnings("unchecked")
public final class TemplateFacts {

    /** One IAM statement, references flattened the way cdk-nag names them (e.g. {@code <BusEA82B648.Arn>}). */
    public record Statement(String sid, List<String> actions, List<String> resources, Object condition) {
    }

    private final Template template;
    private final Map<String, Object> resources;

    private TemplateFacts(Template template) {
        this.template = template;
        this.resources = (Map<String, Object>) template.toJSON().get("Resources");
    }

    public static TemplateFacts of(Stack stack) {
        return new TemplateFacts(Template.fromStack(stack));
    }

    public Template template() {
        return template;
    }

    public Map<String, Object> json() {
        return (Map<String, Object>) template.toJSON();
    }

    public Map<String, Object> properties(String logicalId) {
        Map<String, Object> resource = (Map<String, Object>) resources.get(logicalId);
        Objects.requireNonNull(resource, () -> "no resource " + logicalId);
        return (Map<String, Object>) resource.getOrDefault("Properties", Map.of());
    }

    public Map<String, Map<String, Object>> ofType(String type) {
        Map<String, Map<String, Object>> found = new TreeMap<>();
        resources.forEach((id, resource) -> {
            Map<String, Object> map = (Map<String, Object>) resource;
            if (type.equals(map.get("Type"))) {
                found.put(id, (Map<String, Object>) map.getOrDefault("Properties", Map.of()));
            }
        });
        return found;
    }

    public Map<String, Object> function(LogwiseFunction function) {
        return properties(function.logicalId());
    }

    public Map<String, String> environment(LogwiseFunction function) {
        Map<String, Object> variables = (Map<String, Object>) ((Map<String, Object>) function(function)
                .get("Environment")).get("Variables");
        Map<String, String> flat = new TreeMap<>();
        variables.forEach((name, value) -> flat.put(name, flatten(value)));
        return flat;
    }

    public List<Statement> statements(LogwiseFunction function) {
        String roleId = (String) ((List<Object>) ((Map<String, Object>) function(function).get("Role"))
                .get("Fn::GetAtt")).get(0);
        List<Statement> statements = new ArrayList<>();
        ofType("AWS::IAM::Policy").values().stream()
                .filter(policy -> ((List<Object>) policy.get("Roles")).contains(Map.of("Ref", roleId)))
                .forEach(policy -> {
                    Map<String, Object> document = (Map<String, Object>) policy.get("PolicyDocument");
                    for (Object raw : (List<Object>) document.get("Statement")) {
                        Map<String, Object> statement = (Map<String, Object>) raw;
                        if (!"Allow".equals(statement.get("Effect"))) {
                            throw new AssertionError("unexpected statement " + statement);
                        }
                        statements.add(new Statement((String) statement.get("Sid"),
                                strings(statement.get("Action")),
                                strings(statement.get("Resource")).stream().toList(),
                                statement.get("Condition")));
                    }
                });
        return statements;
    }

    public Map<String, Statement> statementsBySid(LogwiseFunction function) {
        Map<String, Statement> bySid = new LinkedHashMap<>();
        statements(function).stream().filter(s -> s.sid() != null).forEach(s -> bySid.put(s.sid(), s));
        return bySid;
    }

    public String aliasId(LogwiseFunction function) {
        return ofType("AWS::Lambda::Alias").entrySet().stream()
                .filter(alias -> Map.of("Ref", function.logicalId()).equals(alias.getValue().get("FunctionName")))
                .map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new AssertionError("no alias for " + function));
    }

    public Map<String, Object> invokeConfig(LogwiseFunction function) {
        return ofType("AWS::Lambda::EventInvokeConfig").values().stream()
                .filter(config -> Map.of("Ref", function.logicalId()).equals(config.get("FunctionName")))
                .findFirst().orElseThrow(() -> new AssertionError("no event invoke config for " + function));
    }

    /** The logical id of the function's failed-events queue, read from its on-failure destination. */
    public String failedEventsQueueId(LogwiseFunction function) {
        Map<String, Object> destinations = (Map<String, Object>) invokeConfig(function).get("DestinationConfig");
        Object arn = ((Map<String, Object>) ((Map<String, Object>) destinations.get("OnFailure")).get("Destination"));
        return (String) ((List<Object>) ((Map<String, Object>) arn).get("Fn::GetAtt")).get(0);
    }

    /** Rules with at least one target invoking this function's alias. */
    public Map<String, Map<String, Object>> rulesTargeting(LogwiseFunction function) {
        Map<String, Object> aliasRef = Map.of("Ref", aliasId(function));
        Map<String, Map<String, Object>> rules = new TreeMap<>();
        ofType("AWS::Events::Rule").forEach((id, rule) -> {
            for (Object target : (List<Object>) rule.get("Targets")) {
                if (aliasRef.equals(((Map<String, Object>) target).get("Arn"))) {
                    rules.put(id, rule);
                }
            }
        });
        return rules;
    }

    /** Literal strings as they are; Fn::Join joined; Ref and Fn::GetAtt as cdk-nag names them ({@code <Id.Arn>}). */
    public static String flatten(Object value) {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Map<?, ?> map && map.get("Fn::Join") instanceof List<?> join) {
            return ((List<Object>) join.get(1)).stream().map(TemplateFacts::flatten)
                    .collect(Collectors.joining((String) join.get(0)));
        }
        return NagFindings.flatten(value);
    }

    private static List<String> strings(Object value) {
        List<Object> values = value instanceof List<?> list ? (List<Object>) list : List.of(value);
        return values.stream().map(TemplateFacts::flatten).toList();
    }
}
