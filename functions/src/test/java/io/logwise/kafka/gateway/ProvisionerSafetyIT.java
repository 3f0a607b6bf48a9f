package io.logwise.kafka.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.client.Deadline;
import io.logwise.kafka.client.KafkaClients;
import io.logwise.kafka.error.ConfigurationException;
import io.logwise.kafka.handler.JsonHandler;
import io.logwise.kafka.handler.TopicProvisionerHandler;
import io.logwise.kafka.json.Json;
import io.logwise.kafka.state.DecidingFunction;
import io.logwise.kafka.state.Decision;
import io.logwise.kafka.state.DecisionAction;
import io.logwise.kafka.state.DecisionOutcome;
import io.logwise.kafka.state.StateStoreSettings;
import io.logwise.kafka.testkit.KafkaTestCluster;
import io.logwise.kafka.testkit.RealKafka;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The provisioner against a real broker: a bad MANAGED_TOPIC_PREFIX stops it before anything changes, and every
 * creation, adoption and partition raise it makes is in the decision journal, its intent recorded before Kafka is
 * changed.
 */
@RealKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProvisionerSafetyIT {

    private TopicFixture kafka;
    private final String stateTopic = "logwise-ops.provisioner-it-" + UUID.randomUUID();

    @BeforeAll
    void connect(KafkaTestCluster cluster) {
        kafka = new TopicFixture(cluster);
    }

    @AfterAll
    void close() {
        kafka.close();
    }

    private Map<String, String> env(String prefix) {
        return kafka.environment("MANAGED_TOPIC_PREFIX", prefix, "STATE_TOPIC", stateTopic);
    }

    private static JsonNode invoke(JsonHandler handler, Object event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Json.MAPPER.writeValueAsBytes(event)), out, null);
        return Json.MAPPER.readTree(out.toByteArray());
    }

    private static Map<String, Object> scheduled(String id) {
        return Map.of("version", "0", "id", id, "detail-type", "Scheduled Event", "source", "aws.events",
                "detail", Map.of());
    }

    /**
     * Partitions and topic-level configs of each topic: equal before and after exactly when nothing changed. A new
     * topic's configs reach every broker a moment after its creation: wait (bounded) until they answer.
     */
    private Map<String, String> shapes(List<String> topics) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return shapesNow(topics);
            } catch (java.util.concurrent.ExecutionException e) {
                assertTrue(System.nanoTime() < deadline, topics + " not described 30 s after creation: " + e);
                Thread.sleep(50);
            }
        }
    }

    private Map<String, String> shapesNow(List<String> topics) throws Exception {
        Admin admin = kafka.admin();
        var descriptions = admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
        var configs = admin.describeConfigs(topics.stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList()).all().get(30, TimeUnit.SECONDS);
        Map<String, String> shapes = new TreeMap<>();
        configs.forEach((resource, config) -> shapes.put(resource.name(), descriptions.get(resource.name())
                .partitions().size() + " partitions, " + config.entries().stream()
                .filter(e -> e.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG)
                .map(e -> e.name() + "=" + e.value()).sorted().collect(Collectors.joining(","))));
        return shapes;
    }

    @Test
    void aSweepWithABadPrefixChangesNothingOutsideLogsNorTheStateTopic() throws Exception {
        String stem = "p" + UUID.randomUUID().toString().substring(0, 6);
        // Topics a bad prefix would cover, made as the broker auto-creates them: 1 partition, nothing pinned.
        List<String> outside = List.of("l." + stem, "logs" + stem + ".a", "logwise-" + stem, stem + "x.a");
        kafka.createBare(1, 1, outside.toArray(String[]::new));
        try (KafkaClients clients = new KafkaClients(KafkaClients.factoryFor(env("logs.")))) {
            StateStore.open(clients.factory(), clients.admin(), StateStoreSettings.fromEnv(env("logs.")),
                    Deadline.after(Duration.ofSeconds(30), Duration.ofSeconds(20))).close();
        }
        List<String> watched = new ArrayList<>(outside);
        watched.add(stateTopic);
        Map<String, String> before = shapes(watched);

        Map<String, String> why = new HashMap<>();
        for (String prefix : List.of("l.", "logs", "logwise-", "logwise-ops.", stem, "_")) {
            try (KafkaClients clients = new KafkaClients(KafkaClients.factoryFor(env(prefix)))) {
                TopicProvisionerHandler handler = new TopicProvisionerHandler(env(prefix), clients);
                ConfigurationException refused = assertThrows(ConfigurationException.class,
                        () -> invoke(handler, scheduled("sweep-" + UUID.randomUUID())), prefix);
                assertTrue(refused.getMessage().contains("MANAGED_TOPIC_PREFIX"), refused.getMessage());
                why.put(prefix, refused.getMessage());
            }
        }
        assertEquals(before, shapes(watched), why.toString());
    }

    @Test
    void everyCreationAdoptionAndRaiseIsJournaledWithItsIntentBeforeTheChange() throws Exception {
        String prefix = "jr" + UUID.randomUUID().toString().substring(0, 6).replace("-", "") + ".";
        Map<String, String> env = env(prefix);
        List<String> created = List.of(prefix + "orders", prefix + "billing");
        List<String> adopted = List.of(prefix + "auto-a", prefix + "auto-b");
        kafka.createBare(1, 1, adopted.toArray(String[]::new));

        try (KafkaClients clients = new KafkaClients(KafkaClients.factoryFor(env))) {
            Map<String, List<Decision>> seenAtMutation = watchMutations(clients, env);
            TopicProvisionerHandler handler = new TopicProvisionerHandler(env, clients);
            String requestId = "request-" + UUID.randomUUID();
            JsonNode request = invoke(handler, Map.of("version", "0", "id", requestId,
                    "detail-type", "Provision Topics", "source", "logwise.kafka",
                    "detail", Map.of("services", List.of("orders", "billing"))));
            String sweepId = "sweep-" + UUID.randomUUID();
            JsonNode sweep = invoke(handler, scheduled(sweepId));
            JsonNode again = invoke(handler, scheduled("sweep-" + UUID.randomUUID()));

            assertEquals(2, request.at("/counts/created").asInt(), request.toString());
            assertEquals(2, sweep.at("/counts/adopted").asInt(), sweep.toString());
            assertEquals(4, again.at("/counts/exists").asInt(), again.toString());
            Map<String, List<Decision>> journal = journal(env, Set.copyOf(created), Set.copyOf(adopted));
            for (String topic : created) {
                Decision decision = only(journal.get(topic));
                assertEquals(DecisionAction.CREATE_TOPIC, decision.action());
                assertEquals(DecisionOutcome.APPLIED, decision.outcome(), decision.toString());
                assertEquals(requestId, decision.triggerId());
                assertEquals(3L, decision.to());
                assertEquals(3600000L, decision.inputs().get("retention.ms") instanceof String s
                        ? Long.parseLong(s) : -1L, decision.toString());
            }
            for (String topic : adopted) {
                List<Decision> decisions = journal.get(topic);
                assertEquals(Set.of(DecisionAction.INCREASE_PARTITIONS, DecisionAction.SET_RETENTION),
                        decisions.stream().map(Decision::action).collect(Collectors.toSet()), decisions.toString());
                assertTrue(decisions.stream().allMatch(d -> d.outcome() == DecisionOutcome.APPLIED
                        && d.triggerId().equals(sweepId) && d.function() == DecidingFunction.TOPIC_PROVISIONER
                        && "adopt".equals(d.rule())), decisions.toString());
                Decision raise = decisions.stream().filter(d -> d.action() == DecisionAction.INCREASE_PARTITIONS)
                        .findFirst().orElseThrow();
                assertEquals(List.of(1L, 3L), List.of(raise.from(), raise.to()));
                assertTrue(decisions.stream().anyMatch(d -> d.inputs().containsKey("retention.ms")),
                        decisions.toString());
            }
            // When Kafka was asked to change each topic, its intent was already in the journal, as PENDING.
            for (String topic : created) {
                assertEquals(List.of(DecisionOutcome.PENDING), outcomes(seenAtMutation.get("createTopics"), topic));
            }
            for (String topic : adopted) {
                assertEquals(List.of(DecisionOutcome.PENDING, DecisionOutcome.PENDING),
                        outcomes(seenAtMutation.get("createPartitions"), topic));
            }
        }
    }

    @Test
    void aDryRunChangesNothingAndJournalsItsPlanAsDryRun() throws Exception {
        String prefix = "dr" + UUID.randomUUID().toString().substring(0, 6).replace("-", "") + ".";
        Map<String, String> env = env(prefix);
        String adoptable = prefix + "auto";
        kafka.createBare(1, 1, adoptable);
        Map<String, String> before = shapes(List.of(adoptable));
        try (KafkaClients clients = new KafkaClients(KafkaClients.factoryFor(env))) {
            TopicProvisionerHandler handler = new TopicProvisionerHandler(env, clients);
            JsonNode planned = invoke(handler, Map.of("services", List.of("new-one", "auto"), "dryRun", true));
            assertEquals(1, planned.at("/counts/created").asInt(), planned.toString());
            assertEquals(1, planned.at("/counts/adopted").asInt(), planned.toString());
        }
        assertTrue(!kafka.topicNames().contains(prefix + "new-one"));
        assertEquals(before, shapes(List.of(adoptable)));
        Map<String, List<Decision>> journal = journal(env, Set.of(prefix + "new-one"), Set.of(adoptable));
        List<Decision> all = journal.values().stream().flatMap(List::stream).toList();
        assertEquals(3, all.size(), all.toString());
        assertTrue(all.stream().allMatch(d -> d.outcome() == DecisionOutcome.DRY_RUN && "dry-run".equals(d.mode())),
                all.toString());
    }

    private Map<String, List<Decision>> journal(Map<String, String> env, Set<String> first, Set<String> second) {
        try (KafkaClients clients = new KafkaClients(KafkaClients.factoryFor(env));
             StateStore store = StateStore.open(clients.factory(), clients.admin(), StateStoreSettings.fromEnv(env),
                     Deadline.after(Duration.ofSeconds(30), Duration.ofSeconds(20)))) {
            Map<String, List<Decision>> byTopic = new HashMap<>();
            for (String topic : first) {
                byTopic.put(topic, store.journal().decisions(topic));
            }
            for (String topic : second) {
                byTopic.put(topic, store.journal().decisions(topic));
            }
            return byTopic;
        }
    }

    private static Decision only(List<Decision> decisions) {
        assertEquals(1, decisions.size(), decisions.toString());
        return decisions.get(0);
    }

    private static List<DecisionOutcome> outcomes(List<Decision> decisions, String topic) {
        assertTrue(decisions != null, "the mutating call was made");
        return decisions.stream().filter(d -> d.topic().equals(topic)).map(Decision::outcome).toList();
    }

    /**
     * Wraps the Admin client of {@code clients} so that, when a mutating call (createTopics, createPartitions) is
     * made, the journal is read first from a separate connection: what it held at that moment, per call.
     */
    private Map<String, List<Decision>> watchMutations(KafkaClients clients, Map<String, String> env)
            throws Exception {
        Map<String, List<Decision>> seen = new HashMap<>();
        Admin real = clients.admin();
        Admin watching = (Admin) Proxy.newProxyInstance(Admin.class.getClassLoader(), new Class<?>[] {Admin.class},
                (proxy, method, args) -> {
                    if (Set.of("createTopics", "createPartitions").contains(method.getName())) {
                        try (KafkaClients reader = new KafkaClients(KafkaClients.factoryFor(env));
                             StateStore store = StateStore.open(reader.factory(), reader.admin(),
                                     StateStoreSettings.fromEnv(env),
                                     Deadline.after(Duration.ofSeconds(30), Duration.ofSeconds(20)))) {
                            seen.put(method.getName(), store.journal().all());
                        }
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        Field admin = KafkaClients.class.getDeclaredField("admin");
        admin.setAccessible(true);
        admin.set(clients, watching);
        return seen;
    }
}
