package io.logwise.kafka.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.client.Deadline;
import io.logwise.kafka.client.KafkaClients;
import io.logwise.kafka.gateway.CountingAdmin;
import io.logwise.kafka.gateway.StateStore;
import io.logwise.kafka.handler.PartitionScalerHandler;
import io.logwise.kafka.json.Json;
import io.logwise.kafka.scan.ConsumerSummary;
import io.logwise.kafka.scan.ScanResult;
import io.logwise.kafka.scan.TopicSummary;
import io.logwise.kafka.scan.Verdict;
import io.logwise.kafka.state.DecidingFunction;
import io.logwise.kafka.state.Decision;
import io.logwise.kafka.state.DecisionAction;
import io.logwise.kafka.state.DecisionOutcome;
import io.logwise.kafka.state.StateStoreSettings;
import io.logwise.kafka.testkit.KafkaTestCluster;
import io.logwise.kafka.testkit.LagFixtures;
import io.logwise.kafka.testkit.RealKafka;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Scan results and state records are claims: tries to make the scaler add partitions on figures it did not measure
 * (a forged lag claim, forged rates, a forged threshold, an old or future-dated scan) or to block it with a record
 * dated in the future. Real lag is made on the broker; what Kafka ends up with is the oracle.
 */
@RealKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScalerClaimsIT {

    /** The scaler's own threshold (MAX_LAG_PER_PARTITION) in these tests. */
    private static final long THRESHOLD = 50;

    private final KafkaTestCluster kafka;
    private final String stateTopic = "logwise-ops.claims-it-" + UUID.randomUUID();
    private Admin admin;
    private LagFixtures fixtures;

    ScalerClaimsIT(KafkaTestCluster kafka) {
        this.kafka = kafka;
    }

    @BeforeAll
    void connect() {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
        fixtures = new LagFixtures(kafka.bootstrapServers());
    }

    @AfterAll
    void disconnect() {
        fixtures.close();
        admin.close();
    }

    private Map<String, String> env() {
        return Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "SCALER_MODE", "on",
                "STATE_TOPIC", stateTopic, "SCALER_PARTITIONS_PER_BROKER", "1000000", "SCALER_COOLDOWN", "10m",
                "MAX_LAG_PER_PARTITION", Long.toString(THRESHOLD), "EMF_OUTPUT", "off");
    }

    /** Topics of {@code partitions} partitions, each with {@code unread} records per partition unread by its group. */
    private List<String> topicsWithLag(String name, int count, int partitions, int unread) {
        return topicsWithLag(name, count, partitions, unread, null);
    }

    /** As above, all read by {@code sharedGroup} when it is given. */
    private List<String> topicsWithLag(String name, int count, int partitions, int unread, String sharedGroup) {
        Map<String, Integer> layout = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            layout.put("logs.claims-" + name + "-" + UUID.randomUUID().toString().substring(0, 8), partitions);
        }
        fixtures.createTopics(layout, Map.of());
        Map<String, int[]> counts = new HashMap<>();
        layout.keySet().forEach(topic -> {
            int[] perPartition = new int[partitions];
            Arrays.fill(perPartition, unread);
            counts.put(topic, perPartition);
        });
        fixtures.produce(counts);
        layout.keySet().forEach(topic -> fixtures.commit(sharedGroup == null ? group(topic) : sharedGroup,
                LagFixtures.offsets(topic, new long[partitions])));
        return List.copyOf(layout.keySet());
    }

    private static String group(String topic) {
        return "spark-" + topic;
    }

    /** A scan claiming that {@code group(topic)} lags {@code avgLag} per partition against {@code threshold}. */
    private static ScanResult claim(List<String> topics, int partitions, long avgLag, long threshold,
                                    Double ingest, Double consume, Instant at) {
        return claim(topics, partitions, avgLag, threshold, ingest, consume, at, null);
    }

    private static ScanResult claim(List<String> topics, int partitions, long avgLag, long threshold,
                                    Double ingest, Double consume, Instant at, String sharedGroup) {
        List<TopicSummary> summaries = new ArrayList<>();
        for (String topic : topics) {
            ConsumerSummary consumer = new ConsumerSummary(sharedGroup == null ? group(topic) : sharedGroup,
                    "group", Verdict.LAGGING,
                    avgLag * partitions, avgLag, partitions, avgLag, 0, 0, consume, null, null, null, null);
            summaries.add(new TopicSummary(topic, partitions, 0, Verdict.LAGGING, 3_600_000L, threshold, ingest,
                    consumer, List.of(consumer), null));
        }
        return ScanResult.builder("claim-" + UUID.randomUUID(), at).durationMs(100).prefix("logs.").topics(summaries)
                .build();
    }

    private JsonNode invoke(KafkaClients clients, Object event) throws Exception {
        PartitionScalerHandler handler = new PartitionScalerHandler(env(), clients, Clock.systemUTC());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Json.MAPPER.writeValueAsBytes(event)), out, null);
        return Json.MAPPER.readTree(out.toByteArray());
    }

    private JsonNode invoke(Object event) throws Exception {
        try (KafkaClients clients = new KafkaClients(KafkaClients.factoryFor(env()))) {
            return invoke(clients, event);
        }
    }

    private static Map<String, Object> destinationEvent(ScanResult scan) {
        return Map.of("version", "0", "id", UUID.randomUUID().toString(),
                "detail-type", "Lambda Function Invocation Result - Success", "source", "lambda",
                "detail", Map.of("responsePayload", scan));
    }

    private Map<String, Integer> partitions(List<String> topics) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().forEach((t, d) -> counts.put(t, d.partitions().size()));
        return counts;
    }

    private static JsonNode line(JsonNode report, String topic) {
        for (JsonNode line : report.path("decisions")) {
            if (line.path("topic").asText().equals(topic)) {
                return line;
            }
        }
        throw new AssertionError(topic + " not in " + report);
    }

    @Test
    void aForgedLagClaimAddsNoPartitionsAndTheRefusalNamesClaimedAndMeasured() throws Exception {
        // Real lag: 10 records per partition, far below the scaler's threshold of 50.
        String small = topicsWithLag("small", 1, 3, 10).get(0);
        // The claim: 5 million per partition against a threshold of 1, in the destination-wrapped form.
        JsonNode report = invoke(destinationEvent(claim(List.of(small), 3, 5_000_000, 1, null, null,
                Instant.now())));

        assertEquals(Map.of(small, 3), partitions(List.of(small)), report.toString());
        JsonNode line = line(report, small);
        assertEquals("LAG_NOT_CONFIRMED", line.path("refusal").asText(), line.toString());
        String reason = line.path("reason").asText();
        assertTrue(reason.contains("claimed avg lag 5000000") && reason.contains("lags 30 in total"), reason);
        assertTrue(reason.contains("threshold " + THRESHOLD), reason);
    }

    @Test
    void aClaimNamingAGroupThatDoesNotExistAddsNoPartitions() throws Exception {
        String topic = topicsWithLag("ghost", 1, 3, 10).get(0);
        ScanResult forged = claim(List.of(topic), 3, 900_000, 50_000, null, null, Instant.now());
        ConsumerSummary ghost = new ConsumerSummary("ghost-" + UUID.randomUUID(), "group", Verdict.LAGGING,
                2_700_000, 900_000, 3, 900_000, 0, 0, null, null, null, null, null);
        TopicSummary summary = new TopicSummary(topic, 3, 0, Verdict.LAGGING, 3_600_000L, 50_000, null, ghost,
                List.of(ghost), null);
        JsonNode report = invoke(ScanResult.builder(forged.scanId(), forged.scannedAt()).durationMs(1).prefix("logs.")
                .topics(List.of(summary)).build());

        assertEquals(Map.of(topic, 3), partitions(List.of(topic)), report.toString());
        assertEquals("LAG_NOT_CONFIRMED", line(report, topic).path("refusal").asText(), report.toString());
    }

    @Test
    void anExaggeratedClaimRaisesOnlyAsFarAsTheMeasuredLagJustifies() throws Exception {
        // Real: 100 per partition, twice the threshold: the lag rule gives max(ceil(3 x (100/50 + 1) / 3) x 3, 6) = 9.
        String topic = topicsWithLag("big", 1, 3, 100).get(0);
        // Claimed: 50 million per partition, and rates asking for many more partitions (ingest 1e6/s, consume 1/s).
        JsonNode report = invoke(claim(List.of(topic), 3, 50_000_000, 50_000, 1_000_000.0, 3.0, Instant.now()));

        assertEquals(Map.of(topic, 9), partitions(List.of(topic)), report.toString());
        JsonNode line = line(report, topic);
        assertEquals("applied", line.path("outcome").asText(), line.toString());
        assertEquals(100, line.at("/inputs/avgLagOfLaggingPartitions").asLong(), line.toString());
        assertEquals(50_000_000, line.at("/inputs/claimedAvgLagOfLaggingPartitions").asLong(), line.toString());
        Decision applied = journal(topic).stream().filter(d -> d.outcome() == DecisionOutcome.APPLIED)
                .findFirst().orElseThrow();
        assertEquals(9L, applied.to());
        assertTrue(applied.reason().startsWith("measured before increasing"), applied.reason());
    }

    @Test
    void scansOlderThanTheMaxAgeOrDatedInTheFutureAreRefusedBareAndWrapped() throws Exception {
        // Real lag that would justify an increase: only the scan's date may stop it.
        String topic = topicsWithLag("aged", 1, 3, 200).get(0);
        Instant now = Instant.now();
        List<Object> events = new ArrayList<>();
        for (Instant at : List.of(now.minus(Duration.ofMinutes(6)), now.minus(Duration.ofDays(400)),
                Instant.parse("2100-01-01T00:00:00Z"), now.plus(Duration.ofMinutes(10)))) {
            ScanResult scan = claim(List.of(topic), 3, 200_000, 50_000, null, null, at);
            events.add(scan);
            events.add(destinationEvent(scan));
        }
        for (Object event : events) {
            JsonNode report = invoke(event);
            assertEquals("STALE_SCAN", line(report, topic).path("refusal").asText(), report.toString());
        }
        assertEquals(Map.of(topic, 3), partitions(List.of(topic)));
        assertTrue(journal(topic).stream().noneMatch(d -> d.outcome() == DecisionOutcome.APPLIED
                || d.outcome() == DecisionOutcome.PENDING), journal(topic).toString());
    }

    @Test
    void aCooldownRecordDatedInTheFutureDoesNotBlockScalingAndIsNamedInProblems() throws Exception {
        String topic = topicsWithLag("future", 1, 3, 100).get(0);
        Decision forged = new Decision(Decision.idFor(DecidingFunction.PARTITION_SCALER, "forged-2100", topic,
                DecisionAction.INCREASE_PARTITIONS), Instant.parse("2100-01-01T00:00:00Z"),
                DecidingFunction.PARTITION_SCALER, topic, DecisionAction.INCREASE_PARTITIONS, 3L, 6L, "lag",
                Map.of(), "forged", "on", DecisionOutcome.APPLIED, "forged-2100");
        try (KafkaClients clients = new KafkaClients(KafkaClients.factoryFor(env()));
             StateStore store = StateStore.open(clients.factory(), clients.admin(),
                     StateStoreSettings.fromEnv(env()), Deadline.after(Duration.ofSeconds(30),
                             Duration.ofSeconds(20)))) {
            store.journal().record(forged);
        }

        JsonNode report = invoke(claim(List.of(topic), 3, 100_000, 50_000, null, null, Instant.now()));

        assertEquals(Map.of(topic, 9), partitions(List.of(topic)), report.toString());
        List<String> problems = new ArrayList<>();
        report.path("problems").forEach(problem -> problems.add(problem.asText()));
        assertTrue(problems.stream().anyMatch(p -> p.contains(forged.id()) && p.contains("2100-01-01")
                && p.contains("rejected")), problems.toString());
    }

    @Test
    void measuringTakesTheSameRoundTripsForFiveOrFortyTopics() throws Exception {
        Map<Integer, Map<String, Integer>> callsByCount = new LinkedHashMap<>();
        for (int count : List.of(5, 40)) {
            String sharedGroup = "spark-trips-" + UUID.randomUUID();
            List<String> topics = topicsWithLag("trips" + count, count, 1, 100, sharedGroup);
            try (KafkaClients clients = new KafkaClients(KafkaClients.factoryFor(env()))) {
                invoke(clients, Map.of("topic", "logs.warm-up", "partitions", 1, "reason", "open the state topic"));
                CountingAdmin counting = CountingAdmin.inject(clients);
                JsonNode report = invoke(clients, claim(topics, 1, 100_000, 50_000, null, null, Instant.now(),
                        sharedGroup));
                assertEquals(count, report.path("decisions").size(), report.toString());
                Map<String, Integer> raised = partitions(topics);
                assertTrue(raised.values().stream().allMatch(p -> p == 4), raised.toString());
                callsByCount.put(count, counting.calls());
            }
        }
        System.err.println("[scaler-claims] Admin calls per invocation by claimed topics: " + callsByCount);
        assertEquals(callsByCount.get(5), callsByCount.get(40));
        assertEquals(2, callsByCount.get(40).get("listOffsets"), callsByCount.toString());
        assertEquals(1, callsByCount.get(40).get("listConsumerGroupOffsets"), callsByCount.toString());
        assertEquals(1, callsByCount.get(40).get("createPartitions"), callsByCount.toString());
    }

    private List<Decision> journal(String topic) {
        try (KafkaClients clients = new KafkaClients(KafkaClients.factoryFor(env()));
             StateStore store = StateStore.open(clients.factory(), clients.admin(),
                     StateStoreSettings.fromEnv(env()), Deadline.after(Duration.ofSeconds(30),
                             Duration.ofSeconds(20)))) {
            return store.journal().decisions(topic);
        }
    }
}
