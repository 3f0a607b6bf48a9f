package io.logwise.kafka.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.infra.settings.DeploymentSettings;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.Code;

/**
 * The two shipped examples share account 111122223333 and region eu-west-1: synthesized side by side in one app,
 * their alarms read disjoint metrics, and every custom metric they read names its own environment.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings("unchecked")
class EnvironmentIsolationTest {

    private static final List<String> ENVIRONMENTS = List.of("msk-iam-example", "scram-example");
    private final Map<String, Map<String, Object>> templates = new TreeMap<>();

    @BeforeAll
    void synthesizeBothInOneApp() {
        App app = TestApps.app(Map.of());
        Map<String, Object> environments = (Map<String, Object>) TestApps.cdkJsonContext().get("environments");
        Map<String, Stack> stacks = new TreeMap<>();
        for (String name : ENVIRONMENTS) {
            DeploymentSettings settings = DeploymentSettings.fromContext(name, environments);
            stacks.put(name, LogwiseApp.createStack(app, LogwiseApp.stackName(settings),
                    new LogwiseStackProps(settings, Code.fromAsset(TestApps.standInAsset().toString()))));
        }
        // Both stacks exist before the app is synthesized once.
        stacks.forEach((name, stack) ->
                templates.put(name, (Map<String, Object>) Template.fromStack(stack).toJSON()));
        DeploymentSettings first = DeploymentSettings.fromContext(ENVIRONMENTS.get(0), environments);
        DeploymentSettings second = DeploymentSettings.fromContext(ENVIRONMENTS.get(1), environments);
        assertEquals(first.account(), second.account(), "the premise: one account");
        assertEquals(first.region(), second.region(), "the premise: one region");
    }

    @Test
    void theAlarmsOfTwoEnvironmentsReadDisjointMetrics() {
        Set<String> first = metricsReadByAlarms(ENVIRONMENTS.get(0));
        Set<String> second = metricsReadByAlarms(ENVIRONMENTS.get(1));
        assertEquals(23, alarms(ENVIRONMENTS.get(0)).size());
        Set<String> shared = new HashSet<>(first);
        shared.retainAll(second);
        assertEquals(Set.of(), shared, "metrics both environments' alarms read");
    }

    @Test
    void everyCustomMetricAnAlarmReadsNamesItsEnvironment() {
        for (String environment : ENVIRONMENTS) {
            List<String> custom = metricsReadByAlarms(environment).stream()
                    .filter(metric -> metric.contains("LogWise/Kafka")).toList();
            assertEquals(6, custom.size(), custom::toString);
            for (String metric : custom) {
                assertTrue(metric.contains("Environment=" + environment)
                        || metric.contains("WHERE Environment = '" + environment + "'"), metric);
            }
        }
    }

    @Test
    void eachDashboardReadsOnlyItsOwnEnvironment() {
        for (String environment : ENVIRONMENTS) {
            String other = ENVIRONMENTS.stream().filter(e -> !e.equals(environment)).findFirst().orElseThrow();
            Map<String, Object> dashboard = resources(environment, "AWS::CloudWatch::Dashboard").get(0);
            String body = TemplateFacts.flatten(dashboard.get("DashboardBody"));
            assertFalse(body.contains(other), "the other environment's name in " + environment + "'s dashboard");
            int customMetrics = count(body, "[\"LogWise/Kafka\",");
            int withEnvironment = count(body, "\",\"Environment\",\"" + environment + "\"");
            assertTrue(customMetrics > 5, body);
            assertEquals(customMetrics, withEnvironment, "every LogWise/Kafka metric on the dashboard");
            int searches = count(body, "SEARCH(");
            int ownSearches = count(body, "Environment=\\\"" + environment + "\\\"");
            assertEquals(4, count(body, "\"expression\":\"SEARCH("), "four widgets search");
            assertEquals(searches, ownSearches, body);
        }
    }

    private static int count(String text, String literal) {
        int count = 0;
        for (int at = text.indexOf(literal); at >= 0; at = text.indexOf(literal, at + 1)) {
            count++;
        }
        return count;
    }

    /** One string per metric an alarm reads: namespace, name and resolved dimensions, or a query expression. */
    private Set<String> metricsReadByAlarms(String environment) {
        Set<String> metrics = new HashSet<>();
        for (Map<String, Object> alarm : alarms(environment)) {
            if (alarm.containsKey("MetricName")) {
                metrics.add(identity(environment, alarm));
            }
            for (Map<String, Object> query : (List<Map<String, Object>>) alarm.getOrDefault("Metrics", List.of())) {
                if (query.containsKey("MetricStat")) {
                    metrics.add(identity(environment,
                            (Map<String, Object>) ((Map<String, Object>) query.get("MetricStat")).get("Metric")));
                } else if (((String) query.get("Expression")).startsWith("SELECT")) {
                    metrics.add((String) query.get("Expression"));
                }
            }
        }
        return metrics;
    }

    private String identity(String environment, Map<String, Object> metric) {
        Map<String, String> dimensions = new TreeMap<>();
        for (Map<String, Object> dimension : (List<Map<String, Object>>) metric.getOrDefault("Dimensions", List.of())) {
            dimensions.put((String) dimension.get("Name"), physical(environment, dimension.get("Value")));
        }
        return metric.get("Namespace") + "/" + metric.get("MetricName") + dimensions;
    }

    /**
     * A literal as it is; a function by the name the template gives it (the names differ by environment); any other
     * reference by stack and logical id, since two stacks never share a resource.
     */
    private String physical(String environment, Object value) {
        if (value instanceof Map<?, ?> map && map.get("Ref") instanceof String id) {
            Map<String, Object> resource = (Map<String, Object>) ((Map<String, Object>) templates.get(environment)
                    .get("Resources")).get(id);
            if ("AWS::Lambda::Function".equals(resource.get("Type"))) {
                return (String) ((Map<String, Object>) resource.get("Properties")).get("FunctionName");
            }
            return LogwiseApp.stackName(DeploymentSettings.fromContext(environment,
                    TestApps.cdkJsonContext().get("environments"))) + "/" + id;
        }
        if (value instanceof Map<?, ?> map && map.get("Fn::Join") instanceof List<?> join) {
            StringBuilder joined = new StringBuilder();
            ((List<Object>) join.get(1)).forEach(part -> joined.append(physical(environment, part)));
            return joined.toString();
        }
        if (value instanceof Map<?, ?> map && map.get("Fn::GetAtt") instanceof List<?> getAtt) {
            return environment + "/" + getAtt;
        }
        return String.valueOf(value);
    }

    private List<Map<String, Object>> alarms(String environment) {
        return resources(environment, "AWS::CloudWatch::Alarm");
    }

    private List<Map<String, Object>> resources(String environment, String type) {
        List<Map<String, Object>> found = new ArrayList<>();
        ((Map<String, Object>) templates.get(environment).get("Resources")).values().forEach(raw -> {
            Map<String, Object> resource = (Map<String, Object>) raw;
            if (type.equals(resource.get("Type"))) {
                found.add((Map<String, Object>) resource.get("Properties"));
            }
        });
        return found;
    }
}
