package io.logwise.kafka.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.client.KafkaClients;
import io.logwise.kafka.error.LogwiseException;
import io.logwise.kafka.handler.JsonHandler;
import io.logwise.kafka.handler.PartitionScalerHandler;
import io.logwise.kafka.handler.RetentionUpdaterHandler;
import io.logwise.kafka.handler.TopicProvisionerHandler;
import io.logwise.kafka.json.Json;
import io.logwise.kafka.reliability.BoundedInvocation.Outcome;
import io.logwise.kafka.reliability.ClusterFaults.Layout;
import io.logwise.kafka.scan.ConsumerSummary;
import io.logwise.kafka.scan.ScanResult;
import io.logwise.kafka.scan.TopicSummary;
import io.logwise.kafka.scan.Verdict;
import io.logwise.kafka.state.Decision;
import io.logwise.kafka.state.DecisionAction;
import io.logwise.kafka.state.DecisionOutcome;
import io.logwise.kafka.state.StateStoreSettings;
import io.logwise.kafka.testkit.Eventually;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * SIGKILL of one node of a private three-node cluster (replication factor 3) while a mutating handler's batched
 * Admin call is in flight: a provisioning batch, a scale-up from one scan result, a retention change on many
 * topics, and, once, the active controller during a provisioning batch. The first invocation either completes
 * correctly or fails with a typed error naming what it was doing; a retry of the same event with two of three nodes
 * alive (as a Lambda retry would come, seconds later) must then leave the correct end state, touch nothing outside
 * {@code logs.}, lose no record, and leave the decision journal with exactly one APPLIED decision per topic and
 * target and no PENDING one.
 *
 * <p>"Duplicated" in the journal: a second APPLIED record for the same topic and the same target value (partitions
 * or retention.ms) under the operation's trigger. A retry rewrites the same key (same trigger, topic, action), so
 * FAILED then APPLIED under one key is one decision; the scaler's cooldown refusal on retry has its own key and
 * outcome REFUSED and is not a duplicate. "Lost": a topic Kafka shows changed without an APPLIED record saying so,
 * or a decision left PENDING after the retry.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrokerFailoverIT {

    private static final Duration LAMBDA_TIME = Duration.ofSeconds(60);
    private static final Duration HANG_BOUND = Duration.ofSeconds(90);
    private static final List<String> OUTSIDE = List.of("other.failover", "logsx.failover", "logs_failover");
    private static final int RECORDS_PER_PARTITION = 5;

    private final String stateTopic = "logwise-ops.failover-" + UUID.randomUUID().toString().substring(0, 8);
    private ClusterFaults kafka;
    private Map<String, String> env;
    private StateStoreSettings stateSettings;
    private Predicate<String> outsideManaged;
    private BrokerSnapshot outsideBefore;

    @BeforeAll
    void startCluster() throws Exception {
        kafka = ClusterFaults.startThreeNodes();
        env = Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "STATE_TOPIC", stateTopic,
                "EMF_OUTPUT", "off", "SCALER_MODE", "on", "SCALER_PARTITIONS_PER_BROKER", "100000",
                "KAFKA_API_TIMEOUT_MS", "15000", "KAFKA_REQUEST_TIMEOUT_MS", "5000",
                // The scaler measures lag before it acts: 5 unread records per partition are over this threshold.
                "MAX_LAG_PER_PARTITION", "4");
        stateSettings = StateStoreSettings.fromEnv(env);
        kafka.createTopics(OUTSIDE.stream().map(t -> new NewTopic(t, 2, (short) 3)
                .configs(Map.of("retention.ms", "86400000"))).toList());
        kafka.journal(env); // creates the state topic, so its leader can be chosen as a victim
        outsideManaged = topic -> topic.startsWith("logs.") || BrokerSnapshot.internalOr(stateTopic, topic);
        outsideBefore = kafka.snapshot(outsideManaged);
        assertEquals(OUTSIDE.size(), outsideBefore.topics().size(), outsideBefore.toString());
    }

    @BeforeEach
    @AfterEach
    void allNodesUp() {
        kafka.restartAll();
    }

    @AfterAll
    void stopCluster() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aProvisioningBatchSurvivesABrokerKilledDuringCreateTopics() throws Exception {
        int victim = kafka.nonController(3);
        provisionUnderFault("broker " + victim, 200, "fo-create", () -> victim, true);
    }

    @Test
    void aProvisioningBatchSurvivesTheActiveControllerKilledDuringCreateTopics() throws Exception {
        int controller = kafka.controllerId();
        provisionUnderFault("active controller " + controller, 150, "fo-controller", () -> controller, false);
        int newController = kafka.controllerId();
        assertNotEquals(controller, newController, "a new controller was elected after the kill");
    }

    /**
     * A Lambda retry comes seconds after the failure, while the killed broker is still down (fenced), and so does any
     * request during a rolling restart: topics created then must still get the policy's replication factor 3 (the
     * third replica catches up when the broker is back), not a permanent replication factor 2.
     */
    @Test
    void topicsCreatedWhileOneBrokerIsDownGetTheFullReplicationFactor() throws Exception {
        int victim = kafka.nonController(2);
        kafka.kill(victim);
        kafka.awaitRegisteredBrokers(2);
        List<String> services = IntStream.range(0, 20).mapToObj(i -> "fo-degraded-" + i).toList();
        String event = Json.MAPPER.writeValueAsString(Map.of("services", services));
        try (KafkaClients clients = new KafkaClients(KafkaClients.factoryFor(env))) {
            Outcome outcome = invoke(new TopicProvisionerHandler(env, clients), event, "provisioning topics");
            assertInstanceOf(Outcome.Result.class, outcome, outcome.toString());
            assertEquals(Map.of("created", 20L), counts(outcome, "topics", "status"));
        }
        kafka.startInBackground(victim);
        Map<Layout, Long> expected = Map.of(new Layout(3, 3, "3600000", "2"), 20L);
        Map<String, Layout> layouts = kafka.awaitLayouts(services.stream().map(s -> "logs." + s).toList(),
                seen -> expected.equals(countByLayout(seen)));
        assertEquals(expected, countByLayout(layouts), "replication 3 and min ISR 2");
    }

    private void provisionUnderFault(String victimName, int count, String prefix,
                                     java.util.function.IntSupplier victim, boolean kafkaTools) throws Exception {
        List<String> services = IntStream.range(0, count).mapToObj(i -> prefix + "-" + i).toList();
        List<String> topics = services.stream().map(s -> "logs." + s).toList();
        String event = Json.MAPPER.writeValueAsString(Map.of("services", services, "partitions", 1,
                "retentionMs", 7_200_000));
        int killed = victim.getAsInt();
        try (KafkaClients clients = new KafkaClients(KafkaClients.factoryFor(env))) {
            KilledMidCall run = killMidCallThenRetry(clients, "createTopics", killed,
                    () -> new TopicProvisionerHandler(env, clients), event, "provisioning topics", "topics", "status");
            Map<String, Long> retryStatuses = run.retryCounts();
            assertEquals(count, retryStatuses.getOrDefault("created", 0L) + retryStatuses.getOrDefault("exists", 0L),
                    "every topic created or found by the retry: " + retryStatuses);

            Layout expected = new Layout(1, 3, "7200000", "2");
            assertEquals(List.of(), wrongLayouts(topics, expected::equals),
                    "every topic has 1 partition, 3 replicas, retention 2h, min ISR 2");
            if (kafkaTools) { // Kafka's own tools as the oracle once; each is a JVM start, so not for every test
                String described = awaitTool(() -> kafka.topicCommandDescribe(topics.get(count - 1)),
                        "PartitionCount: 1", "ReplicationFactor: 3");
                assertTrue(described.contains("PartitionCount: 1") && described.contains("ReplicationFactor: 3"),
                        described);
                String configs = awaitTool(() -> kafka.configCommandDescribe(topics.get(0)), "retention.ms=7200000");
                assertTrue(configs.contains("retention.ms=7200000"), configs);
            }
            assertNothingOutsideManagedChanged();
            System.out.printf("[failover] provisioning %d topics, SIGKILL of the %s while createTopics was in"
                            + " flight (%d of %d confirmed when the kill was done, %d ms):"
                            + " first invocation (%d ms) %s %s;"
                            + " retry with 2 of 3 nodes (%d ms) %s%n", count, victimName,
                    run.fault().confirmedBeforeFault(), run.fault().items(), run.fault().faultMillis(), run.firstMs(),
                    kind(run.first()), run.firstCounts(), run.retryMs(), retryStatuses);
        }
    }

    @Test
    void aScaleUpFromOneScanSurvivesABrokerKilledDuringCreatePartitions() throws Exception {
        List<String> topics = createTopics("fo-scale", 40, 3, "3600000");
        produce(topics, 3);
        for (String topic : topics) { // the lag the scan claims, for real: nothing read yet
            kafka.oracle().alterConsumerGroupOffsets("spark-" + topic, Map.of(new TopicPartition(topic, 0),
                    new OffsetAndMetadata(0), new TopicPartition(topic, 1), new OffsetAndMetadata(0),
                    new TopicPartition(topic, 2), new OffsetAndMetadata(0))).all().get(30, TimeUnit.SECONDS);
        }
        ScanResult scan = laggingScan(topics, 3, 60_000);
        String event = destinationEvent(scan);
        int victim = kafka.nonController(kafka.journalLeader(stateSettings));
        try (KafkaClients clients = new KafkaClients(KafkaClients.factoryFor(env))) {
            KilledMidCall run = killMidCallThenRetry(clients, "createPartitions", victim,
                    () -> new PartitionScalerHandler(env, clients, Clock.systemUTC()), event, "scaling partitions",
                    "decisions", "outcome");

            // LogWise's lag rule: max(ceil(3 x (60000/50000 + 1) / 3) x 3, 3 + 3) = 9 partitions.
            assertEquals(List.of(), wrongLayouts(topics, layout -> layout != null && layout.partitions() == 9
                    && layout.replicationFactor() == 3), "every topic raised to 9 partitions, 3 replicas each");
            String described = awaitTool(() -> kafka.topicCommandDescribe(topics.get(0)), "PartitionCount: 9");
            assertTrue(described.contains("PartitionCount: 9"), described);
            int lostRecords = Eventually.awaitEquals(0, () -> lostRecords(topics, 3));
            assertEquals(0, lostRecords, "records on the original partitions");
            int checked = assertJournal(scan.scanId(), topics, DecisionAction.INCREASE_PARTITIONS, 9L);
            assertNothingOutsideManagedChanged();
            System.out.printf("[failover] scale-up of %d topics from one scan, SIGKILL of broker %d (journal leader"
                            + " or not the controller) while createPartitions was in flight (%d of %d confirmed when"
                            + " the kill was done, %d ms): first invocation (%d ms) %s %s; retry (%d ms) %s;"
                            + " %d journal records"
                            + " checked, 0 records lost%n", topics.size(), victim, run.fault().confirmedBeforeFault(),
                    run.fault().items(), run.fault().faultMillis(), run.firstMs(), kind(run.first()),
                    run.firstCounts(), run.retryMs(), run.retryCounts(), checked);
        }
    }

    @Test
    void aRetentionChangeOnManyTopicsSurvivesABrokerKilledDuringAlterConfigs() throws Exception {
        List<String> topics = createTopics("fo-retention", 60, 1, "3600000");
        produce(topics, 1);
        String event = Json.MAPPER.writeValueAsString(Map.of("version", "0", "id", UUID.randomUUID().toString(),
                "detail-type", "Change Retention", "source", "logwise.kafka",
                "detail", Map.of("topics", topics, "retention", "2d", "reason", "failover test: keep two days")));
        String trigger = Json.MAPPER.readTree(event).path("id").asText();
        int victim = kafka.nonController(kafka.journalLeader(stateSettings));
        try (KafkaClients clients = new KafkaClients(KafkaClients.factoryFor(env))) {
            KilledMidCall run = killMidCallThenRetry(clients, "incrementalAlterConfigs", victim,
                    () -> new RetentionUpdaterHandler(env, clients, Clock.systemUTC()), event, "changing retention",
                    "lines", "outcome");

            assertEquals(List.of(), wrongLayouts(topics, layout -> layout != null
                    && "172800000".equals(layout.retentionMs()) && layout.partitions() == 1),
                    "every topic at retention.ms 2 days, partitions untouched");
            String configs = awaitTool(() -> kafka.configCommandDescribe(topics.get(topics.size() - 1)),
                    "retention.ms=172800000");
            assertTrue(configs.contains("retention.ms=172800000"), configs);
            assertEquals(0, Eventually.awaitEquals(0, () -> lostRecords(topics, 1)), "records of the topics");
            int checked = assertJournal(trigger, topics, DecisionAction.SET_RETENTION, 172_800_000L);
            assertNothingOutsideManagedChanged();
            System.out.printf("[failover] retention change on %d topics, SIGKILL of broker %d while"
                            + " incrementalAlterConfigs was in flight (%d of %d confirmed when the kill was done,"
                            + " %d ms): first invocation (%d ms) %s %s; retry (%d ms) %s;"
                            + " %d journal records checked, 0 records"
                            + " lost%n", topics.size(), victim, run.fault().confirmedBeforeFault(), run.fault().items(),
                    run.fault().faultMillis(), run.firstMs(), kind(run.first()), run.firstCounts(), run.retryMs(),
                    run.retryCounts(), checked);
        }
    }

    /** What a node killed during a handler's batched Admin call left: the first invocation and a retry's. */
    private record KilledMidCall(Outcome first, long firstMs, FaultyAdmin.Injected fault,
                                 Map<String, Long> firstCounts, Outcome retry, long retryMs,
                                 Map<String, Long> retryCounts) {
    }

    /**
     * Kills node {@code victim} once the handler's {@code call} has 10 items in flight; then, with two of three nodes
     * registered, invokes the same event again, asserts that retry completes, and starts the victim again in the
     * background. Counts are of {@code field} over the items of the answer's {@code list}.
     */
    private KilledMidCall killMidCallThenRetry(KafkaClients clients, String call, int victim,
                                               Supplier<JsonHandler> handlerOnFaultyClients, String event,
                                               String operation, String list, String field) throws Exception {
        FaultyAdmin faulty = FaultyAdmin.inject(clients, call, 10, () -> kafka.kill(victim));
        JsonHandler handler = handlerOnFaultyClients.get();
        long started = System.nanoTime();
        Outcome first = invoke(handler, event, operation);
        long firstMs = millisSince(started);
        assertTrue(faulty.fired(), "the fault was injected during the batched call: " + first);
        FaultyAdmin.Injected fault = faulty.injected().get(60, TimeUnit.SECONDS);
        Map<String, Long> firstCounts = counts(first, list, field);

        kafka.awaitRegisteredBrokers(2);
        started = System.nanoTime();
        Outcome retry = invoke(handler, event, operation);
        long retryMs = millisSince(started);
        assertInstanceOf(Outcome.Result.class, retry, "the retry with 2 of 3 nodes alive completes: " + retry);
        Map<String, Long> retryCounts = counts(retry, list, field);
        kafka.startInBackground(victim);
        return new KilledMidCall(first, firstMs, fault, firstCounts, retry, retryMs, retryCounts);
    }

    /** One invocation; a failure must be typed and name what was being done, and nothing may hang. */
    private static Outcome invoke(JsonHandler handler, String event, String operation) {
        Outcome outcome = BoundedInvocation.invoke(handler, event.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                LAMBDA_TIME, HANG_BOUND);
        assertFalse(outcome instanceof Outcome.Hang, "no answer within " + HANG_BOUND);
        if (outcome instanceof Outcome.Failure failure) {
            LogwiseException typed = assertInstanceOf(LogwiseException.class, failure.error(),
                    "a failure is a typed LogwiseException");
            assertNotEquals(LogwiseException.Reason.INTERNAL, typed.reason(), typed.getMessage());
            ClusterFaults.assertNamesWhatWasDone(typed, operation);
        }
        return outcome;
    }

    /**
     * The journal records of one trigger: per topic exactly one decision of {@code action} (one key), APPLIED, to
     * {@code target}; no PENDING one for these topics; no second APPLIED record for that topic and target anywhere in
     * the journal.
     * Returns how many records were checked.
     */
    private int assertJournal(String trigger, List<String> topics, DecisionAction action, long target) {
        List<Decision> all = kafka.journal(env);
        Map<String, List<Decision>> byTopic = all.stream().filter(d -> d.triggerId().equals(trigger))
                .filter(d -> d.action() == action && d.outcome() != DecisionOutcome.REFUSED)
                .collect(Collectors.groupingBy(Decision::topic, TreeMap::new, Collectors.toList()));
        // This test's topics only: a decision another test left PENDING is that test's failure, not this one's.
        assertEquals(List.of(), all.stream().filter(d -> topics.contains(d.topic())
                && d.outcome() == DecisionOutcome.PENDING).toList(), "no decision left PENDING");
        List<String> problems = new ArrayList<>();
        for (String topic : topics) {
            List<Decision> decisions = byTopic.getOrDefault(topic, List.of());
            long appliedToTarget = all.stream().filter(d -> d.topic().equals(topic) && d.action() == action
                    && d.outcome() == DecisionOutcome.APPLIED && Long.valueOf(target).equals(d.to())).count();
            if (decisions.size() != 1 || decisions.get(0).outcome() != DecisionOutcome.APPLIED
                    || !Long.valueOf(target).equals(decisions.get(0).to()) || appliedToTarget != 1) {
                problems.add(topic + ": " + decisions + " (" + appliedToTarget + " APPLIED to " + target + ")");
            }
        }
        assertEquals(List.of(), problems, "one APPLIED decision per topic and target, none lost");
        return all.stream().filter(d -> topics.contains(d.topic())).mapToInt(d -> 1).sum();
    }

    /** A broker that has not applied the latest metadata yet may answer: read until it is unchanged, or time is up. */
    private void assertNothingOutsideManagedChanged() throws Exception {
        BrokerSnapshot after = Eventually.await(() -> BrokerSnapshot.take(kafka.oracle(), outsideManaged),
                seen -> outsideBefore.differences(seen).isEmpty());
        assertEquals("", outsideBefore.differences(after), "topics outside logs. are untouched");
    }

    /** The topics whose layout {@code expected} does not accept once the brokers answer it, or when time is up. */
    private List<String> wrongLayouts(List<String> topics, Predicate<Layout> expected) throws Exception {
        Map<String, Layout> layouts = kafka.awaitLayouts(topics,
                seen -> topics.stream().allMatch(t -> expected.test(seen.get(t))));
        return topics.stream().filter(t -> !expected.test(layouts.get(t))).map(t -> t + "=" + layouts.get(t))
                .toList();
    }

    private static Map<Layout, Long> countByLayout(Map<String, Layout> layouts) {
        return layouts.values().stream().collect(Collectors.groupingBy(l -> l, Collectors.counting()));
    }

    /** A Kafka tool's output once it shows every {@code expected} part (its request may reach a lagging broker). */
    private static String awaitTool(Eventually.Read<String> tool, String... expected) throws Exception {
        return Eventually.await(tool, out -> Arrays.stream(expected).allMatch(out::contains));
    }

    private List<String> createTopics(String prefix, int count, int partitions, String retentionMs) throws Exception {
        List<String> topics = IntStream.range(0, count).mapToObj(i -> "logs." + prefix + "-" + i).toList();
        kafka.createTopics(topics.stream().map(t -> new NewTopic(t, partitions, (short) 3)
                .configs(Map.of("retention.ms", retentionMs, "min.insync.replicas", "2"))).toList());
        return topics;
    }

    private void produce(List<String> topics, int partitions) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            for (String topic : topics) {
                for (int p = 0; p < partitions; p++) {
                    for (int i = 0; i < RECORDS_PER_PARTITION; i++) {
                        producer.send(new ProducerRecord<>(topic, p, null, ("line " + i).getBytes()));
                    }
                }
            }
            producer.flush();
        }
    }

    /** Records missing from the first {@code partitions} partitions: log start moved, or end below what was written. */
    private int lostRecords(List<String> topics, int partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> earliest = new LinkedHashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
        topics.forEach(t -> IntStream.range(0, partitions).forEach(p -> {
            earliest.put(new TopicPartition(t, p), OffsetSpec.earliest());
            latest.put(new TopicPartition(t, p), OffsetSpec.latest());
        }));
        var start = kafka.oracle().listOffsets(earliest).all().get(30, TimeUnit.SECONDS);
        var end = kafka.oracle().listOffsets(latest).all().get(30, TimeUnit.SECONDS);
        int lost = 0;
        for (TopicPartition partition : earliest.keySet()) {
            long kept = end.get(partition).offset() - start.get(partition).offset();
            lost += (int) Math.max(0, RECORDS_PER_PARTITION - kept);
        }
        return lost;
    }

    /** One scan result in which every topic lags {@code avgLag} per partition on average (max lag 50,000). */
    static ScanResult laggingScan(List<String> topics, int partitions, long avgLag) {
        List<TopicSummary> summaries = new ArrayList<>();
        for (String topic : topics) {
            ConsumerSummary consumer = new ConsumerSummary("spark-" + topic, "group", Verdict.LAGGING,
                    avgLag * partitions, avgLag, partitions, avgLag, 0, 0, null, null, null, null, null);
            summaries.add(new TopicSummary(topic, partitions, 0, Verdict.LAGGING, 3_600_000L, 50_000, null,
                    consumer, List.of(consumer), null));
        }
        return ScanResult.builder("scan-" + UUID.randomUUID(), Instant.now()).durationMs(100).prefix("logs.")
                .topics(summaries).build();
    }

    /** The scan result as EventBridge delivers it from the lag scanner's on-success destination. */
    static String destinationEvent(ScanResult scan) throws Exception {
        return Json.MAPPER.writeValueAsString(Map.of("version", "0", "id", UUID.randomUUID().toString(),
                "detail-type", "Lambda Function Invocation Result - Success", "source", "lambda",
                "detail", Map.of("responsePayload", scan)));
    }

    private static long millisSince(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    private static Map<String, Long> counts(Outcome outcome, String list, String field) {
        if (!(outcome instanceof Outcome.Result result)) {
            return Map.of();
        }
        Map<String, Long> counts = new TreeMap<>();
        for (JsonNode item : result.json().path(list)) {
            counts.merge(item.path(field).asText(), 1L, Long::sum);
        }
        return counts;
    }

    private static String kind(Outcome outcome) {
        if (outcome instanceof Outcome.Failure failure) {
            return "failed with " + failure.error().getClass().getSimpleName() + " (" + failure.error().getMessage()
                    + ")";
        }
        return "completed";
    }
}
