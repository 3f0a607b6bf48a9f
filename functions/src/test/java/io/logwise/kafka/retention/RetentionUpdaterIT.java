package io.logwise.kafka.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.client.Deadline;
import io.logwise.kafka.client.KafkaClients;
import io.logwise.kafka.error.InvalidRequestException;
import io.logwise.kafka.gateway.StateStore;
import io.logwise.kafka.handler.RetentionUpdaterHandler;
import io.logwise.kafka.json.Json;
import io.logwise.kafka.scan.ConsumerSummary;
import io.logwise.kafka.scan.ScanResult;
import io.logwise.kafka.scan.TopicSummary;
import io.logwise.kafka.scan.Verdict;
import io.logwise.kafka.state.DecidingFunction;
import io.logwise.kafka.state.Decision;
import io.logwise.kafka.state.DecisionAction;
import io.logwise.kafka.state.DecisionOutcome;
import io.logwise.kafka.state.RetentionExtension;
import io.logwise.kafka.state.StateStoreSettings;
import io.logwise.kafka.testkit.KafkaTestCluster;
import io.logwise.kafka.testkit.RealKafka;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The retention updater's handler against a real broker: what Kafka ends up with, and what the journal says. */
@RealKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetentionUpdaterIT {

    private static final long HOUR = 3_600_000L;
    private static final long WEEK = 7 * 24 * HOUR;

    private final KafkaTestCluster kafka;
    private final RetentionFixture fixture;
    private final Map<String, String> env;

    RetentionUpdaterIT(KafkaTestCluster kafka) {
        this.kafka = kafka;
        this.fixture = new RetentionFixture(kafka);
        this.env = Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "STATE_TOPIC", "logwise-ops.retention-it-" + UUID.randomUUID());
    }

    @AfterAll
    void close() {
        fixture.close();
    }

    private JsonNode invoke(Object event, Instant now) throws Exception {
        try (KafkaClients clients = new KafkaClients(KafkaClients.factoryFor(env))) {
            var handler = new RetentionUpdaterHandler(env, clients, Clock.fixed(now, ZoneOffset.UTC));
            var out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(Json.MAPPER.writeValueAsBytes(event)), out, null);
            return Json.MAPPER.readTree(out.toByteArray());
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The report line of {@code topic} (a scheduled run also reports other tests' extensions). */
    private static JsonNode line(JsonNode report, String topic) {
        return StreamSupport.stream(report.get("lines").spliterator(), false)
                .filter(line -> line.path("topic").asText().equals(topic)).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + topic + " in " + report));
    }

    private <T> T state(java.util.function.Function<StateStore, T> read) {
        try (KafkaClients clients = new KafkaClients(KafkaClients.factoryFor(env));
             StateStore store = StateStore.open(clients.factory(), clients.admin(), StateStoreSettings.fromEnv(env),
                     Deadline.after(Duration.ofSeconds(30), Duration.ofSeconds(20)))) {
            return read.apply(store);
        }
    }

    private List<Decision> journal(String topic) {
        return state(store -> store.journal().decisions(topic));
    }

    private Optional<RetentionExtension> extension(String topic) {
        return state(store -> store.extensions().get(topic));
    }

    private static Map<String, Object> scheduled() {
        return Map.of("version", "0", "id", UUID.randomUUID().toString(), "detail-type", "Scheduled Event",
                "source", "aws.events", "detail", Map.of());
    }

    /** A topic with a group that has read everything written to it. */
    private String readTopic(String kind, long retentionMs) throws Exception {
        String topic = fixture.topic(kind, 1, Map.of("retention.ms", Long.toString(retentionMs)));
        fixture.produce(topic, 2, Instant.now());
        fixture.commit("spark-" + topic, topic, 2);
        return topic;
    }

    @Test
    void raisesAServicesRetentionThroughTheBusOnceLeavesOtherConfigsAndARepeatChangesNothing() throws Exception {
        String topic = fixture.topic("raise", 1, Map.of("retention.ms", Long.toString(HOUR),
                "max.message.bytes", "2000000"));
        Map<String, Object> request = Map.of("services", List.of(topic.substring("logs.".length())),
                "retention", "7d", "reason", "audit");
        Map<String, Object> event = Map.of("version", "0", "id", UUID.randomUUID().toString(),
                "detail-type", "Change Retention", "source", "logwise.kafka", "detail", request);

        JsonNode first = invoke(event, now());
        assertEquals("raise", line(first, topic).path("action").asText(), first.toString());
        assertEquals("applied", line(first, topic).path("outcome").asText());
        assertEquals(WEEK, fixture.awaitRetentionMs(topic, WEEK));
        String described = fixture.describeWithConfigCommand(topic);
        assertTrue(described.contains("retention.ms=604800000"), described);
        assertTrue(described.contains("max.message.bytes=2000000"), described);

        JsonNode again = invoke(request, now());
        assertEquals("no-change", line(again, topic).path("action").asText(), again.toString());
        assertEquals(WEEK, fixture.awaitRetentionMs(topic, WEEK));
        List<Decision> decisions = journal(topic);
        assertEquals(1, decisions.size(), decisions.toString());
        Decision applied = decisions.get(0);
        assertEquals(DecisionOutcome.APPLIED, applied.outcome());
        assertEquals(DecisionAction.SET_RETENTION, applied.action());
        assertEquals(HOUR, applied.from());
        assertEquals(WEEK, applied.to());
        assertTrue(applied.reason().startsWith("audit"), applied.reason());
    }

    @Test
    void aTemporaryExtensionRevertsToTheOriginalValueOnTheFirstScheduledRunAfterItExpires() throws Exception {
        String topic = readTopic("temporary", HOUR);
        Instant start = now();
        JsonNode extended = invoke(Map.of("topics", List.of(topic), "retention", "7d", "for", "48h",
                "reason", "incident 4711"), start);
        assertEquals("extend", line(extended, topic).path("action").asText(), extended.toString());
        assertEquals(WEEK, fixture.awaitRetentionMs(topic, WEEK));
        RetentionExtension stored = extension(topic).orElseThrow();
        assertEquals(HOUR, stored.originalRetentionMs());
        assertEquals(start.plus(Duration.ofHours(48)), stored.expiresAt());

        JsonNode early = invoke(scheduled(), start.plus(Duration.ofHours(1)));
        assertEquals("no-change", line(early, topic).path("action").asText(), early.toString());
        assertEquals(WEEK, fixture.awaitRetentionMs(topic, WEEK));

        JsonNode due = invoke(scheduled(), start.plus(Duration.ofHours(49)));
        assertEquals("revert", line(due, topic).path("action").asText(), due.toString());
        assertEquals("applied", line(due, topic).path("outcome").asText());
        assertEquals(HOUR, fixture.awaitRetentionMs(topic, HOUR));
        assertFalse(extension(topic).isPresent());
        assertTrue(journal(topic).stream().anyMatch(d -> d.action() == DecisionAction.REVERT_RETENTION
                && d.outcome() == DecisionOutcome.APPLIED && d.to() == HOUR), journal(topic).toString());
    }

    @Test
    void aChangeLeftPendingByAStoppedInvocationIsSettledByTheScheduledRun() throws Exception {
        String changed = readTopic("pending-made", WEEK);
        String unchanged = readTopic("pending-not-made", HOUR);
        Instant crashedAt = now().minus(Duration.ofMinutes(30));
        // As if an invocation recorded two intents (1h -> 7d), changed one topic and stopped before the outcomes.
        state(store -> {
            for (String topic : List.of(changed, unchanged)) {
                store.journal().record(new Decision(Decision.idFor(DecidingFunction.RETENTION_UPDATER, "req-crashed",
                        topic, DecisionAction.SET_RETENTION), crashedAt, DecidingFunction.RETENTION_UPDATER, topic,
                        DecisionAction.SET_RETENTION, HOUR, WEEK, "request", Map.of("config", "retention.ms"),
                        "audit", "on", DecisionOutcome.PENDING, "req-crashed"));
            }
            return null;
        });

        invoke(scheduled(), now());

        Decision made = journal(changed).stream().filter(d -> "req-crashed".equals(d.triggerId())).findFirst()
                .orElseThrow();
        assertEquals(DecisionOutcome.APPLIED, made.outcome(), made.toString());
        assertTrue(made.reason().contains("Kafka shows " + WEEK), made.reason());
        Decision notMade = journal(unchanged).stream().filter(d -> "req-crashed".equals(d.triggerId())).findFirst()
                .orElseThrow();
        assertEquals(DecisionOutcome.FAILED, notMade.outcome(), notMade.toString());
        assertEquals(HOUR, fixture.retentionMs(unchanged), "settling records what happened; it changes nothing");
    }

    @Test
    void loweringBelowUnreadDataIsRefusedWithTheFiguresAndForceWithAReasonOverridesIt() throws Exception {
        String topic = fixture.topic("unread", 1, Map.of("retention.ms", Long.toString(WEEK)));
        Instant now = now();
        fixture.produce(topic, 3, now.minus(Duration.ofHours(3)));
        fixture.commit("spark-" + topic, topic, 0);

        JsonNode refused = invoke(Map.of("topics", List.of(topic), "retention", "1h", "reason", "cost"), now);
        JsonNode line = line(refused, topic);
        assertEquals("refused", line.path("outcome").asText(), refused.toString());
        assertTrue(line.path("reason").asText().contains("oldest unread record is 3h"), line.toString());
        assertEquals(WEEK, fixture.awaitRetentionMs(topic, WEEK));

        JsonNode forced = invoke(Map.of("topics", List.of(topic), "retention", "1h", "force", true,
                "reason", "disk full on broker 2"), now);
        assertEquals("lower", line(forced, topic).path("action").asText(), forced.toString());
        assertEquals("applied", line(forced, topic).path("outcome").asText());
        assertEquals(HOUR, fixture.awaitRetentionMs(topic, HOUR));
        List<Decision> decisions = journal(topic);
        assertTrue(decisions.stream().anyMatch(d -> d.outcome() == DecisionOutcome.REFUSED
                && d.reason().contains("oldest unread record")), decisions.toString());
        Decision applied = decisions.stream().filter(d -> d.outcome() == DecisionOutcome.APPLIED).findFirst()
                .orElseThrow();
        assertEquals("forced", applied.rule());
        assertTrue(applied.inputs().get("overridden").toString().contains("BELOW_UNREAD_DATA"), applied.toString());
        assertTrue(applied.reason().contains("disk full on broker 2"), applied.reason());
    }

    @Test
    void loweringBelowTheFloorIsRefusedEvenWithNothingUnread() throws Exception {
        String topic = readTopic("floor", 2 * HOUR);
        JsonNode report = invoke(Map.of("topics", List.of(topic), "retention", "30m", "reason", "cost"), now());
        assertEquals("refused", line(report, topic).path("outcome").asText(), report.toString());
        assertTrue(line(report, topic).path("reason").asText().contains("below the floor of 1h"), report.toString());
        assertEquals(2 * HOUR, fixture.awaitRetentionMs(topic, 2 * HOUR));

        JsonNode allowed = invoke(Map.of("topics", List.of(topic), "retention", "90m", "reason", "cost"), now());
        assertEquals("applied", line(allowed, topic).path("outcome").asText(), allowed.toString());
        assertEquals(90 * 60_000L, fixture.awaitRetentionMs(topic, 90 * 60_000L));
    }

    private static ScanResult scan(String topic, Verdict verdict, long lag, double timeLagSeconds, Instant at) {
        ConsumerSummary consumer = new ConsumerSummary("spark-" + topic, "group", verdict, lag, lag, 0, 0, 0, 0,
                10.0, timeLagSeconds, null, null);
        TopicSummary summary = new TopicSummary(topic, 1, 0, verdict, HOUR, 50_000, null, consumer,
                List.of(consumer), null);
        return ScanResult.builder("scan-" + UUID.randomUUID(), at).durationMs(120).prefix("logs.")
                .topics(List.of(summary)).build();
    }

    @Test
    void anAtRiskScanExtendsRetentionUntilTheConsumersCatchUpThenItReverts() throws Exception {
        String topic = readTopic("protect", HOUR);
        Instant now = now();
        Map<String, Object> destination = Map.of("version", "0", "id", UUID.randomUUID().toString(),
                "detail-type", "Lambda Function Invocation Result - Success", "source", "lambda",
                "detail", Map.of("responsePayload", scan(topic, Verdict.AT_RISK, 50_000, 7200, now)));

        JsonNode extended = invoke(destination, now);
        assertEquals("extend", line(extended, topic).path("action").asText(), extended.toString());
        long protectedMs = 2 * 2 * HOUR + 15 * 60_000L; // time lag 2h x factor 2 + margin 15m
        assertEquals(protectedMs, fixture.awaitRetentionMs(topic, protectedMs));
        RetentionExtension stored = extension(topic).orElseThrow();
        assertTrue(stored.untilCaughtUp());
        assertEquals(HOUR, stored.originalRetentionMs());

        JsonNode stillBehind = invoke(scan(topic, Verdict.LAGGING, 20_000, 1800, now.plusSeconds(600)),
                now.plusSeconds(600));
        assertEquals("no-change", line(stillBehind, topic).path("action").asText(), stillBehind.toString());
        assertEquals(protectedMs, fixture.awaitRetentionMs(topic, protectedMs));

        Instant later = now.plus(Duration.ofMinutes(30));
        JsonNode caughtUp = invoke(scan(topic, Verdict.OK, 0, 5, later), later);
        assertEquals("revert", line(caughtUp, topic).path("action").asText(), caughtUp.toString());
        assertEquals(HOUR, fixture.awaitRetentionMs(topic, HOUR));
        assertFalse(extension(topic).isPresent());
        List<Decision> decisions = journal(topic);
        assertTrue(decisions.stream().anyMatch(d -> d.action() == DecisionAction.EXTEND_RETENTION
                && d.outcome() == DecisionOutcome.APPLIED), decisions.toString());
        assertTrue(decisions.stream().anyMatch(d -> d.action() == DecisionAction.REVERT_RETENTION
                && d.outcome() == DecisionOutcome.APPLIED), decisions.toString());
    }

    @Test
    void aDryRunRecordsTheDecisionAndChangesNothing() throws Exception {
        String topic = fixture.topic("dry", 1, Map.of("retention.ms", Long.toString(HOUR)));
        JsonNode report = invoke(Map.of("topics", List.of(topic), "retention", "7d", "dryRun", true), now());
        assertEquals("dry-run", line(report, topic).path("outcome").asText(), report.toString());
        assertEquals(HOUR, fixture.awaitRetentionMs(topic, HOUR));
        assertEquals(DecisionOutcome.DRY_RUN, journal(topic).get(0).outcome());
    }

    @Test
    void everyBadInputIsAnErrorNamingItsFieldAndChangesNothing() throws Exception {
        String topic = fixture.topic("bad", 1, Map.of("retention.ms", Long.toString(HOUR)));
        String service = topic.substring("logs.".length());
        Map<String, Map<String, Object>> cases = Map.of(
                "retention", Map.of("services", List.of(service), "retention", "0h"),
                "retention:", Map.of("services", List.of(service), "retention", "-2h"),
                "retention: 'soon'", Map.of("services", List.of(service), "retention", "soon"),
                "above the maximum of 90d", Map.of("services", List.of(service), "retention", "400d"),
                "retentionMs", Map.of("services", List.of(service), "retentionMs", 0),
                "reason: is required with force", Map.of("services", List.of(service), "retention", "7d",
                        "force", true),
                "for:", Map.of("services", List.of(service), "retention", "7d", "for", "0h"),
                "retension", Map.of("services", List.of(service), "retension", "7d"),
                "no such topic", Map.of("topics", List.of(RetentionFixture.name("missing")), "retention", "7d"));
        for (var bad : cases.entrySet()) {
            var error = assertThrows(InvalidRequestException.class, () -> invoke(bad.getValue(), now()),
                    bad.getKey());
            assertTrue(error.getMessage().contains(bad.getKey()), bad.getKey() + " -> " + error.getMessage());
        }
        var wrongType = assertThrows(InvalidRequestException.class, () -> invoke(Map.of("detail-type",
                "Scale Partitions", "source", "logwise.kafka", "detail", Map.of("topic", topic)), now()));
        assertTrue(wrongType.getMessage().contains("Change Retention"), wrongType.getMessage());
        assertEquals(HOUR, fixture.awaitRetentionMs(topic, HOUR));
        assertTrue(journal(topic).isEmpty());
    }

    @Test
    void aMixedBatchChangesTheValidTopicsAndReportsTheOthers() throws Exception {
        String topic = fixture.topic("mixed", 1, Map.of("retention.ms", Long.toString(HOUR)));
        String missing = RetentionFixture.name("missing");
        JsonNode report = invoke(Map.of("services", List.of(topic.substring("logs.".length()), "bad name!"),
                "topics", List.of("other.audit", missing), "retention", "24h", "reason", "batch job"), now());
        assertEquals("applied", line(report, topic).path("outcome").asText(), report.toString());
        assertEquals(24 * HOUR, fixture.awaitRetentionMs(topic, 24 * HOUR));
        assertEquals("invalid", line(report, "services[1]").path("action").asText());
        assertTrue(line(report, "topics[0]").path("reason").asText().contains("outside the managed prefix"));
        assertEquals("unknown-topic", line(report, missing).path("action").asText());
    }
}
