package io.logwise.kafka.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.client.KafkaClients;
import io.logwise.kafka.error.KafkaUnavailableException;
import io.logwise.kafka.handler.JsonHandler;
import io.logwise.kafka.handler.LagScannerHandler;
import io.logwise.kafka.handler.PartitionScalerHandler;
import io.logwise.kafka.handler.RetentionUpdaterHandler;
import io.logwise.kafka.handler.TopicProvisionerHandler;
import io.logwise.kafka.metrics.EmfOutput;
import io.logwise.kafka.reliability.BoundedInvocation.Outcome;
import io.logwise.kafka.testkit.BrokerNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every node of a private three-node cluster is killed. Each of the four handlers, invoked with a realistic event
 * and 15 s of Lambda time left, must throw {@link KafkaUnavailableException} naming what it was doing before those
 * 15 s are up: from a warm container (clients connected, metadata cached, as after an earlier invocation) and from
 * a cold one. The production Kafka timeouts are kept (20 s API, 10 s request) so the invocation deadline, not a
 * short client setting, is what bounds the call.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AllBrokersDownIT {

    private static final Path EVENTS = Path.of(System.getProperty("logwise.root", ".."), "events");
    private static final Duration LAMBDA_TIME = Duration.ofSeconds(15);
    private static final Duration HANG_BOUND = LAMBDA_TIME.plusSeconds(10);
    private static final String TOPIC = "logs.down-orders";

    private ClusterFaults kafka;
    private Map<String, String> env;
    private final Map<String, String> events = new LinkedHashMap<>();
    private final Map<String, String> operations = Map.of("topic-provisioner", "provisioning topics",
            "lag-scanner", "scanning consumer lag", "partition-scaler", "scaling partitions",
            "retention-updater", "changing retention");
    private final List<KafkaClients> warmClients = new ArrayList<>();
    private final Map<String, JsonHandler> warmHandlers = new LinkedHashMap<>();

    @BeforeAll
    void startClusterWarmUpAndKillEveryNode() throws Exception {
        kafka = ClusterFaults.startThreeNodes();
        env = Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "STATE_TOPIC", "logwise-ops.down-" + UUID.randomUUID().toString().substring(0, 8),
                "EMF_OUTPUT", "off", "SCALER_MODE", "on");
        kafka.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 3)));
        events.put("topic-provisioner", "{\"services\": [\"down-payments\"]}");
        events.put("lag-scanner", Files.readString(EVENTS.resolve("scheduled-event.json")));
        events.put("partition-scaler", BrokerFailoverIT.destinationEvent(
                BrokerFailoverIT.laggingScan(List.of(TOPIC), 3, 60_000)));
        events.put("retention-updater", "{\"detail-type\": \"Change Retention\", \"source\": \"logwise.kafka\","
                + " \"id\": \"down-1\", \"detail\": {\"topics\": [\"" + TOPIC + "\"], \"retention\": \"2d\","
                + " \"reason\": \"outage test\"}}");
        for (String function : events.keySet()) {
            KafkaClients clients = new KafkaClients(KafkaClients.factoryFor(env));
            warmClients.add(clients);
            JsonHandler handler = handler(function, clients);
            Outcome warmUp = BoundedInvocation.invoke(handler, bytes(events.get(function)), Duration.ofSeconds(60),
                    Duration.ofSeconds(90));
            assertInstanceOf(Outcome.Result.class, warmUp, function + " works while the cluster is up: " + warmUp);
            warmHandlers.put(function, handler);
        }
        kafka.cluster().nodes().forEach(BrokerNode::kill);
    }

    @AfterAll
    void close() {
        warmClients.forEach(KafkaClients::close);
        if (kafka != null) {
            kafka.close();
        }
    }

    private JsonHandler handler(String function, KafkaClients clients) {
        return switch (function) {
            case "topic-provisioner" -> new TopicProvisionerHandler(env, clients);
            case "lag-scanner" -> new LagScannerHandler(env, clients, EmfOutput.OFF);
            case "partition-scaler" -> new PartitionScalerHandler(env, clients, Clock.systemUTC());
            case "retention-updater" -> new RetentionUpdaterHandler(env, clients, Clock.systemUTC());
            default -> throw new IllegalArgumentException(function);
        };
    }

    @Test
    void everyHandlerFailsWithKafkaUnavailableBeforeItsLambdaTimeIsUp() throws Exception {
        List<KafkaClients> coldClients = new ArrayList<>();
        Map<String, CompletableFuture<Timed>> runs = new LinkedHashMap<>();
        // All eight at once: each is bounded by its own deadline, and the test takes one deadline, not eight.
        for (String function : events.keySet()) {
            runs.put(function + " (warm)", timed(warmHandlers.get(function), events.get(function)));
            KafkaClients cold = new KafkaClients(KafkaClients.factoryFor(env));
            coldClients.add(cold);
            runs.put(function + " (cold)", timed(handler(function, cold), events.get(function)));
        }
        List<String> report = new ArrayList<>();
        try {
            for (var run : runs.entrySet()) {
                String function = run.getKey().substring(0, run.getKey().indexOf(' '));
                Timed timed = run.getValue().get(60, TimeUnit.SECONDS);
                Outcome.Failure failure = assertInstanceOf(Outcome.Failure.class, timed.outcome(),
                        run.getKey() + " must fail, not answer or hang: " + timed.outcome());
                KafkaUnavailableException error = assertInstanceOf(KafkaUnavailableException.class, failure.error(),
                        run.getKey() + ": " + failure.error());
                ClusterFaults.assertNamesWhatWasDone(error, operations.get(function));
                assertTrue(timed.elapsed().compareTo(LAMBDA_TIME) < 0, run.getKey() + " answered after "
                        + timed.elapsed().toMillis() + " ms, past the Lambda time of " + LAMBDA_TIME.toMillis());
                report.add(String.format("%s %d ms: %s", run.getKey(), timed.elapsed().toMillis(),
                        error.getMessage().lines().findFirst().orElse("")));
            }
        } finally {
            coldClients.forEach(KafkaClients::close);
        }
        assertEquals(8, report.size());
        System.out.println("[all-brokers-down] 3 of 3 nodes killed, Lambda time " + LAMBDA_TIME.toSeconds()
                + " s:\n  " + String.join("\n  ", report));
    }

    private record Timed(Outcome outcome, Duration elapsed) {
    }

    private static CompletableFuture<Timed> timed(JsonHandler handler, String event) {
        return CompletableFuture.supplyAsync(() -> {
            long started = System.nanoTime();
            Outcome outcome = BoundedInvocation.invoke(handler, bytes(event), LAMBDA_TIME, HANG_BOUND);
            return new Timed(outcome, Duration.ofNanos(System.nanoTime() - started));
        }, runnable -> new Thread(runnable, "invocation").start());
    }

    private static byte[] bytes(String event) {
        return event.getBytes(StandardCharsets.UTF_8);
    }
}
