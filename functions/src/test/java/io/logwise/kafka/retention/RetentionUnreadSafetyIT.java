package io.logwise.kafka.retention;

import io.logwise.kafka.gateway.RetentionKafkaGateway;
import io.logwise.kafka.service.RetentionUpdaterService;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.client.Deadline;
import io.logwise.kafka.client.KafkaClients;
import io.logwise.kafka.gateway.StateLogKafkaGateway;
import io.logwise.kafka.gateway.StateStore;
import io.logwise.kafka.gateway.UnreadReaders;
import io.logwise.kafka.handler.RetentionUpdaterHandler;
import io.logwise.kafka.json.Json;
import io.logwise.kafka.scan.ConsumerSummary;
import io.logwise.kafka.scan.ScanResult;
import io.logwise.kafka.scan.TopicSummary;
import io.logwise.kafka.scan.Verdict;
import io.logwise.kafka.service.UnreadMeasurement;
import io.logwise.kafka.state.DecidingFunction;
import io.logwise.kafka.state.Decision;
import io.logwise.kafka.state.DecisionAction;
import io.logwise.kafka.state.DecisionJournal;
import io.logwise.kafka.state.DecisionOutcome;
import io.logwise.kafka.state.ExtensionStore;
import io.logwise.kafka.state.LoadedPart;
import io.logwise.kafka.state.RetentionExtension;
import io.logwise.kafka.state.StateKey;
import io.logwise.kafka.state.StateLog;
import io.logwise.kafka.state.StatePart;
import io.logwise.kafka.state.StateRecord;
import io.logwise.kafka.state.StateStoreSettings;
import io.logwise.kafka.testkit.KafkaTestCluster;
import io.logwise.kafka.testkit.RealKafka;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Tries to make the retention updater delete records a consumer has not read, on a real broker that checks retention
 * every second: a Spark query far behind while a group is caught up, record timestamps older than their arrival,
 * forged and future-dated state records, old scan results, unreadable positions and oversized state records. Each
 * test ends with the same proof: after a whole retention pass of the broker, the log start offset has not moved and
 * is at or below every consumer's position. Topics roll a segment per hour of record time (segment.ms), so records
 * hours older than the rest sit in a segment of their own that a lowered retention would delete at once (the control
 * in the first test shows it).
 */
@RealKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetentionUnreadSafetyIT {

    private static final long HOUR = 3_600_000L;
    private static final long WEEK = 7 * 24 * HOUR;
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final KafkaTestCluster kafka;
    private final RetentionFixture fixture;
    private final String stateTopic = "logwise-ops.retention-safety-it-" + UUID.randomUUID();
    private final Path checkpoints;

    RetentionUnreadSafetyIT(KafkaTestCluster kafka) throws Exception {
        this.kafka = kafka;
        this.fixture = new RetentionFixture(kafka);
        this.checkpoints = Files.createTempDirectory("retention-safety-checkpoints");
    }

    @AfterAll
    void close() {
        fixture.close();
    }

    // ---- the attacks ----

    @Test
    void aManualLoweringIsRefusedWhileASparkQueryIsFarBehindThoughAGroupHasReadEverything() throws Exception {
        Instant now = now();
        String topic = behindTopic("spark-behind", WEEK, now);
        String spark = "spark-" + shortId();
        Map<String, String> env = env(Map.of(spark, checkpoint(topic, 2)));

        JsonNode line = line(invoke(env, lower(topic, "1h"), now), topic);

        assertEquals("refused", line.path("outcome").asText(), line.toString());
        assertTrue(line.path("reason").asText().contains("oldest unread record is 3h"), line.toString());
        assertTrue(line.path("reason").asText().contains(spark + " (spark-checkpoint) at offset 2"), line.toString());
        assertEquals(WEEK, fixture.retentionMs(topic));
        assertNothingUnreadDeleted(topic, 2, 10);

        // Control: with the group alone (no checkpoint source), the same lowering is applied and Kafka deletes the
        // query's unread records: what the old updater did.
        String control = behindTopic("spark-behind-control", WEEK, now);
        JsonNode lowered = line(invoke(env(Map.of()), lower(control, "1h"), now), control);
        assertEquals("applied", lowered.path("outcome").asText(), lowered.toString());
        awaitLogStart(control, 5);
    }

    @Test
    void theExpiryRunDoesNotRevertWhileASparkQueryIsBehindAndRevertsOnceItCaughtUp() throws Exception {
        Instant start = now();
        String topic = twoHourTopic("expiry-spark");
        String spark = "spark-" + shortId();
        Path query = checkpoint(topic, 2);
        Map<String, String> env = env(Map.of(spark, query));
        JsonNode extended = line(invoke(env, Map.of("topics", List.of(topic), "retention", "7d", "for", "1h",
                "reason", "incident"), start), topic);
        assertEquals("applied", extended.path("outcome").asText(), extended.toString());
        assertEquals(WEEK, fixture.awaitRetentionMs(topic, WEEK));
        fixture.produce(topic, 5, start.minus(Duration.ofHours(3)));
        fixture.produce(topic, 5, start);
        fixture.commit("app-" + topic, topic, 10);

        JsonNode due = line(invoke(env, scheduled(), start.plus(Duration.ofHours(2))), topic);

        assertEquals("refused", due.path("outcome").asText(), due.toString());
        assertTrue(due.path("reason").asText().contains(spark), due.toString());
        assertEquals(WEEK, fixture.retentionMs(topic));
        assertTrue(state(env, store -> store.extensions().get(topic)).isPresent(), "kept, to retry");
        assertNothingUnreadDeleted(topic, 2, 10);

        SparkCheckpointFolder.committed(query, 1, topic, 10);
        JsonNode caughtUp = line(invoke(env, scheduled(), start.plus(Duration.ofHours(2))), topic);
        assertEquals("applied", caughtUp.path("outcome").asText(), caughtUp.toString());
        assertEquals(2 * HOUR, fixture.awaitRetentionMs(topic, 2 * HOUR));
    }

    @Test
    void recordsDatedLongBeforeTheirArrivalKeepAProtectionExtensionFromBeingReverted() throws Exception {
        Instant now = now();
        String topic = twoHourTopic("backlog");
        // The consumer is a Spark query (no group): only a fresh reading of its checkpoint shows it is behind.
        Map<String, String> env = env(Map.of("spark-" + shortId(), checkpoint(topic, 0)));
        JsonNode extended = line(invoke(env, scan(topic, Verdict.AT_RISK, 7200, now), now), topic);
        assertEquals("extend", extended.path("action").asText(), extended.toString());
        long protectedMs = extended.path("to").asLong();
        assertEquals(protectedMs, fixture.awaitRetentionMs(topic, protectedMs));
        // A shipper clears its backlog: records arrive now, stamped 3 hours ago (CreateTime).
        fixture.produce(topic, 5, now.minus(Duration.ofHours(3)));
        fixture.produce(topic, 5, now);

        // The scan claims the consumer is a minute behind (arrival-time interpolation): the updater measures.
        JsonNode revert = line(invoke(env, scan(topic, Verdict.OK, 60, now), now), topic);

        assertEquals("refused", revert.path("outcome").asText(), revert.toString());
        assertTrue(revert.path("reason").asText().contains("oldest unread record is 3h"), revert.toString());
        assertTrue(revert.path("reason").asText().contains("CreateTime"), revert.toString());
        assertEquals(protectedMs, fixture.retentionMs(topic));
        assertNothingUnreadDeleted(topic, 0);

        JsonNode manual = line(invoke(env, lower(topic, "2h"), now), topic);
        assertEquals("refused", manual.path("outcome").asText(), manual.toString());
        assertNothingUnreadDeleted(topic, 0);
    }

    @Test
    void aForgedExtensionRecordIsNotRevertedAndIsNamed() throws Exception {
        Instant now = now();
        String topic = behindTopic("forged", WEEK, now);
        fixture.commit("app-" + topic, topic, 10); // all read: only the journal check stands in the way
        Map<String, String> env = env(Map.of());
        state(env, store -> {
            store.extensions().put(new RetentionExtension(topic, HOUR, WEEK, now.minus(Duration.ofHours(1)), false,
                    "forged", now.minus(Duration.ofHours(2)), "no-such-decision"));
            return null;
        });

        JsonNode report = invoke(env, scheduled(), now);

        assertEquals(WEEK, fixture.retentionMs(topic));
        assertEquals("none", line(report, topic).path("outcome").asText(), report.toString());
        assertTrue(problem(report, topic).contains("the journal has no decision no-such-decision"),
                report.toString());
        assertFalse(state(env, store -> store.journal().decisions(topic)).stream()
                .anyMatch(d -> d.action() == DecisionAction.REVERT_RETENTION), "nothing decided on a forged record");
        assertNothingUnreadDeleted(topic, 10);
    }

    @Test
    void aPermanentChangeRecordedAfterAnExtensionVoidsItSoItIsNeverReverted() throws Exception {
        Instant start = now();
        String topic = extendedTopic("voided", start, Duration.ofHours(3));
        Map<String, String> env = env(Map.of());
        // Another invocation made 7d permanent meanwhile, without seeing the extension (the interleaving where the
        // extension's alter landed last, so Kafka shows the extended value).
        Instant permanentAt = start.plusSeconds(1);
        state(env, store -> {
            store.journal().record(new Decision(Decision.idFor(DecidingFunction.RETENTION_UPDATER, "req-permanent",
                    topic, DecisionAction.SET_RETENTION), permanentAt, DecidingFunction.RETENTION_UPDATER, topic,
                    DecisionAction.SET_RETENTION, 2 * HOUR, WEEK, "request", Map.of("config", "retention.ms"),
                    "keep a week", "on", DecisionOutcome.APPLIED, "req-permanent"));
            return null;
        });

        JsonNode report = invoke(env, scheduled(), start.plus(Duration.ofHours(2)));

        assertEquals(WEEK, fixture.retentionMs(topic), "the permanent raise stands");
        assertEquals("forget", line(report, topic).path("action").asText(), report.toString());
        assertTrue(problem(report, topic).contains("permanent retention change"), report.toString());
        assertFalse(state(env, store -> store.extensions().get(topic)).isPresent());
        assertNothingUnreadDeleted(topic, 5);
    }

    @Test
    void askingPermanentlyForTheExtendedValueMakesItPermanentSoTheExpiryLeavesIt() throws Exception {
        Instant start = now();
        String topic = extendedTopic("made-permanent", start, Duration.ofHours(3));
        Map<String, String> env = env(Map.of());

        JsonNode permanent = line(invoke(env, Map.of("topics", List.of(topic), "retention", "7d",
                "reason", "keep a week"), start.plusSeconds(1)), topic);
        assertEquals("make-permanent", permanent.path("action").asText(), permanent.toString());
        assertEquals("applied", permanent.path("outcome").asText(), permanent.toString());
        assertFalse(state(env, store -> store.extensions().get(topic)).isPresent());

        invoke(env, scheduled(), start.plus(Duration.ofHours(2)));
        assertEquals(WEEK, fixture.retentionMs(topic), "the permanent request stands");
        assertNothingUnreadDeleted(topic, 5);
    }

    @Test
    void aPermanentChangeMadeWhileTheExpiryIsDecidingStandsAndTheExpiryGivesUp() throws Exception {
        Instant start = now();
        String topic = extendedTopic("race-permanent", start);
        Map<String, String> env = env(Map.of());
        long threeDays = 3 * 24 * HOUR;

        // The expiry has read the journal and the topic (7d, due) and is about to record its revert when a permanent
        // request for 3d runs from start to end.
        JsonNode[] permanent = new JsonNode[1];
        JsonNode expiry = expiryRacedBy(env, start.plus(Duration.ofHours(2)), true, () -> permanent[0] =
                invoke(env, Map.of("topics", List.of(topic), "retention", "3d", "reason", "audit"),
                        start.plus(Duration.ofHours(2))));

        assertEquals("applied", line(permanent[0], topic).path("outcome").asText(), permanent[0].toString());
        JsonNode revert = line(expiry, topic);
        assertEquals("refused", revert.path("outcome").asText(), revert.toString());
        assertTrue(revert.path("reason").asText().contains("another invocation is changing retention.ms"),
                revert.toString());
        assertNothingUnreadDeleted(topic, 5);
        assertEquals(threeDays, fixture.retentionMs(topic), "the permanent change stands");
    }

    @Test
    void aTemporaryRaiseMadeWhileTheExpiryIsDecidingStaysTemporaryAndTheExpiryGivesUp() throws Exception {
        Instant start = now();
        String topic = extendedTopic("race-temporary", start);
        Map<String, String> env = env(Map.of());
        long twoWeeks = 2 * WEEK;
        Instant racedAt = start.plus(Duration.ofHours(2));

        JsonNode[] raise = new JsonNode[1];
        JsonNode expiry = expiryRacedBy(env, racedAt, true, () -> raise[0] = invoke(env, Map.of("topics",
                List.of(topic), "retention", "14d", "for", "2h", "reason", "second incident"), racedAt));

        assertEquals("applied", line(raise[0], topic).path("outcome").asText(), raise[0].toString());
        assertEquals("refused", line(expiry, topic).path("outcome").asText(), expiry.toString());
        assertNothingUnreadDeleted(topic, 5);
        assertEquals(twoWeeks, fixture.retentionMs(topic), "the new extension stands");
        RetentionExtension stored = state(env, store -> store.extensions().get(topic)).orElseThrow(
                () -> new AssertionError("the new extension must stay temporary: its record is gone"));
        assertEquals(twoWeeks, stored.extendedRetentionMs());
        assertEquals(racedAt.plus(Duration.ofHours(2)), stored.expiresAt());
    }

    @Test
    void aRequestMadeWhileTheRevertIsInFlightGivesUpAndTheRevertIsApplied() throws Exception {
        Instant start = now();
        String topic = extendedTopic("race-in-flight", start);
        Map<String, String> env = env(Map.of());
        Instant racedAt = start.plus(Duration.ofHours(2));

        // The expiry's intent is in the journal (PENDING) and its alter not yet made when the request runs.
        JsonNode[] raise = new JsonNode[1];
        JsonNode expiry = expiryRacedBy(env, racedAt, false, () -> raise[0] = invoke(env, Map.of("topics",
                List.of(topic), "retention", "14d", "for", "2h", "reason", "second incident"), racedAt));

        JsonNode refused = line(raise[0], topic);
        assertEquals("refused", refused.path("outcome").asText(), refused.toString());
        assertTrue(refused.path("reason").asText().contains("revert retention to 2h"), refused.toString());
        assertEquals("applied", line(expiry, topic).path("outcome").asText(), expiry.toString());
        assertNothingUnreadDeleted(topic, 5);
        assertEquals(2 * HOUR, fixture.retentionMs(topic), "reverted, and no raise left behind");
        assertFalse(state(env, store -> store.extensions().get(topic)).isPresent());
    }

    @Test
    void recordsDatedInTheFutureAreRejectedAndNamed() throws Exception {
        Instant now = now();
        Instant future = now.plus(Duration.ofDays(365));
        String topic = behindTopic("future", WEEK, now);
        fixture.commit("app-" + topic, topic, 10);
        Map<String, String> env = env(Map.of());
        String decisionId = Decision.idFor(DecidingFunction.RETENTION_UPDATER, "req-future", topic,
                DecisionAction.EXTEND_RETENTION);
        state(env, store -> {
            store.journal().record(new Decision(decisionId, future, DecidingFunction.RETENTION_UPDATER, topic,
                    DecisionAction.EXTEND_RETENTION, HOUR, WEEK, "temporary", Map.of("config", "retention.ms"),
                    "incident", "on", DecisionOutcome.APPLIED, "req-future"));
            store.extensions().put(new RetentionExtension(topic, HOUR, WEEK, now.minus(Duration.ofHours(1)), false,
                    "incident", future, decisionId));
            return null;
        });

        JsonNode report = invoke(env, scheduled(), now);

        assertEquals(WEEK, fixture.retentionMs(topic));
        assertTrue(problem(report, topic).contains("in the future"), report.toString());
        assertTrue(report.path("problems").toString().contains("journal record " + decisionId), report.toString());

        JsonNode fromTheFuture = invoke(env, scan(topic, Verdict.AT_RISK, 7200, future), now);
        assertTrue(fromTheFuture.path("problems").toString().contains("in the future"), fromTheFuture.toString());
        assertEquals(WEEK, fixture.retentionMs(topic));
        assertNothingUnreadDeleted(topic, 10);
    }

    @Test
    void anOldScanResultIsNotUsedToExtendNorToRevert() throws Exception {
        Instant now = now();
        String topic = twoHourTopic("old-scan");
        Map<String, String> env = env(Map.of("spark-" + shortId(), checkpoint(topic, 0)));

        JsonNode stale = invoke(env, scan(topic, Verdict.AT_RISK, 7200, now.minus(Duration.ofDays(400))), now);
        assertTrue(stale.path("problems").toString().contains("RETENTION_SCAN_MAX_AGE"), stale.toString());
        assertEquals(2 * HOUR, fixture.retentionMs(topic));

        long protectedMs = line(invoke(env, scan(topic, Verdict.AT_RISK, 7200, now), now), topic).path("to")
                .asLong();
        assertTrue(protectedMs > 2 * HOUR);
        assertEquals(protectedMs, fixture.awaitRetentionMs(topic, protectedMs));
        fixture.produce(topic, 5, now.minus(Duration.ofHours(3)));
        Instant later = now.plus(Duration.ofMinutes(30));
        JsonNode oldAllRead = invoke(env, scan(topic, Verdict.OK, 1, later.minus(Duration.ofMinutes(20))), later);
        assertTrue(oldAllRead.path("problems").toString().contains("RETENTION_SCAN_MAX_AGE"), oldAllRead.toString());
        assertEquals(protectedMs, fixture.retentionMs(topic));
        assertNothingUnreadDeleted(topic, 0);
    }

    @Test
    void anUnreadableCheckpointOrAnExpectedConsumerWithoutAPositionRefusesUnlessForcedWithAReason()
            throws Exception {
        Instant now = now();
        String topic = behindTopic("unknown", WEEK, now);
        fixture.commit("app-" + topic, topic, 10);
        Path broken = Files.createDirectories(checkpoints.resolve("broken-" + shortId()));
        Files.createDirectories(broken.resolve("commits"));
        Files.createDirectories(broken.resolve("offsets"));
        Files.writeString(broken.resolve("offsets/0"), "v9\nnot a checkpoint");
        Files.writeString(broken.resolve("commits/0"), "v1\n{}");
        Map<String, String> env = env(Map.of("spark-broken", broken));

        JsonNode refused = line(invoke(env, lower(topic, "1h"), now), topic);
        assertEquals("refused", refused.path("outcome").asText(), refused.toString());
        assertTrue(refused.path("reason").asText().contains("spark-broken"), refused.toString());

        Map<String, String> expecting = new HashMap<>(env(Map.of()));
        expecting.put("LAG_EXPECTED_CONSUMERS", topic + "=spark-audit");
        JsonNode absent = line(invoke(expecting, lower(topic, "1h"), now), topic);
        assertEquals("refused", absent.path("outcome").asText(), absent.toString());
        assertTrue(absent.path("reason").asText().contains("expected consumer spark-audit has no position"),
                absent.toString());
        assertEquals(WEEK, fixture.retentionMs(topic));
        assertNothingUnreadDeleted(topic, 10);

        JsonNode forced = line(invoke(env, Map.of("topics", List.of(topic), "retention", "1h", "force", true,
                "reason", "disk full"), now), topic);
        assertEquals("applied", forced.path("outcome").asText(), forced.toString());
        Decision applied = state(env, store -> store.journal().decisions(topic)).stream()
                .filter(d -> d.outcome() == DecisionOutcome.APPLIED).findFirst().orElseThrow();
        assertTrue(applied.inputs().get("overridden").toString().contains("UNREAD_DATA_UNKNOWN"), applied.toString());
    }

    @Test
    void anOversizedStateRecordIsSkippedWithoutBeingUsedAndIsNamed() throws Exception {
        Instant now = now();
        String topic = behindTopic("oversized", WEEK, now);
        fixture.commit("app-" + topic, topic, 10);
        Map<String, String> env = env(Map.of());
        state(env, store -> null); // creates the state topic
        byte[] huge = ("{\"schema\":1,\"topic\":\"" + topic + "\",\"pad\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(4 * 1024 * 1024),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(stateTopic, 0, ("extension/" + topic).getBytes(StandardCharsets.UTF_8),
                    huge)).get();
        }

        JsonNode report = invoke(env, scheduled(), now);

        assertTrue(report.path("problems").toString().contains("extension/" + topic), report.toString());
        assertTrue(report.path("problems").toString().contains("skipped: its value has"), report.toString());
        assertEquals(WEEK, fixture.retentionMs(topic));
        assertNothingUnreadDeleted(topic, 10);
    }

    // ---- setup ----

    /** Five records stamped 3 hours ago (a segment of their own), then five stamped now. */
    private String behindTopic(String kind, long retentionMs, Instant now) throws Exception {
        String topic = fixture.topic(kind, 1, Map.of("retention.ms", Long.toString(retentionMs),
                "segment.ms", Long.toString(HOUR)));
        fixture.produce(topic, 5, now.minus(Duration.ofHours(3)));
        fixture.produce(topic, 5, now);
        fixture.commit("app-" + topic, topic, 10);
        return topic;
    }

    /** 2h retention extended to 7d for 1h at {@code start}; five records read by their group. */
    /** A topic of one partition keeping 2 hours, its segments rolled every hour. */
    private String twoHourTopic(String kind) throws Exception {
        return fixture.topic(kind, 1, Map.of("retention.ms", Long.toString(2 * HOUR),
                "segment.ms", Long.toString(HOUR)));
    }

    private String extendedTopic(String kind, Instant start) throws Exception {
        return extendedTopic(kind, start, Duration.ofMinutes(30));
    }

    /** As {@link #extendedTopic(String, Instant)}, the 5 records stamped {@code recordsAge} before {@code start}. */
    private String extendedTopic(String kind, Instant start, Duration recordsAge) throws Exception {
        String topic = twoHourTopic(kind);
        invoke(env(Map.of()), Map.of("topics", List.of(topic), "retention", "7d", "for", "1h", "reason",
                "incident"), start);
        assertEquals(WEEK, fixture.awaitRetentionMs(topic, WEEK));
        fixture.produce(topic, 5, start.minus(recordsAge));
        fixture.commit("app-" + topic, topic, 5);
        return topic;
    }

    /**
     * The scheduled expiry run, with {@code other} run whole when the run records its first decision: before that
     * write reaches the journal ({@code otherFirst}) or right after it (the run's intent then PENDING).
     */
    private JsonNode expiryRacedBy(Map<String, String> env, Instant at, boolean otherFirst, ThrowingRunnable other)
            throws Exception {
        Deadline deadline = Deadline.after(Duration.ofMinutes(2), Duration.ofSeconds(30));
        StateStoreSettings stateSettings = StateStoreSettings.fromEnv(env);
        try (KafkaClients clients = new KafkaClients(KafkaClients.factoryFor(env));
             StateLogKafkaGateway log = new StateLogKafkaGateway(clients.factory(),
                     StateStore.ensureTopic(clients.admin(), stateSettings, deadline), deadline);
             UnreadReaders readers = UnreadReaders.fromEnv(env)) {
            boolean[] fired = {false};
            StateLog racedLog = new StateLog() {
                @Override
                public Map<String, byte[]> read(StatePart part) {
                    return log.read(part);
                }

                @Override
                public List<String> skipped(StatePart part) {
                    return log.skipped(part);
                }

                @Override
                public void write(StatePart part, List<StateRecord> records) {
                    boolean decision = records.stream().anyMatch(r -> r.key() instanceof StateKey.DecisionKey);
                    if (fired[0] || !decision) {
                        log.write(part, records);
                        return;
                    }
                    fired[0] = true;
                    if (!otherFirst) {
                        log.write(part, records);
                    }
                    try {
                        other.run();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    if (otherFirst) {
                        log.write(part, records);
                    }
                }
            };
            LoadedPart journalPart = new LoadedPart(racedLog, StatePart.JOURNAL);
            RetentionReport report = new RetentionUpdaterService(RetentionSettings.fromEnv(env),
                    Clock.fixed(at, ZoneOffset.UTC)).onSchedule("expiry-" + shortId(),
                    new RetentionKafkaGateway(clients.admin(), deadline),
                    new UnreadMeasurement(readers.forInvocation(clients.admin(), clients.factory(), deadline)),
                    new DecisionJournal(journalPart, stateSettings.journalRetention()),
                    new ExtensionStore(journalPart));
            assertTrue(fired[0], "the expiry recorded no decision: nothing raced it");
            return Json.MAPPER.valueToTree(report);
        }
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private Path checkpoint(String topic, long position) throws Exception {
        return SparkCheckpointFolder.committed(checkpoints.resolve("query-" + shortId()), 0, topic, position);
    }

    private Map<String, String> env(Map<String, Path> sparkSources) {
        Map<String, String> env = new HashMap<>(Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "STATE_TOPIC", stateTopic));
        if (!sparkSources.isEmpty()) {
            List<Map<String, String>> sources = new ArrayList<>();
            sparkSources.forEach((name, path) -> sources.add(Map.of("name", name, "location", path.toString())));
            try {
                env.put("SPARK_CHECKPOINT_SOURCES", Json.MAPPER.writeValueAsString(sources));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return env;
    }

    private JsonNode invoke(Map<String, String> env, Object event, Instant now) throws Exception {
        try (KafkaClients clients = new KafkaClients(KafkaClients.factoryFor(env))) {
            var handler = new RetentionUpdaterHandler(env, clients, Clock.fixed(now, ZoneOffset.UTC));
            var out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(Json.MAPPER.writeValueAsBytes(event)), out, null);
            return Json.MAPPER.readTree(out.toByteArray());
        }
    }

    private <T> T state(Map<String, String> env, Function<StateStore, T> read) {
        try (KafkaClients clients = new KafkaClients(KafkaClients.factoryFor(env));
             StateStore store = StateStore.open(clients.factory(), clients.admin(), StateStoreSettings.fromEnv(env),
                     Deadline.after(Duration.ofSeconds(30), Duration.ofSeconds(20)))) {
            return read.apply(store);
        }
    }

    private static Map<String, Object> lower(String topic, String retention) {
        return Map.of("topics", List.of(topic), "retention", retention, "reason", "cost");
    }

    private static Map<String, Object> scheduled() {
        return Map.of("version", "0", "id", UUID.randomUUID().toString(), "detail-type", "Scheduled Event",
                "source", "aws.events", "detail", Map.of());
    }

    private static ScanResult scan(String topic, Verdict verdict, double timeLagSeconds, Instant at) {
        long lag = verdict == Verdict.OK ? 0 : 50_000;
        ConsumerSummary consumer = new ConsumerSummary("app-" + topic, "group", verdict, lag, lag, 0, 0, 0, 0,
                10.0, timeLagSeconds, null, null);
        TopicSummary summary = new TopicSummary(topic, 1, 0, verdict, 2 * HOUR, 50_000, null, consumer,
                List.of(consumer), null);
        return ScanResult.builder("scan-" + UUID.randomUUID(), at).durationMs(120).prefix("logs.")
                .topics(List.of(summary)).build();
    }

    // ---- the proof ----

    /**
     * After a whole retention pass of the broker, the log start offset of partition 0 has not moved from 0, and no
     * consumer position lies below it.
     */
    private void assertNothingUnreadDeleted(String topic, long... positions) throws Exception {
        awaitRetentionPass();
        long start = logStart(topic);
        assertEquals(0, start, topic + ": records were deleted");
        for (long position : positions) {
            assertTrue(start <= position, topic + ": log start " + start + " is beyond a consumer at " + position);
        }
    }

    /**
     * Waits until the broker has run a whole retention pass that began after this call: two topics outside the
     * managed prefix, created one after the other, each with a record older than its retention, are deleted in turn
     * (the second can only go in a pass that began after the first was deleted).
     */
    private void awaitRetentionPass() throws Exception {
        for (int i = 0; i < 2; i++) {
            String sentinel = "retention-sentinel-" + shortId();
            fixture.admin().createTopics(List.of(new NewTopic(sentinel, 1, (short) 1)
                    .configs(Map.of("retention.ms", "60000")))).all().get();
            fixture.produce(sentinel, 1, now().minus(Duration.ofDays(1)));
            awaitLogStart(sentinel, 1);
            fixture.admin().deleteTopics(List.of(sentinel)).all().get();
        }
    }

    /** Waits (bounded) until the broker's retention has moved the log start of partition 0 to {@code atLeast}. */
    private void awaitLogStart(String topic, long atLeast) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        long start = logStart(topic);
        while (start < atLeast) {
            assertTrue(System.nanoTime() < deadline, topic + ": log start still " + start + " after " + WAIT);
            Thread.sleep(100); // poll interval of the bounded wait; the broker checks retention every second
            start = logStart(topic);
        }
    }

    private long logStart(String topic) throws Exception {
        TopicPartition partition = new TopicPartition(topic, 0);
        return fixture.admin().listOffsets(Map.of(partition, OffsetSpec.earliest())).all().get().get(partition)
                .offset();
    }

    private static JsonNode line(JsonNode report, String topic) {
        return StreamSupport.stream(report.get("lines").spliterator(), false)
                .filter(line -> line.path("topic").asText().equals(topic)).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + topic + " in " + report));
    }

    private static String problem(JsonNode report, String topic) {
        return StreamSupport.stream(report.path("problems").spliterator(), false).map(JsonNode::asText)
                .filter(text -> text.contains(topic)).findFirst()
                .orElseThrow(() -> new AssertionError("no problem names " + topic + " in " + report));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
