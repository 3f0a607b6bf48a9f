package io.logwise.kafka.topics;

import io.logwise.kafka.topics.TopicPlan.Adopt;
import io.logwise.kafka.topics.TopicPlan.Create;
import io.logwise.kafka.topics.TopicPlan.Exists;
import io.logwise.kafka.topics.TopicPlan.Invalid;
import io.logwise.kafka.topics.TopicState.ConfigValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides, from a request (or a sweep) and what the cluster looked like, what to do with each topic. Pure: it
 * never deletes, never lowers partitions or retention, never plans anything outside the managed prefix.
 *
 * <p>A managed topic counts as provisioned when the policy's topic-level configs ({@code retention.ms}, and
 * {@code min.insync.replicas} where the policy sets it) are set on the topic itself. One that inherits them from
 * the broker was auto-created (or made outside the provisioner): adopting it pins them on the topic, so a later
 * broker-wide change cannot silently change it.
 */
public final class ProvisionPlanner {

    private final ManagedPrefix prefix;

    public ProvisionPlanner(ManagedPrefix prefix) {
        this.prefix = prefix;
    }

    /** The legal managed topic names a request is about, in request order: what the describe pass must read. */
    public Set<String> topicsOf(ProvisionRequest request) {
        Set<String> topics = new LinkedHashSet<>();
        for (String entry : request.services()) {
            String topic = prefix.topicFor(entry);
            if (prefix.manages(topic) && TopicNames.problemWith(topic).isEmpty()) {
                topics.add(topic);
            }
        }
        return topics;
    }

    /** One plan per distinct requested topic, in request order; a later duplicate of the same topic is dropped. */
    public List<TopicPlan> planRequest(ProvisionRequest request, TopicPolicy policy, ClusterSnapshot cluster) {
        Map<String, List<String>> existingByKey = byCollisionKey(cluster.topicNames());
        Map<String, String> acceptedByKey = new HashMap<>();
        Map<String, TopicPlan> plans = new LinkedHashMap<>();
        for (String entry : request.services()) {
            String topic = prefix.topicFor(entry);
            if (plans.containsKey(topic)) {
                continue;
            }
            TopicPlan plan = planEntry(entry, topic, request, policy, cluster, existingByKey, acceptedByKey);
            if (!(plan instanceof Invalid)) {
                acceptedByKey.putIfAbsent(TopicNames.collisionKey(topic), topic);
            }
            plans.put(topic, plan);
        }
        return List.copyOf(plans.values());
    }

    /** One plan per described topic under the prefix, by name. */
    public List<TopicPlan> planSweep(TopicPolicy policy, ClusterSnapshot cluster) {
        Map<String, List<String>> existingByKey = byCollisionKey(cluster.topicNames());
        return cluster.described().values().stream()
                .filter(topic -> prefix.manages(topic.name()))
                .sorted(Comparator.comparing(TopicState::name))
                .map(topic -> planExisting(null, topic, policy, false, collisionDrift(topic.name(), existingByKey)))
                .toList();
    }

    private TopicPlan planEntry(String entry, String topic, ProvisionRequest request, TopicPolicy policy,
                                ClusterSnapshot cluster, Map<String, List<String>> existingByKey,
                                Map<String, String> acceptedByKey) {
        if (!prefix.manages(topic)) {
            return new Invalid(entry, null, "no service name: give the service (e.g. order-service) or the full"
                    + " topic name (e.g. " + prefix.value() + "order-service)", Optional.empty());
        }
        Optional<String> problem = TopicNames.problemWith(topic);
        if (problem.isPresent()) {
            return new Invalid(entry, null, "'" + topic + "' is not a legal Kafka topic name: " + problem.get(),
                    NameSuggestion.forName(entry, prefix));
        }
        TopicState existing = cluster.described().get(topic);
        if (existing != null) {
            return planExisting(entry, existing, policy, request.retentionMs().isPresent(),
                    collisionDrift(topic, existingByKey));
        }
        Optional<String> clash = existingClash(topic, existingByKey);
        if (clash.isPresent()) {
            return new Invalid(entry, topic, "collides with the existing topic '" + clash.get() + "': Kafka's metric"
                    + " names replace '.' with '_', so both would report as one", clash);
        }
        String earlier = acceptedByKey.get(TopicNames.collisionKey(topic));
        if (earlier != null) {
            return new Invalid(entry, topic, "collides with '" + earlier + "' earlier in this request: Kafka's"
                    + " metric names replace '.' with '_', so both would report as one", Optional.of(earlier));
        }
        return new Create(entry, topic, policy.partitions(), policy.replicationFactor(), policy.topicConfigs());
    }

