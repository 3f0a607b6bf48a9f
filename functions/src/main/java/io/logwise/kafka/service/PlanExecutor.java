package io.logwise.kafka.service;

import io.logwise.kafka.error.KafkaAuthorizationException;
import io.logwise.kafka.gateway.CallResult;
import io.logwise.kafka.gateway.TopicsKafkaGateway;
import io.logwise.kafka.topics.ConfigChange;
import io.logwise.kafka.topics.TopicPlan.Adopt;
import io.logwise.kafka.topics.TopicPlan.Create;
import io.logwise.kafka.topics.TopicPlan;
import io.logwise.kafka.topics.TopicResult.Status;
import io.logwise.kafka.topics.TopicResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a list of plans with one createTopics, one incrementalAlterConfigs and one createPartitions call for
 * the whole batch, and logs every change made as one JSON line with the topic, the change and the reason.
 */
final class PlanExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(PlanExecutor.class);

    private final TopicsKafkaGateway gateway;
    private List<Map<String, CallResult>> lastCalls = List.of();
    private List<TopicResult> lastResults = List.of();

    PlanExecutor(TopicsKafkaGateway gateway) {
        this.gateway = gateway;
    }

    /** Carries the plans out; call {@link #failIfRefusedPermission()} once the outcomes are recorded. */
    List<TopicResult> execute(List<TopicPlan> plans) {
        List<Create> creates = new ArrayList<>();
        Map<String, Map<String, String>> pins = new LinkedHashMap<>();
        Map<String, Integer> raises = new LinkedHashMap<>();
        for (TopicPlan plan : plans) {
            if (plan instanceof Create create) {
                creates.add(create);
            } else if (plan instanceof Adopt adopt) {
                if (!adopt.configPins().isEmpty()) {
                    Map<String, String> configs = new LinkedHashMap<>();
                    adopt.configPins().forEach(change -> configs.put(change.setting(), change.to()));
                    pins.put(adopt.topic(), configs);
                }
                adopt.raisePartitionsTo().ifPresent(target -> raises.put(adopt.topic(), target));
            }
        }
        Map<String, CallResult> created = gateway.createTopics(creates);
        Map<String, CallResult> pinned = gateway.setTopicConfigs(pins);
        Map<String, CallResult> raised = gateway.raisePartitions(raises);
        List<TopicResult> results = new ArrayList<>(plans.size());
        for (TopicPlan plan : plans) {
            if (plan instanceof Create create) {
                results.add(createResult(create, created.get(create.topic())));
            } else if (plan instanceof Adopt adopt) {
                results.add(adoptResult(adopt, pinned.get(adopt.topic()), raised.get(adopt.topic())));
            } else {
                results.add(plan.asResult());
            }
        }
        lastCalls = List.of(created, pinned, raised);
        lastResults = results;
        return results;
    }

    /**
     * A missing permission is a deployment fault, not a topic's state: after the per-topic log lines and the journal's
     * outcomes, fail the invocation so Lambda's error metric, alarm and failed-event queue see it.
     */
    void failIfRefusedPermission() {
        List<TopicResult> results = lastResults;
        List<String> refused = lastCalls.stream().flatMap(call -> call.entrySet().stream())
                .filter(entry -> entry.getValue().notAuthorized()).map(Map.Entry::getKey).distinct().toList();
        if (refused.isEmpty()) {
            return;
        }
        long changed = results.stream()
                .filter(result -> result.status() == Status.CREATED || result.status() == Status.ADOPTED).count();
        throw new KafkaAuthorizationException("not authorized: provisioning " + String.join(", ", refused)
                + " was refused by the cluster: the function needs CREATE, ALTER and ALTER_CONFIGS on the managed"
                + " topics (MSK IAM: kafka-cluster:CreateTopic, AlterTopic, AlterTopicDynamicConfiguration); "
                + (changed == 0 ? "nothing was changed" : changed + " other topic(s) were created or adopted"
                + " (a retry reports them as existing)"));
    }

    private static TopicResult createResult(Create plan, CallResult call) {
        TopicResult planned = plan.asResult();
        return switch (call.outcome()) {
            case DONE -> {
                logChange("topic-created", plan.topic(), planned.changes(), planned.reason());
                yield planned;
            }
            case ALREADY_DONE -> planned.withStatus(Status.EXISTS, "created meanwhile by another invocation or by"
                    + " the broker's auto-creation; a sweep pins the policy's configs if they are missing", List.of());
            case FAILED -> failed(planned, call.detail(), List.of());
        };
    }

    /** Reports the changes that were made; any failed part makes the topic {@code failed}. */
    private static TopicResult adoptResult(Adopt plan, CallResult pinCall, CallResult raiseCall) {
        TopicResult planned = plan.asResult();
        List<ConfigChange> made = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (ConfigChange change : planned.changes()) {
            boolean partitions = change.setting().equals(ConfigChange.PARTITIONS);
            CallResult call = partitions ? raiseCall : pinCall;
            switch (call.outcome()) {
                case DONE -> made.add(change);
                case ALREADY_DONE -> { }
                case FAILED -> failures.add(call.detail());
            }
        }
        if (!made.isEmpty()) {
            logChange("topic-adopted", plan.topic(), made, plan.reason());
        }
        if (!failures.isEmpty()) {
            return failed(planned, String.join("; ", failures.stream().distinct().toList()), made);
        }
        if (made.isEmpty()) {
            return planned.withStatus(Status.EXISTS, "brought to the policy meanwhile by another invocation",
                    List.of());
        }
        return planned.withStatus(Status.ADOPTED, planned.reason(), made);
    }

    private static TopicResult failed(TopicResult planned, String detail, List<ConfigChange> made) {
        LOG.atError().addKeyValue("event", "topic-change-failed").addKeyValue("topic", planned.topic())
                .addKeyValue("changesMade", describe(made)).log("{}: {}", planned.topic(), detail);
        return planned.withStatus(Status.FAILED, detail, made);
    }

    private static void logChange(String event, String topic, List<ConfigChange> changes, String reason) {
        LOG.atInfo().addKeyValue("event", event).addKeyValue("topic", topic)
                .addKeyValue("changes", describe(changes)).addKeyValue("reason", reason)
                .log("{} {}: {}", event, topic, describe(changes));
    }

    private static String describe(List<ConfigChange> changes) {
        return String.join(", ", changes.stream()
                .map(change -> change.setting() + "=" + change.to()
                        + (change.from() == null ? "" : " (was " + change.from() + ")"))
                .toList());
    }
}
