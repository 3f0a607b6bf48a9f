package io.logwise.kafka.scaling;

import io.logwise.kafka.state.DecidingFunction;
import io.logwise.kafka.state.DecisionAction;
import org.apache.kafka.clients.admin.NewPartitions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.client.Deadline;
import io.logwise.kafka.client.KafkaClients;
import io.logwise.kafka.error.InvalidRequestException;
import io.logwise.kafka.gateway.StateStore;
import io.logwise.kafka.handler.PartitionScalerHandler;
import io.logwise.kafka.json.Json;
import io.logwise.kafka.scan.ConsumerSummary;
import io.logwise.kafka.scan.ScanResult;
import io.logwise.kafka.scan.TopicSummary;
import io.logwise.kafka.scan.Verdict;
import io.logwise.kafka.state.Decision;
import io.logwise.kafka.state.DecisionOutcome;
import io.logwise.kafka.state.StateStoreSettings;
import io.logwise.kafka.testkit.KafkaTestCluster;
import io.logwise.kafka.testkit.LagFixtures;
import io.logwise.kafka.testkit.RealKafka;
import io.logwise.kafka.testkit.TopicReads;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The partition scaler's handler against a real broker: what Kafka ends up with, and what the journal says. */
@RealKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartitionScalerIT {

    /**
     * The scaler acts only on lag it measures itself, against its own MAX_LAG_PER_PARTITION: the tests make real lag
     * at 1/{@value #SCALE} of the figures their scan results claim (threshold 50 instead of the claimed 50,000), so
     * the lag rule gives the same counts from either.
     */
    private static final long SCALE = 1000;
    private static final long MEASURED_THRESHOLD = 50_000 / SCALE;

    private final KafkaTestCluster kafka;
    private final String stateTopic = "logwise-ops.scaler-it-" + UUID.randomUUID();
    private Admin admin;
    private TopicReads reads;

    PartitionScalerIT(KafkaTestCluster kafka) {
        this.kafka = kafka;
    }

    @BeforeAll
    void connect() {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
        reads = new TopicReads(admin);
    }

    @AfterAll
    void disconnect() {
        admin.close();
    }

    /** Real lag behind the scan's claim: avgLag/SCALE records on each partition, unread by the claimed group. */
    private void realLag(String topic, int partitions, long avgLag) {
        try (LagFixtures fixtures = new LagFixtures(kafka.bootstrapServers())) {
            int[] counts = new int[partitions];
            java.util.Arrays.fill(counts, (int) (avgLag / SCALE));
            fixtures.produce(Map.of(topic, counts));
            fixtures.commit("spark-" + topic, LagFixtures.offsets(topic, new long[partitions]));
        }
    }

    private Map<String, String> env(String mode, String... extra) {
        Map<String, String> env = new HashMap<>(Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "SCALER_MODE", mode, "STATE_TOPIC", stateTopic, "SCALER_PARTITIONS_PER_BROKER", "1000000",
                "SCALER_COOLDOWN", "10m", "MAX_LAG_PER_PARTITION", Long.toString(MEASURED_THRESHOLD)));
        for (int i = 0; i < extra.length; i += 2) {
            env.put(extra[i], extra[i + 1]);
        }
        return env;
    }

    private JsonNode invoke(Map<String, String> env, Object event, Instant now) throws Exception {
        try (KafkaClients clients = new KafkaClients(KafkaClients.factoryFor(env))) {
            PartitionScalerHandler handler = new PartitionScalerHandler(env, clients, Clock.fixed(now, ZoneOffset.UTC));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] in = event instanceof String text ? text.getBytes(StandardCharsets.UTF_8)
                    : Json.MAPPER.writeValueAsBytes(event);
            handler.handleRequest(new ByteArrayInputStream(in), out, null);
            return Json.MAPPER.readTree(out.toByteArray());
        }
    }

    private String topic(int partitions) throws Exception {
        String name = "logs.scale-" + UUID.randomUUID().toString().substring(0, 8);
        reads.create(List.of(new NewTopic(name, partitions, (short) 1)));
        return name;
    }

    /** The partition count once the broker answers {@code expected}, or as last answered. */
    private int awaitPartitions(String topic, int expected) throws Exception {
        return reads.awaitPartitions(topic, expected);
    }

    /** A scan in which one group lags {@code avgLag} on average over all partitions of the topic. */
    static ScanResult lagging(String topic, int partitions, long avgLag, Instant at) {
        ConsumerSummary consumer = new ConsumerSummary("spark-" + topic, "group", Verdict.LAGGING, avgLag * partitions,
                avgLag, partitions, avgLag, 0, 0, null, null, null, null, null);
        TopicSummary summary = new TopicSummary(topic, partitions, 0, Verdict.LAGGING, 3_600_000L, 50_000, null,
                consumer, List.of(consumer), null);
        return ScanResult.builder("scan-" + UUID.randomUUID(), at).durationMs(100).prefix("logs.")
                .topics(List.of(summary)).build();
    }

    private static Map<String, Object> destinationEvent(ScanResult scan) {
        return Map.of("version", "0", "id", UUID.randomUUID().toString(),
                "detail-type", "Lambda Function Invocation Result - Success", "source", "lambda",
                "detail", Map.of("responsePayload", scan));
    }

    private List<Decision> journal(String topic) throws Exception {
        try (KafkaClients clients = new KafkaClients(KafkaClients.factoryFor(env("on")));
             StateStore store = StateStore.open(clients.factory(), clients.admin(),
                     StateStoreSettings.fromEnv(env("on")), Deadline.after(Duration.ofSeconds(30),
                             Duration.ofSeconds(20)))) {
            return store.journal().decisions(topic);
        }
    }

    @Test
    void aLaggingTopicGrowsToTheLagRulesCountAndASecondScanInsideTheCooldownDoesNothing() throws Exception {
        String topic = topic(3);
        realLag(topic, 3, 150_000);
        Instant now = Instant.now();
        // LogWise's rule: max(ceil(3 x (150000/50000 + 1) / 3) x 3, 3 + 3) = 12.
        JsonNode first = invoke(env("on"), destinationEvent(lagging(topic, 3, 150_000, now)), now);
        assertEquals(12, awaitPartitions(topic, 12), first.toString());
        assertEquals("applied", first.at("/decisions/0/outcome").asText(), first.toString());
        assertEquals("lag", first.at("/decisions/0/rule").asText());

        Instant later = now.plus(Duration.ofMinutes(2));
        JsonNode second = invoke(env("on"), lagging(topic, 12, 150_000, later), later);
        assertEquals(12, awaitPartitions(topic, 12));
        assertEquals("COOLDOWN", second.at("/decisions/0/refusal").asText(), second.toString());

        List<Decision> decisions = journal(topic);
        assertEquals(1, decisions.stream().filter(d -> d.outcome() == DecisionOutcome.APPLIED).count());
        Decision applied = decisions.stream().filter(d -> d.outcome() == DecisionOutcome.APPLIED).findFirst().get();
        assertEquals(3L, applied.from());
        assertEquals(12L, applied.to());
        assertTrue(decisions.stream().anyMatch(d -> d.outcome() == DecisionOutcome.REFUSED
                && d.reason().contains("cooldown")), decisions.toString());
    }

    @Test
    void anIncreaseLeftPendingByAStoppedInvocationIsSettledByALaterRun() throws Exception {
        String raised = topic(3);
        String notRaised = topic(3);
        Instant crashedAt = Instant.now().minus(Duration.ofMinutes(40));
        // As if an invocation recorded its intents, raised one topic and stopped before recording the outcomes.
        try (KafkaClients clients = new KafkaClients(KafkaClients.factoryFor(env("on")));
             StateStore store = StateStore.open(clients.factory(), clients.admin(),
                     StateStoreSettings.fromEnv(env("on")), Deadline.after(Duration.ofSeconds(30),
                             Duration.ofSeconds(20)))) {
            for (String topic : List.of(raised, notRaised)) {
                store.journal().record(new Decision(Decision.idFor(DecidingFunction.PARTITION_SCALER, "scan-crashed",
                        topic, DecisionAction.INCREASE_PARTITIONS), crashedAt, DecidingFunction.PARTITION_SCALER,
                        topic, DecisionAction.INCREASE_PARTITIONS, 3L, 6L, "lag", Map.of(), "lag rule", "on",
                        DecisionOutcome.PENDING, "scan-crashed"));
            }
        }
        admin.createPartitions(Map.of(raised, NewPartitions.increaseTo(6))).all().get();
        awaitPartitions(raised, 6);

        Instant now = Instant.now();
        invoke(env("on"), Map.of("topic", raised, "partitions", 6, "reason", "later run"), now);

        Decision settled = journal(raised).stream().filter(d -> "scan-crashed".equals(d.triggerId())).findFirst()
                .orElseThrow();
        assertEquals(DecisionOutcome.APPLIED, settled.outcome(), settled.toString());
        assertTrue(settled.reason().contains("Kafka shows 6"), settled.reason());
        Decision failed = journal(notRaised).stream().filter(d -> "scan-crashed".equals(d.triggerId())).findFirst()
                .orElseThrow();
        assertEquals(DecisionOutcome.FAILED, failed.outcome(), failed.toString());
        assertEquals(3, awaitPartitions(notRaised, 3), "settling records what happened; it changes nothing");
    }

    @Test
    void dryRunChangesNothingButRecordsTheDecision() throws Exception {
        String topic = topic(3);
        realLag(topic, 3, 150_000);
        Instant now = Instant.now();
        JsonNode report = invoke(env("dry-run"), lagging(topic, 3, 150_000, now), now);
        assertEquals("dry-run", report.at("/decisions/0/outcome").asText(), report.toString());
        assertEquals(3, awaitPartitions(topic, 3));
        assertEquals(DecisionOutcome.DRY_RUN, journal(topic).get(0).outcome());
    }

    @Test
    void aManualDecreaseIsRefusedWithItsReasonAndAnIncreaseIsIdempotent() throws Exception {
        String topic = topic(6);
        Instant now = Instant.now();
        JsonNode decrease = invoke(env("on"), Map.of("topic", topic, "partitions", 3, "reason", "shrink"), now);
        assertEquals("DECREASE", decrease.at("/decisions/0/refusal").asText(), decrease.toString());
        assertEquals(6, awaitPartitions(topic, 6));

        Map<String, Object> grow = Map.of("topic", topic, "partitions", 9, "reason", "Black Friday");
        assertEquals("applied", invoke(env("on"), grow, now).at("/decisions/0/outcome").asText());
        assertEquals(9, awaitPartitions(topic, 9));
        JsonNode again = invoke(env("on"), grow, now.plusSeconds(5));
        assertEquals("none", again.at("/decisions/0/outcome").asText(), again.toString());
        assertEquals(9, awaitPartitions(topic, 9));
    }

    @Test
    void twentyConcurrentInvocationsWithTheSameScanEndWithOneIncrease() throws Exception {
        String topic = topic(3);
        realLag(topic, 3, 60_000);
        Instant now = Instant.now();
        Map<String, Object> event = destinationEvent(lagging(topic, 3, 60_000, now));
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<JsonNode>> runs = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                runs.add(pool.submit((Callable<JsonNode>) () -> invoke(env("on"), event, now)));
            }
            for (Future<JsonNode> run : runs) {
                JsonNode decision = run.get().at("/decisions/0");
                String outcome = decision.path("outcome").asText();
                // An invocation that reads the journal after another one's increase is stopped by the cooldown; one
                // whose own measurement already sees another's increase refuses to act on the old layout.
                boolean cooldown = outcome.equals("refused") && decision.path("refusal").asText().equals("COOLDOWN");
                boolean layoutMoved = outcome.equals("refused")
                        && decision.path("refusal").asText().equals("LAG_NOT_CONFIRMED")
                        && decision.path("reason").asText().contains("partition count changed since the scan");
                assertTrue(cooldown || layoutMoved || Set.of("applied", "already-there", "none").contains(outcome),
                        decision.toString());
            }
        } finally {
            pool.shutdownNow();
        }
        // max(ceil(3 x (60000/50000 + 1) / 3) x 3, 6) = 9, reached once.
        assertEquals(9, awaitPartitions(topic, 9));
        List<Decision> applied = journal(topic).stream().filter(d -> d.outcome() == DecisionOutcome.APPLIED).toList();
        assertEquals(1, applied.size(), applied.toString());
    }

    @Test
    void staleAndPartialScansAreRefused() throws Exception {
        String topic = topic(3);
        Instant now = Instant.now();
        JsonNode stale = invoke(env("on"), lagging(topic, 3, 150_000, now.minus(Duration.ofHours(1))), now);
        assertEquals("STALE_SCAN", stale.at("/decisions/0/refusal").asText(), stale.toString());

        ScanResult measured = lagging(topic, 3, 150_000, now);
        TopicSummary unknown = new TopicSummary(topic, 3, 1, Verdict.UNKNOWN, null, 50_000, null, null, null, null);
        ScanResult partial = ScanResult.builder(measured.scanId(), now).durationMs(1).partial(true).prefix("logs.")
                .topics(List.of(unknown)).problems(List.of("partition 2 of " + topic + " could not be read")).build();
        JsonNode refused = invoke(env("on"), partial, now);
        assertEquals("refused", refused.at("/decisions/0/outcome").asText(), refused.toString());
        assertEquals(3, awaitPartitions(topic, 3));
    }

    @Test
    void keyedAndUnmanagedTopicsAreNeverTouched() throws Exception {
        String keyed = topic(3);
        String other = "other.scale-" + UUID.randomUUID().toString().substring(0, 8);
        reads.create(List.of(new NewTopic(other, 3, (short) 1)));
        Instant now = Instant.now();
        JsonNode report = invoke(env("on", "SCALER_KEYED_TOPICS", keyed), lagging(keyed, 3, 150_000, now), now);
        assertEquals("KEYED_TOPIC", report.at("/decisions/0/refusal").asText(), report.toString());
        JsonNode outside = invoke(env("on"), lagging(other, 3, 150_000, now), now);
        assertEquals("NOT_MANAGED", outside.at("/decisions/0/refusal").asText(), outside.toString());
        JsonNode manual = invoke(env("on"), Map.of("topic", other, "partitions", 12, "reason", "try"), now);
        assertEquals("NOT_MANAGED", manual.at("/decisions/0/refusal").asText(), manual.toString());
        assertEquals(3, awaitPartitions(keyed, 3));
        assertEquals(3, awaitPartitions(other, 3));
    }

    @Test
    void badEventsAreRefusedBeforeKafkaIsTouched() {
        Instant now = Instant.now();
        assertThrows(InvalidRequestException.class, () -> invoke(env("on"), "{\"topic\": 1}", now));
        assertThrows(InvalidRequestException.class, () -> invoke(env("on"),
                Map.of("topic", "logs.a", "partitions", 3), now));
        assertThrows(InvalidRequestException.class, () -> invoke(env("on"),
                Map.of("topic", "logs.a", "partitions", 3, "reason", "x", "force", true), now));
        assertThrows(InvalidRequestException.class, () -> invoke(env("on"), "not json", now));
        assertThrows(InvalidRequestException.class, () -> invoke(env("on"),
                "{\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\",\"detail\":{}}", now));
    }
}