    private TopicPlan planExisting(String entry, TopicState topic, TopicPolicy policy, boolean retentionRequested,
                                   List<String> drift) {
        List<ConfigChange> pins = new ArrayList<>();
        pinRetention(topic, policy, retentionRequested, pins, drift);
        pinMinInsyncReplicas(topic, policy, pins, drift);
        if (topic.replicationFactor() < policy.replicationFactor()) {
            drift.add("replication factor " + topic.replicationFactor() + " is below the policy's "
                    + policy.replicationFactor() + "; the provisioner does not move replicas (a partition"
                    + " reassignment does)");
        }
        OptionalInt raiseTo = topic.partitions() < policy.partitions()
                ? OptionalInt.of(policy.partitions()) : OptionalInt.empty();
        if (pins.isEmpty() && raiseTo.isEmpty()) {
            return new Exists(entry, topic.name(), "already provisioned: " + pinnedSummary(topic, policy) + " set on"
                    + " the topic, " + topic.partitions() + " partition(s)", drift);
        }
        List<String> reasons = new ArrayList<>();
        if (!pins.isEmpty()) {
            reasons.add("inherits " + String.join(", ", pins.stream().map(ConfigChange::setting).toList())
                    + " from the broker (auto-created or made outside the provisioner): pinning on the topic");
        }
        raiseTo.ifPresent(target -> reasons.add(topic.partitions() + " partition(s), below the minimum " + target));
        return new Adopt(entry, topic.name(), String.join("; ", reasons), pins, topic.partitions(), raiseTo, drift);
    }

    private static void pinRetention(TopicState topic, TopicPolicy policy, boolean retentionRequested,
                                     List<ConfigChange> pins, List<String> drift) {
        Optional<ConfigValue> current = topic.config(TopicPolicy.RETENTION_MS);
        String wanted = Long.toString(policy.retentionMs());
        if (current.isPresent() && current.get().topicLevel()) {
            if (retentionRequested && !current.get().value().equals(wanted)) {
                drift.add(TopicPolicy.RETENTION_MS + " is " + current.get().value() + " on the topic, the request asks "
                        + wanted + "; the provisioner never changes a topic's own retention (the retention updater"
                        + " does)");
            }
            return;
        }
        String from = current.map(ConfigValue::value).orElse(null);
        if (from != null && retainsLonger(from, policy.retentionMs())) {
            pins.add(ConfigChange.change(TopicPolicy.RETENTION_MS, from, from).withNote("kept the current value:"
                    + " it is above the policy's " + wanted + ", and lowering retention is the retention updater's"
                    + " job"));
            drift.add(TopicPolicy.RETENTION_MS + " " + from + " is above the policy's " + wanted + "; pinned as it"
                    + " is, since the provisioner never lowers retention");
            return;
        }
        pins.add(ConfigChange.change(TopicPolicy.RETENTION_MS, from, wanted));
    }

    private static void pinMinInsyncReplicas(TopicState topic, TopicPolicy policy, List<ConfigChange> pins,
                                             List<String> drift) {
        if (policy.minInsyncReplicas().isEmpty()) {
            return;
        }
        int wanted = policy.minInsyncReplicas().getAsInt();
        Optional<ConfigValue> current = topic.config(TopicPolicy.MIN_INSYNC_REPLICAS);
        if (current.isPresent() && current.get().topicLevel()) {
            return;
        }
        if (wanted > 1 && wanted >= topic.replicationFactor()) {
            drift.add(TopicPolicy.MIN_INSYNC_REPLICAS + " " + wanted + " not pinned: the topic has only "
                    + topic.replicationFactor() + " replica(s), so acks=all producers would stop at the first broker"
                    + " outage");
            return;
        }
        String from = current.map(ConfigValue::value).orElse(null);
        OptionalInt inherited = parseInt(from);
        boolean inheritedIsStricter = inherited.isPresent() && inherited.getAsInt() > wanted
                && inherited.getAsInt() < topic.replicationFactor();
        if (inheritedIsStricter) {
            pins.add(ConfigChange.change(TopicPolicy.MIN_INSYNC_REPLICAS, from, from).withNote("kept the current"
                    + " value: it is above the policy's " + wanted + " and the topic's replicas can satisfy it"));
            return;
        }
        pins.add(ConfigChange.change(TopicPolicy.MIN_INSYNC_REPLICAS, from, Integer.toString(wanted)));
    }

    private static String pinnedSummary(TopicState topic, TopicPolicy policy) {
        return policy.topicConfigs().keySet().stream()
                .flatMap(key -> topic.config(key).filter(ConfigValue::topicLevel).stream()
                        .map(value -> key + "=" + value.value()))
                .collect(Collectors.joining(", "));
    }

    /** Kafka's -1 means unlimited retention, longer than any policy value. */
    private static boolean retainsLonger(String current, long policyMs) {
        try {
            long value = Long.parseLong(current);
            return value < 0 || value > policyMs;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static OptionalInt parseInt(String value) {
        try {
            return value == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(value));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private static Map<String, List<String>> byCollisionKey(Set<String> topics) {
        Map<String, List<String>> byKey = new HashMap<>();
        topics.stream().sorted()
                .forEach(topic -> byKey.computeIfAbsent(TopicNames.collisionKey(topic), key -> new ArrayList<>())
                        .add(topic));
        return byKey;
    }

    /** Another existing topic whose metric name is the same as {@code topic}'s. */
    private static Optional<String> existingClash(String topic, Map<String, List<String>> existingByKey) {
        return existingByKey.getOrDefault(TopicNames.collisionKey(topic), List.of()).stream()
                .filter(other -> !other.equals(topic)).findFirst();
    }

    /** For a topic that already exists: a clash with another existing topic is reported, not fixed. */
    private static List<String> collisionDrift(String topic, Map<String, List<String>> existingByKey) {
        List<String> drift = new ArrayList<>();
        existingClash(topic, existingByKey).ifPresent(clash -> drift.add("its metric name collides with the"
                + " existing topic '" + clash + "' ('.' and '_' are the same in Kafka's metric names)"));
        return drift;
    }
}
