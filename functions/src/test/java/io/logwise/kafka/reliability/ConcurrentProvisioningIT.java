package io.logwise.kafka.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.client.KafkaClients;
import io.logwise.kafka.error.LogwiseException;
import io.logwise.kafka.handler.TopicProvisionerHandler;
import io.logwise.kafka.json.Json;
import io.logwise.kafka.reliability.BoundedInvocation.Outcome;
import io.logwise.kafka.testkit.Eventually;
import io.logwise.kafka.testkit.KafkaTestCluster;
import io.logwise.kafka.testkit.RealKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Twenty provisioning invocations at once (each its own handler and clients, as twenty Lambda containers would be),
 * released together by a latch, on the shared three-broker cluster. Kafka must end with exactly one topic per
 * service, with the requested layout; every invocation must report it created or found, or fail with a typed error;
 * and exactly one invocation per service may report it created: the one creation decision. (The provisioner writes
 * no decision journal records: its report and its topic-created log line are its record.)
 */
@RealKafka(brokers = 3)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentProvisioningIT {

    private static final int INVOCATIONS = 20;
    private static final Duration LAMBDA_TIME = Duration.ofSeconds(60);
    private static final Duration HANG_BOUND = Duration.ofSeconds(90);

    private Map<String, String> env;
    private Admin oracle;

    @BeforeAll
    void connect(KafkaTestCluster cluster) {
        env = Map.of("KAFKA_BOOTSTRAP_SERVERS", cluster.bootstrapServers(), "EMF_OUTPUT", "off");
        oracle = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
    }

    @AfterAll
    void close() {
        oracle.close();
    }

    @Test
    void twentyConcurrentRequestsForOneServiceCreateOneTopicOnce() throws Exception {
        String service = "race-" + UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"services\": [\"" + service + "\"], \"partitions\": 6, \"retentionMs\": 86400000}";
        List<Outcome> outcomes = runAtOnce(Collections.nCopies(INVOCATIONS, body));
        Map<String, Map<String, Long>> statuses = statusesByTopic(outcomes);
        assertOneCreation(statuses, List.of("logs." + service));
        assertLayout("logs." + service, 6, "86400000");
        System.out.printf("[concurrent] %d invocations for one service: %s, %s%n", INVOCATIONS, statuses,
                failures(outcomes));
    }

    @Test
    void twentyConcurrentRequestsForFiveServicesInDifferentOrdersCreateEachTopicOnce() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> services = IntStream.range(0, 5).mapToObj(i -> "race-" + run + "-" + i).toList();
        Random random = new Random(20261125L);
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < INVOCATIONS; i++) {
            List<String> order = new ArrayList<>(services);
            Collections.shuffle(order, random);
            bodies.add(Json.MAPPER.writeValueAsString(Map.of("services", order, "partitions", 4,
                    "retentionMs", 7_200_000)));
        }
        List<Outcome> outcomes = runAtOnce(bodies);
        Map<String, Map<String, Long>> statuses = statusesByTopic(outcomes);
        List<String> topics = services.stream().map(s -> "logs." + s).toList();
        assertOneCreation(statuses, topics);
        for (String topic : topics) {
            assertLayout(topic, 4, "7200000");
        }
        System.out.printf("[concurrent] %d invocations for 5 services in different orders: %s, %s%n",
                INVOCATIONS, statuses, failures(outcomes));
    }

    /** Each body in its own invocation, with its own clients, all released by one latch. */
    private List<Outcome> runAtOnce(List<String> bodies) throws Exception {
        CountDownLatch ready = new CountDownLatch(bodies.size());
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Outcome>> runs = new ArrayList<>();
        List<KafkaClients> clients = new ArrayList<>();
        try {
            for (String body : bodies) {
                KafkaClients own = new KafkaClients(KafkaClients.factoryFor(env));
                clients.add(own);
                TopicProvisionerHandler handler = new TopicProvisionerHandler(env, own);
                runs.add(CompletableFuture.supplyAsync(() -> {
                    ready.countDown();
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return BoundedInvocation.invoke(handler, body.getBytes(StandardCharsets.UTF_8), LAMBDA_TIME,
                            HANG_BOUND);
                }, runnable -> new Thread(runnable, "provisioner-invocation").start()));
            }
            assertTrue(ready.await(60, TimeUnit.SECONDS), "all invocations ready");
            go.countDown();
            List<Outcome> outcomes = new ArrayList<>();
            for (CompletableFuture<Outcome> run : runs) {
                outcomes.add(run.get(HANG_BOUND.toSeconds() + 30, TimeUnit.SECONDS));
            }
            return outcomes;
        } finally {
            clients.forEach(KafkaClients::close);
        }
    }

    /**
     * Every invocation answered (no hang); a failure is a typed error naming what was done; every topic of every
     * answer is created or exists (never failed, never "adopted": nothing to bring to the policy in a topic just
     * created with it); exactly one answer per topic says created.
     */
    private static void assertOneCreation(Map<String, Map<String, Long>> statuses, List<String> topics) {
        assertEquals(Set.copyOf(topics), statuses.keySet());
        for (String topic : topics) {
            Map<String, Long> counts = statuses.get(topic);
            assertEquals(1L, counts.getOrDefault("created", 0L), topic + ": one creation: " + counts);
            assertEquals(Set.of(), counts.keySet().stream().filter(s -> !Set.of("created", "exists").contains(s))
                    .collect(Collectors.toSet()), topic + ": only created or exists: " + counts);
        }
    }

    private static Map<String, Map<String, Long>> statusesByTopic(List<Outcome> outcomes) {
        Map<String, Map<String, Long>> statuses = new TreeMap<>();
        for (Outcome outcome : outcomes) {
            assertTrue(!(outcome instanceof Outcome.Hang), "no invocation hangs");
            if (outcome instanceof Outcome.Failure failure) {
                LogwiseException typed = assertInstanceOf(LogwiseException.class, failure.error(),
                        "a failure is typed");
                ClusterFaults.assertNamesWhatWasDone(typed, "provisioning topics");
                continue;
            }
            for (JsonNode item : ((Outcome.Result) outcome).json().path("topics")) {
                statuses.computeIfAbsent(item.path("topic").asText(), t -> new TreeMap<>())
                        .merge(item.path("status").asText(), 1L, Long::sum);
            }
        }
        return statuses;
    }

    private static String failures(List<Outcome> outcomes) {
        List<String> failed = outcomes.stream().filter(o -> o instanceof Outcome.Failure)
                .map(o -> ((Outcome.Failure) o).error().getMessage()).toList();
        return failed.isEmpty() ? "no invocation failed" : failed.size() + " failed: " + failed;
    }

    /** What the oracle sees of a service's topic: the topics named like it, partitions, replicas and configs. */
    private record Layout(Set<String> similarTopics, int partitions, int minReplicas, String retentionMs,
                          String minInsyncReplicas) {
    }

    private Layout layout(String topic) throws Exception {
        Set<String> similar = oracle.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                .filter(name -> name.replace('_', '.').equals(topic)).collect(Collectors.toSet());
        TopicDescription description = oracle.describeTopics(List.of(topic)).allTopicNames()
                .get(30, TimeUnit.SECONDS).get(topic);
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = oracle.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
        return new Layout(similar, description.partitions().size(), description.partitions().stream()
                .mapToInt(p -> p.replicas().size()).min().orElse(0), config.get("retention.ms").value(),
                config.get("min.insync.replicas").value());
    }

    /**
     * Exactly one topic for the service, with the requested layout. Each of the three brokers learns of a topic a
     * moment after the controller committed it, and any of them may answer: read until it is right or time is up.
     */
    private void assertLayout(String topic, int partitions, String retentionMs) throws Exception {
        Layout expected = new Layout(Set.of(topic), partitions, 3, retentionMs, "2");
        assertEquals(expected, Eventually.awaitEquals(expected, () -> layout(topic)));
    }
}
