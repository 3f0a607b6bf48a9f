package io.logwise.kafka.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Safety rules of the planner over generated requests and clusters (as the gateway describes them: every existing
 * managed topic a request names is described).
 */
class ProvisionPlannerPropertiesTest {

    private static final ManagedPrefix PREFIX = ManagedPrefix.DEFAULT;
    private static final ProvisionPlanner PLANNER = new ProvisionPlanner(PREFIX);
    private static final ProvisionerSettings SETTINGS = ProvisionerSettings.fromEnv(Map.of());

    @Property(tries = 500)
    void requestsOnlyEverPlanLegalManagedTopicsThatCannotCollide(@ForAll("entries") List<String> entries,
                                                                 @ForAll("existing") Set<String> existing) {
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
            assertTrue(plannedKeys.add(TopicNames.collisionKey(plan.topic())), plan::toString);
            if (plan instanceof Create create) {
                assertFalse(existing.contains(create.topic()));
                assertFalse(existingKeys.contains(TopicNames.collisionKey(create.topic())), plan::toString);
            }
        }
    }

    @Property(tries = 500)
    void sweepsNeverLowerAndNeverLeaveThePrefix(@ForAll("states") List<TopicState> states) {
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

    @Provide
    Arbitrary<List<String>> entries() {
        Arbitrary<String> service = Arbitraries.strings().withChars("ab._-/ é").ofMinLength(0).ofMaxLength(6);
        Arbitrary<String> fullName = service.map(name -> PREFIX.value() + name);
        Arbitrary<String> longName = Arbitraries.strings().withChars("ab").ofLength(250);
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(6, service), net.jqwik.api.Tuple.of(3, fullName),
                        net.jqwik.api.Tuple.of(1, longName))
                .list().ofMinSize(1).ofMaxSize(12);
    }

    @Provide
    Arbitrary<Set<String>> existing() {
        Arbitrary<String> service = Arbitraries.strings().withChars("ab._-").ofMinLength(1).ofMaxLength(5);
        Arbitrary<String> name = Arbitraries.oneOf(service.map(PREFIX::topicFor), service.map(s -> "logs_" + s),
                service);
        return name.set().ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<TopicState>> states() {
        Arbitrary<String> name = Arbitraries.oneOf(Arbitraries.of("logs.", "logsx.", "LOGS.", "other."))
                .flatMap(prefix -> Arbitraries.strings().withChars("abc").ofMinLength(1).ofMaxLength(3)
                        .map(rest -> prefix + rest));
        Arbitrary<ConfigValue> retention = Combinators.combine(
                Arbitraries.of(-1L, 60_000L, 3_600_000L, 7_200_000L, 604_800_000L), Arbitraries.of(true, false))
                .as((value, onTopic) -> new ConfigValue(Long.toString(value), onTopic));
        Arbitrary<ConfigValue> minInsync = Combinators.combine(Arbitraries.integers().between(1, 4),
                Arbitraries.of(true, false)).as((value, onTopic) -> new ConfigValue(Integer.toString(value), onTopic));
        return Combinators.combine(name, Arbitraries.integers().between(1, 8), Arbitraries.integers().between(1, 4),
                        retention, minInsync)
                .as((topic, partitions, replicas, retentionValue, minInsyncValue) -> new TopicState(topic, partitions,
                        replicas, Map.of(TopicPolicy.RETENTION_MS, retentionValue,
                        TopicPolicy.MIN_INSYNC_REPLICAS, minInsyncValue)))
                .list().ofMaxSize(10);
    }
}
