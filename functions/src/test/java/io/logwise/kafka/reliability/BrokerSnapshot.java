package io.logwise.kafka.reliability;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;

/**
 * What a broker holds, as far as the functions may change it: every topic with its partition count and its dynamic
 * (topic-level) configs. Two snapshots are equal exactly when nothing was created, removed, scaled or reconfigured.
 */
record BrokerSnapshot(Map<String, TopicShape> topics) {

    record TopicShape(int partitions, Map<String, String> dynamicConfigs) {
    }

    /** Every topic but the ones {@code ignored} (internal topics, the functions' state topic). */
    static BrokerSnapshot take(Admin admin, Predicate<String> ignored) {
        try {
            Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(ignored.negate()).collect(Collectors.toSet());
            Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            Map<ConfigResource, Config> configs = admin.describeConfigs(names.stream()
                    .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList())
                    .all().get(30, TimeUnit.SECONDS);
            Map<String, TopicShape> topics = new TreeMap<>();
            configs.forEach((resource, config) -> topics.put(resource.name(), new TopicShape(
                    descriptions.get(resource.name()).partitions().size(), dynamic(config.entries()))));
            return new BrokerSnapshot(topics);
        } catch (Exception e) {
            throw new IllegalStateException("could not snapshot the broker", e);
        }
    }

    static boolean internalOr(String stateTopic, String topic) {
        return topic.startsWith("__") || topic.equals(stateTopic);
    }

    private static Map<String, String> dynamic(Collection<ConfigEntry> entries) {
        return entries.stream().filter(e -> e.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG)
                .collect(Collectors.toMap(ConfigEntry::name, e -> String.valueOf(e.value()), (a, b) -> a,
                        TreeMap::new));
    }

    /** One line per topic that differs between {@code this} and {@code after}; empty when nothing changed. */
    String differences(BrokerSnapshot after) {
        Set<String> all = new java.util.TreeSet<>(topics.keySet());
        all.addAll(after.topics.keySet());
        return all.stream().filter(t -> !java.util.Objects.equals(topics.get(t), after.topics.get(t)))
                .map(t -> "  " + t + ": " + topics.get(t) + " -> " + after.topics.get(t))
                .collect(Collectors.joining("\n"));
    }
}
