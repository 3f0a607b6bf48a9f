package io.logwise.kafka.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.client.KafkaClients;
import io.logwise.kafka.error.LogwiseException;
import io.logwise.kafka.handler.JsonHandler;
import io.logwise.kafka.handler.LagScannerHandler;
import io.logwise.kafka.handler.PartitionScalerHandler;
import io.logwise.kafka.handler.RetentionUpdaterHandler;
import io.logwise.kafka.handler.TopicProvisionerHandler;
import io.logwise.kafka.json.Json;
import io.logwise.kafka.metrics.EmfOutput;
import io.logwise.kafka.reliability.BoundedInvocation.Outcome;
import io.logwise.kafka.testkit.Closeables;
import io.logwise.kafka.testkit.Eventually;
import io.logwise.kafka.testkit.TcpProxy.Mode;
import io.logwise.kafka.testkit.TcpProxy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every handler behind a {@link TcpProxy} that makes the only broker slow or unreachable. The broker advertises the
 * proxy's port, so bootstrap and every later connection (Admin, the state topic's producer and consumer, the
 * retention guard's consumer) cross it. With Lambda's remaining time below the Kafka API timeout, a handler must end
 * with a typed UNAVAILABLE error that says what it was doing and that time ran out, at least {@link #MARGIN} before
 * Lambda would kill it; nothing may be half-applied, even once delayed bytes have reached the broker; and the same
 * event retried once the network is back must succeed (the cached clients recover). A moderate delay only slows a
 * handler down.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowBrokerIT {

    private static final Duration LAMBDA_TIME = Duration.ofSeconds(10);
    /** The handler must have returned this long before Lambda's deadline (time to write the error). */
    private static final Duration MARGIN = Duration.ofSeconds(1);
    private static final Duration HANG_BOUND = Duration.ofSeconds(40);
    private static final Mode STALLED = Mode.delay(Duration.ofSeconds(20));
    private static final Mode SLOW = Mode.delay(Duration.ofMillis(200));
    /**
     * The shortest timeout the CDK app gives a function: a slow network must fit in it, and so must an invocation with
     * the network working (a warm-up, a retry), however busy the machine.
     */
    private static final Duration SLOW_LAMBDA_TIME = Duration.ofSeconds(60);
    private static final Pattern SAYS_TIMED_OUT = Pattern.compile(
            "did not answer in time|no time left|before the function's deadline|timed out", Pattern.CASE_INSENSITIVE);

    private final List<String> figures = Collections.synchronizedList(new ArrayList<>());
    private ProxiedBroker broker;
    private TcpProxy proxy;
    private KafkaClients clients;
    private Map<String, JsonHandler> handlers;

    @BeforeAll
    void startBrokerBehindProxy() {
        broker = ProxiedBroker.start(3);
        proxy = broker.proxy();
        // The functions' defaults: 20 s API timeout, 10 s request timeout, both longer than the Lambda time left.
        Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.proxiedBootstrap(),
                "STATE_TOPIC", broker.stateTopic(), "EMF_OUTPUT", "off", "SCALER_MODE", "on",
                "SCALER_PARTITIONS_PER_BROKER", "1000000", "SCALER_COOLDOWN", "10m", "MAX_LAG_PER_PARTITION", "10");
        clients = new KafkaClients(KafkaClients.factoryFor(env));
        handlers = Map.of(
                "topic-provisioner", new TopicProvisionerHandler(env, clients),
                "lag-scanner", new LagScannerHandler(env, clients, EmfOutput.OFF),
                "partition-scaler", new PartitionScalerHandler(env, clients, Clock.systemUTC()),
                "retention-updater", new RetentionUpdaterHandler(env, clients, Clock.systemUTC()));
    }

    @AfterAll
    void close() throws Exception {
        System.err.println("[slow-broker] function, network: outcome, time taken (Lambda time " + LAMBDA_TIME.toMillis()
                + " ms; " + SLOW_LAMBDA_TIME.toMillis() + " ms for the moderate delay)\n  "
                + String.join("\n  ", figures));
        Closeables.closeAll(clients, broker);
    }

    @Test
    void everyConnectionOfTheFunctionsCrossesTheProxy() throws Exception {
        try (Admin viaProxy = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.proxiedBootstrap()))) {
            List<Integer> ports = viaProxy.describeCluster().nodes().get(30, TimeUnit.SECONDS).stream()
                    .map(Node::port).toList();
            assertEquals(List.of(proxy.port()), ports, "the broker advertises the proxy, not its own port");
        }
        long connections = proxy.acceptedConnections();
        long bytes = proxy.forwardedBytes();
        SlowBrokerScenario scenario = SlowBrokerScenario.RETENTION;
        assertInstanceOf(Outcome.Result.class, invoke(scenario, scenario.event(broker), SLOW_LAMBDA_TIME));
        // The first invocation opens the Admin's bootstrap and node connections, the state reader and writer.
        assertTrue(proxy.acceptedConnections() - connections >= 3,
                "connections through the proxy: " + (proxy.acceptedConnections() - connections));
        assertTrue(proxy.forwardedBytes() > bytes, "bytes through the proxy");
    }

    static Stream<SlowBrokerScenario> functions() {
        return Stream.of(SlowBrokerScenario.PROVISIONER, SlowBrokerScenario.LAG_SCANNER, SlowBrokerScenario.SCALER,
                SlowBrokerScenario.RETENTION);
    }

    static Stream<Arguments> failingNetworks() {
        return functions().flatMap(scenario -> Stream.of(Mode.BLACKHOLE, STALLED, Mode.REFUSE)
                .map(mode -> Arguments.of(scenario, mode)));
    }

    /** The whole network fails after the cached clients connected: blackholed, stalled or refused. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("failingNetworks")
    void aTimeoutErrorBeforeTheDeadlineNothingHalfAppliedAndTheRetrySucceeds(SlowBrokerScenario scenario, Mode mode)
            throws Exception {
        String label = scenario + ", " + describe(mode);
        Object event = scenario.event(broker);
        warmUp(scenario);
        BrokerSnapshot before = broker.snapshot();

        Outcome outcome = invokeIn(mode, label, scenario, event);

        assertTimedOut(label, outcome);
        awaitDelivered(mode instanceof Mode.Delay delay ? delay.perChunk().plus(Eventually.PATIENCE)
                : Eventually.PATIENCE);
        assertEquals("", before.differences(broker.snapshot()), () -> label + ": half-applied, " + brief(event));
        assertRetrySucceeds(label, scenario, event);
    }

    static Stream<Arguments> clientsCutOff() {
        return Stream.of(
                Arguments.of(SlowBrokerScenario.LAG_SCANNER, "-state-reader"),
                Arguments.of(SlowBrokerScenario.LAG_SCANNER, "-state-writer"),
                Arguments.of(SlowBrokerScenario.SCALER, "-state-reader"),
                Arguments.of(SlowBrokerScenario.SCALER, "-state-writer"),
                Arguments.of(SlowBrokerScenario.RETENTION, "-state-reader"),
                Arguments.of(SlowBrokerScenario.RETENTION, "-state-writer"),
                // The guard's consumer is the first new connection of a lowering: the Admin's are open already.
                Arguments.of(SlowBrokerScenario.RETENTION_LOWERING, "logwise-kafka"));
    }

    /**
     * One client of the invocation cannot reach the broker while the others can: the state topic's reader or writer,
     * or the retention guard's consumer, each a new connection whose first request carries its client id.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("clientsCutOff")
    void aClientCutOffMidInvocationEndsBeforeTheDeadline(SlowBrokerScenario scenario, String clientId)
            throws Exception {
        String label = scenario + ", new connections of *" + clientId + "* blackholed";
        Object event = scenario.event(broker);
        warmUp(scenario);
        BrokerSnapshot before = broker.snapshot();
        long dropped = proxy.droppedBytes();

        Outcome outcome = invokeIn(new Mode.BlackholeMatching(clientId), label, scenario, event);

        assertTrue(proxy.droppedBytes() > dropped, label + ": the client was never cut off");
        if (scenario == SlowBrokerScenario.LAG_SCANNER) {
            // The scan history is an extra: the scan is still delivered, with a note on what was not read or written.
            Outcome.Result result = assertInstanceOf(Outcome.Result.class, outcome, () -> label + ": " + outcome);
            assertTrue(result.json().path("problems").toString().contains("scan history"), result::toString);
            return;
        }
        assertTimedOut(label, outcome);
        assertEquals("", before.differences(broker.snapshot()), () -> label + ": half-applied, " + brief(event));
        assertRetrySucceeds(label, scenario, event);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void aModerateDelayOnlySlowsAHandlerDown(SlowBrokerScenario scenario) throws Exception {
        Object event = scenario.event(broker);
        long started = System.nanoTime();
        Outcome outcome = invokeThroughProxyIn(SLOW, scenario, event, SLOW_LAMBDA_TIME);
        figures.add(scenario + ", " + describe(SLOW) + ": " + summary(outcome) + ", "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
        assertInstanceOf(Outcome.Result.class, outcome, () -> scenario + ": " + outcome);
        awaitApplied(scenario, event);
    }

    /** Invokes with the proxy in {@code mode}, asserts the handler returned {@link #MARGIN} before its deadline. */
    private Outcome invokeIn(Mode mode, String label, SlowBrokerScenario scenario, Object event) throws Exception {
        long started = System.nanoTime();
        Outcome outcome = invokeThroughProxyIn(mode, scenario, event, LAMBDA_TIME);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        figures.add(label + ": " + summary(outcome) + ", " + took.toMillis() + " ms");
        assertTrue(took.compareTo(LAMBDA_TIME.minus(MARGIN)) <= 0,
                () -> label + ": returned after " + took.toMillis() + " ms of " + LAMBDA_TIME.toMillis());
        return outcome;
    }

    private static void assertTimedOut(String label, Outcome outcome) {
        LogwiseException error = assertInstanceOf(LogwiseException.class,
                outcome instanceof Outcome.Failure failure ? failure.error() : null, () -> label + ": " + outcome);
        assertEquals(LogwiseException.Reason.UNAVAILABLE, error.reason(), () -> label + ": " + error.getMessage());
        assertTrue(SAYS_TIMED_OUT.matcher(error.getMessage()).find(), () -> label + ": " + error.getMessage());
    }

    private void assertRetrySucceeds(String label, SlowBrokerScenario scenario, Object event) throws Exception {
        Outcome retry = invoke(scenario, event, SLOW_LAMBDA_TIME);
        assertInstanceOf(Outcome.Result.class, retry, () -> label + ", retried with the network back: " + retry);
        awaitApplied(scenario, event);
    }

    /** An invocation with the network working, so the cached clients are connected when the fault starts. */
    private void warmUp(SlowBrokerScenario scenario) throws Exception {
        proxy.mode(Mode.PASS);
        Object event = scenario.event(broker);
        Outcome warm = invoke(scenario, event, SLOW_LAMBDA_TIME);
        assertInstanceOf(Outcome.Result.class, warm, () -> scenario + " with the network working: " + warm);
        awaitApplied(scenario, event); // visible in the snapshot taken next
    }

    /** The handler's change as the broker shows it (a snapshot passes a metadata barrier first); fails if absent. */
    private void awaitApplied(SlowBrokerScenario scenario, Object event) throws Exception {
        JsonNode json = Json.MAPPER.valueToTree(event);
        AssertionError missing = Eventually.await(() -> {
            try {
                scenario.assertApplied(broker, json);
                return null;
            } catch (AssertionError notYet) {
                return notYet;
            }
        }, error -> error == null);
        if (missing != null) {
            throw missing;
        }
    }

    /**
     * Waits until the proxy holds no delayed bytes: they have reached the broker, and the snapshot taken next passes
     * a metadata barrier, so it shows what the broker made of them.
     */
    private void awaitDelivered(Duration atMost) throws Exception {
        assertEquals(0L, Eventually.await(proxy::pendingBytes, pending -> pending == 0, atMost),
                "delayed bytes still held by the proxy");
    }

    /** One invocation with the proxy in {@code mode}, back to {@link Mode#PASS} however it ends. */
    private Outcome invokeThroughProxyIn(Mode mode, SlowBrokerScenario scenario, Object event, Duration lambdaTime)
            throws Exception {
        try {
            proxy.mode(mode);
            return invoke(scenario, event, lambdaTime);
        } finally {
            proxy.mode(Mode.PASS);
        }
    }

    private Outcome invoke(SlowBrokerScenario scenario, Object event, Duration lambdaTime) throws Exception {
        return BoundedInvocation.invoke(handlers.get(scenario.function), Json.MAPPER.writeValueAsBytes(event),
                lambdaTime, HANG_BOUND);
    }

    private static String brief(Object event) {
        String json = Json.MAPPER.valueToTree(event).toString();
        return "event " + (json.length() <= 160 ? json : json.substring(0, 160) + "...");
    }

    private static String summary(Outcome outcome) {
        if (outcome instanceof Outcome.Failure failure) {
            return failure.error().getClass().getSimpleName() + " \"" + failure.error().getMessage() + "\"";
        }
        return outcome instanceof Outcome.Hang hang ? "HANG (no answer within " + hang.bound().toSeconds() + " s)"
                : "answered";
    }

    private static String describe(Mode mode) {
        return mode instanceof Mode.Delay delay ? "delay " + delay.perChunk().toMillis() + " ms per chunk"
                : mode.getClass().getSimpleName().toLowerCase();
    }
}
