package io.logwise.kafka.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.logwise.kafka.topics.TopicPlan.Adopt;
import io.logwise.kafka.topics.TopicPlan.Create;
import io.logwise.kafka.topics.TopicPlan.Invalid;
import io.logwise.kafka.topics.TopicState.ConfigValue;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Safety rules of the planner over generated requests and clusters (as the gateway describes them: every existing
 * managed topic a request names is described).
 */
class ProvisionPlannerPropertiesTest {

    private static final ManagedPrefix PREFIX = ManagedPrefix.DEFAULT;
    private static final ProvisionPlanner PLANNER = new ProvisionPlanner(PREFIX);
    private static final ProvisionerSettings SETTINGS = ProvisionerSettings.fromEnv(Map.of());

    @Test
    void requestsOnlyEverPlanLegalManagedTopicsThatCannotCollide() {
        qt().withExamples(500).forAll(entries(), existing()).checkAssert(this::requestPlansOnlyLegalTopics);
    }

    private void requestPlansOnlyLegalTopics(List<String> entries, Set<String> existing) {
        ProvisionRequest request = ProvisionRequest.of(entries, false);
        Map<String, TopicState> described = new HashMap<>();
        existing.stream().filter(PREFIX::manages).forEach(topic -> described.put(topic, new TopicState(topic, 3, 1,
                Map.of(TopicPolicy.RETENTION_MS, ConfigValue.onTopic("3600000")))));
        ClusterSnapshot cluster = new ClusterSnapshot(1, existing, described);
        List<TopicPlan> plans = PLANNER.planRequest(request, TopicPolicy.resolve(SETTINGS, request, 1), cluster);

        Set<String> distinct = new LinkedHashSet<>();
        entries.forEach(entry -> distinct.add(PREFIX.topicFor(entry)));
        assertEquals(distinct.size(), plans.size());

        Set<String> existingKeys = new HashSet<>();
        existing.forEach(topic -> existingKeys.add(TopicNames.collisionKey(topic)));
        Set<String> plannedKeys = new HashSet<>();
        for (TopicPlan plan : plans) {
            if (plan instanceof Invalid) {
                continue;
            }
            assertTrue(PREFIX.manages(plan.topic()), plan::toString);
            assertTrue(TopicNames.problemWith(plan.topic()).isEmpty(), plan::toString);
            if (plan instanceof Create create) {
                // Only a creation can make a collision: two existing topics that already collide (which Kafka itself
                // would not have allowed) are both reported as they are.
                assertTrue(plannedKeys.add(TopicNames.collisionKey(create.topic())), plan::toString);
                assertFalse(existing.contains(create.topic()));
                assertFalse(existingKeys.contains(TopicNames.collisionKey(create.topic())), plan::toString);
            }
        }
    }

    @Test
    void sweepsNeverLowerAndNeverLeaveThePrefix() {
        qt().withExamples(500).forAll(states()).checkAssert(this::sweepNeverLowersOrLeavesThePrefix);
    }

    private void sweepNeverLowersOrLeavesThePrefix(List<TopicState> states) {
        Map<String, TopicState> described = new HashMap<>();
        states.forEach(state -> described.put(state.name(), state));
        ClusterSnapshot cluster = new ClusterSnapshot(3, described.keySet(), described);
        List<TopicPlan> plans = PLANNER.planSweep(TopicPolicy.resolve(SETTINGS, ProvisionRequest.sweep(false), 3),
                cluster);
        assertEquals(described.keySet().stream().filter(PREFIX::manages).count(), plans.size());
        for (TopicPlan plan : plans) {
            assertTrue(PREFIX.manages(plan.topic()));
            assertFalse(plan instanceof Create || plan instanceof Invalid, plan::toString);
            if (plan instanceof Adopt adopt) {
                TopicState before = described.get(adopt.topic());
                adopt.raisePartitionsTo().ifPresent(target -> assertTrue(target > before.partitions()));
                for (ConfigChange pin : adopt.configPins()) {
                    ConfigValue current = before.configs().get(pin.setting());
                    assertFalse(current != null && current.topicLevel(), "re-pinned a topic-level " + pin);
                    if (pin.setting().equals(TopicPolicy.RETENTION_MS) && current != null) {
                        long was = Long.parseLong(current.value());
                        long now = Long.parseLong(pin.to());
                        assertTrue(was < 0 ? now == was : now >= was, "lowered retention: " + pin);
                    }
                    if (pin.setting().equals(TopicPolicy.MIN_INSYNC_REPLICAS)) {
                        int value = Integer.parseInt(pin.to());
                        assertTrue(value < before.replicationFactor(), "unsafe " + pin + " for " + before);
                    }
                }
            }
        }
    }

    /** Strings of {@code min..max} characters drawn from {@code alphabet}. */
    private static Gen<String> stringsOf(String alphabet, int min, int max) {
        List<Character> chars = alphabet.chars().mapToObj(c -> (char) c).toList();
        return lists().of(Generate.pick(chars)).ofSizeBetween(min, max)
                .map(list -> list.stream().map(String::valueOf).collect(Collectors.joining()));
    }

    private static Gen<List<String>> entries() {
        Gen<String> service = stringsOf("ab._-/ \u00e9", 0, 6);
        Gen<String> fullName = service.map(name -> PREFIX.value() + name);
        Gen<String> longName = stringsOf("ab", 250, 250);
        return lists().of(Generate.frequency(Pair.of(6, service), Pair.of(3, fullName), Pair.of(1, longName)))
                .ofSizeBetween(1, 12);
    }

    private static Gen<Set<String>> existing() {
        Gen<String> service = stringsOf("ab._-", 1, 5);
        Gen<String> name = Generate.oneOf(service.map(PREFIX::topicFor), service.map(s -> "logs_" + s), service);
        return lists().of(name).ofSizeBetween(0, 8).map(list -> (Set<String>) new HashSet<>(list));
    }

    private static Gen<List<TopicState>> states() {
        Gen<String> name = Generate.pick(List.of("logs.", "logsx.", "LOGS.", "other."))
                .zip(stringsOf("abc", 1, 3), (prefix, rest) -> prefix + rest);
        Gen<Boolean> onTopic = Generate.pick(List.of(true, false));
        Gen<ConfigValue> retention = Generate.pick(List.of(-1L, 60_000L, 3_600_000L, 7_200_000L, 604_800_000L))
                .zip(onTopic, (value, topicLevel) -> new ConfigValue(Long.toString(value), topicLevel));
        Gen<ConfigValue> minInsync = integers().between(1, 4)
                .zip(onTopic, (value, topicLevel) -> new ConfigValue(Integer.toString(value), topicLevel));
        Gen<TopicState> state = name.zip(integers().between(1, 8), integers().between(1, 4), retention, minInsync,
                (topic, partitions, replicas, retentionValue, minInsyncValue) -> new TopicState(topic, partitions,
                        replicas, Map.of(TopicPolicy.RETENTION_MS, retentionValue,
                        TopicPolicy.MIN_INSYNC_REPLICAS, minInsyncValue)));
        return lists().of(state).ofSizeBetween(0, 10);
    }
}
