package io.logwise.kafka.gateway;

import io.logwise.kafka.state.kafka.SnapshotSamples;
import static io.logwise.kafka.state.StateFixtures.extension;
import static io.logwise.kafka.state.StateFixtures.increase;
import static io.logwise.kafka.state.StateFixtures.retention;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.client.Deadline;
import io.logwise.kafka.client.KafkaClientFactory;
import io.logwise.kafka.client.KafkaClients;
import io.logwise.kafka.error.ConfigurationException;
import io.logwise.kafka.error.KafkaUnavailableException;
import io.logwise.kafka.state.Decision;
import io.logwise.kafka.state.DecisionAction;
import io.logwise.kafka.state.DecisionOutcome;
import io.logwise.kafka.state.RetentionExtension;
import io.logwise.kafka.state.StatePart;
import io.logwise.kafka.state.StateStoreSettings;
import io.logwise.kafka.testkit.KafkaTestCluster;
import io.logwise.kafka.testkit.RealKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@RealKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StateStoreIT {

    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");

    private final KafkaTestCluster cluster;
    private final KafkaClientFactory factory;
    private final Admin admin;

    StateStoreIT(KafkaTestCluster cluster) {
        this.cluster = cluster;
        this.factory = KafkaClients.factoryFor(Map.of("KAFKA_BOOTSTRAP_SERVERS", cluster.bootstrapServers()));
        this.admin = Admin.create(factory.adminProperties());
    }

    @AfterAll
    void closeAdmin() {
        admin.close();
    }

    static StateStoreSettings settings(String topic) {
        return StateStoreSettings.fromEnv(Map.of("STATE_TOPIC", topic, "STATE_SNAPSHOT_HISTORY", "3"));
    }

    static String uniqueTopic() {
        return "logwise-ops.state-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Deadline deadline() {
        return Deadline.after(Duration.ofSeconds(60), Duration.ofSeconds(20));
    }

    private StateStore open(StateStoreSettings settings) {
        return StateStore.open(factory, admin, settings, deadline());
    }

    @Test
    void createsTheTopicWithSafeConfigs() {
        String topic = uniqueTopic();
        StateTopic created = StateStore.ensureTopic(admin, settings(topic), deadline());
        assertEquals(new StateTopic(topic, 2, true), created);

        String configs = cluster.runTool("org.apache.kafka.tools.ConfigCommand", "--bootstrap-server", cluster.bootstrapServers(),
                "--entity-type", "topics", "--entity-name", topic, "--describe").requireSuccess().stdout();
        for (String expected : List.of("cleanup.policy=compact", "min.insync.replicas=1",
                "unclean.leader.election.enable=false", "max.message.bytes=8388608", "segment.ms=900000",
                "min.compaction.lag.ms=0", "delete.retention.ms=86400000", "compression.type=uncompressed")) {
            assertTrue(configs.contains(expected), expected + " missing from:\n" + configs);
        }
        String description = cluster.runTool("org.apache.kafka.tools.TopicCommand", "--bootstrap-server",
                cluster.bootstrapServers(), "--describe", "--topic", topic).requireSuccess().stdout();
        assertTrue(description.contains("PartitionCount: 2") && description.contains("ReplicationFactor: 1"),
                description);
    }

    /** Metadata and configs of a new topic reach the brokers a moment apart: opening must wait for both. */
    @Test
    void aNewTopicIsUsableRightAfterCreation() {
        for (int i = 0; i < 10; i++) {
            StateStoreSettings settings = settings(uniqueTopic());
            Decision decision = increase("logs.orders", "scan-" + i, T0, DecisionOutcome.APPLIED);
            try (StateStore store = open(settings)) {
                store.journal().record(decision);
            }
            try (StateStore store = open(settings)) {
                assertEquals(List.of(decision), store.journal().all());
            }
        }
    }

    @Test
    void concurrentCreationIsSafe() throws Exception {
        String topic = uniqueTopic();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<StateTopic>> functions = IntStream.range(0, 4).<Callable<StateTopic>>mapToObj(i -> () -> {
                try (Admin own = Admin.create(factory.adminProperties())) {
                    return StateStore.ensureTopic(own, settings(topic), deadline());
                }
            }).toList();
            int creators = 0;
            for (Future<StateTopic> result : pool.invokeAll(functions)) {
                assertEquals(new StateTopic(topic, 2, result.get().createdNow()), result.get());
                creators += result.get().createdNow() ? 1 : 0;
            }
            assertEquals(1, creators, "exactly one invocation created the topic and says so");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, admin.listTopics().names().get(30, TimeUnit.SECONDS).stream().filter(topic::equals).count());
    }

    @Test
    void decisionsRoundTripAndAFreshStoreSeesPriorWrites() {
        StateStoreSettings settings = settings(uniqueTopic());
        Decision intent = increase("logs.orders", "scan-1", T0, DecisionOutcome.PENDING);
        Decision other = retention("logs.billing", "scan-1", T0.plusSeconds(1), DecisionAction.EXTEND_RETENTION,
                DecisionOutcome.DRY_RUN);
        try (StateStore store = open(settings)) {
            store.journal().record(intent);
            store.journal().record(other);
        }
        try (StateStore store = open(settings)) {
            assertEquals(List.of(intent, other), store.journal().all());
            assertEquals(List.of(intent), store.journal().pending());
            store.journal().record(intent.withOutcome(DecisionOutcome.APPLIED, "increased to 12", T0.plusSeconds(2)));
        }
        try (StateStore store = open(settings)) {
            assertEquals(List.of(), store.journal().pending());
            assertEquals(Optional.of(T0.plusSeconds(2)), store.journal().lastIncrease("logs.orders"));
            assertEquals(DecisionOutcome.APPLIED, store.journal().decisions("logs.orders").get(0).outcome());
        }
    }

    @Test
    void theSameDecisionRecordedTwiceIsReadOnce() throws Exception {
        StateStoreSettings settings = settings(uniqueTopic());
        Decision decision = increase("logs.orders", "scan-7", T0, DecisionOutcome.APPLIED);
        for (int delivery = 0; delivery < 2; delivery++) {
            try (StateStore store = open(settings)) {
                store.journal().record(decision);
            }
        }
        assertEquals(2, endOffset(settings.topic(), 0), "both deliveries were written");
        try (StateStore store = open(settings)) {
            assertEquals(List.of(decision), store.journal().all());
        }
    }

    @Test
    void aTombstoneRemovesAnExtension() throws Exception {
        StateStoreSettings settings = settings(uniqueTopic());
        RetentionExtension billing = extension("logs.billing", T0);
        RetentionExtension audit = extension("logs.audit", T0);
        try (StateStore store = open(settings)) {
            store.extensions().put(billing);
            store.extensions().put(audit);
        }
        try (StateStore store = open(settings)) {
            assertEquals(List.of(audit, billing), store.extensions().active());
            store.extensions().remove("logs.billing");
        }
        try (StateStore store = open(settings)) {
            assertEquals(List.of(audit), store.extensions().active());
            assertEquals(Optional.empty(), store.extensions().get("logs.billing"));
        }
        assertEquals(3, endOffset(settings.topic(), 0));
    }

    @Test
    void snapshotsKeepTheHistoryInTheirOwnPartition() throws Exception {
        StateStoreSettings settings = settings(uniqueTopic());
        var snapshots = IntStream.rangeClosed(1, 5).mapToObj(i -> SnapshotSamples.snapshot("scan-" + i,
                T0.plusSeconds(60L * i), 3, 4, 2, i)).toList();
        try (StateStore store = open(settings)) {
            snapshots.forEach(store.snapshots()::append);
            store.journal().record(increase("logs.orders", "scan-1", T0, DecisionOutcome.APPLIED));
        }
        try (StateStore store = open(settings)) {
            assertEquals(snapshots.subList(2, 5), store.snapshots().recent(10));
            assertEquals(1, store.journal().all().size());
        }
        assertEquals(1, endOffset(settings.topic(), 0), "the journal partition holds only the decision");
        assertEquals(7, endOffset(settings.topic(), 1), "5 snapshots and 2 tombstones");
    }

    @Test
    void aSnapshotOf10000PartitionsAnd5ConsumersRoundTrips() {
        StateStoreSettings settings = settings(uniqueTopic());
        var snapshot = SnapshotSamples.snapshot("scan-big", T0, 1_000, 10, 5, 42);
        int encoded = io.logwise.kafka.state.StateCodec.encode(snapshot).length;
        long started = System.nanoTime();
        try (StateStore store = open(settings)) {
            store.snapshots().append(snapshot);
        }
        long written = System.nanoTime();
        List<io.logwise.kafka.state.ScanSnapshot> read;
        try (StateStore store = open(settings)) {
            read = store.snapshots().recent(1);
        }
        long readBack = System.nanoTime();
        assertEquals(List.of(snapshot), read);
        assertEquals(10_000, read.get(0).partitionCount());
        System.out.printf("[state-store] snapshot of %d partitions x 5 consumers: %d bytes of JSON (limit %d),"
                        + " %d bytes in the log (gzip batch); open+write %d ms, open+read %d ms%n",
                snapshot.partitionCount(), encoded, StateTopic.MAX_MESSAGE_BYTES,
                bytesOnDisk(new TopicPartition(settings.topic(), 1)), (written - started) / 1_000_000,
                (readBack - written) / 1_000_000);
        assertTrue(encoded < StateTopic.MAX_MESSAGE_BYTES / 4, "well inside one record: " + encoded);
    }

    @Test
    void aStateTopicUnderTheManagedPrefixIsRefusedBeforeAnyCall() throws Exception {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> StateStoreSettings.fromEnv(Map.of("STATE_TOPIC", "logs.logwise-state")));
        assertTrue(e.getMessage().contains("managed prefix 'logs.'"), e.getMessage());
        assertTrue(!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains("logs.logwise-state"));
    }

    @Test
    void anExistingTopicThatDeletesRecordsIsRefusedAndLeftAlone() throws Exception {
        String topic = uniqueTopic();
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(60, TimeUnit.SECONDS);

        ConfigurationException e = assertThrows(ConfigurationException.class, () -> open(settings(topic)));

        assertTrue(e.getMessage().contains("cleanup.policy=delete"), e.getMessage());
        String configs = cluster.runTool("org.apache.kafka.tools.ConfigCommand", "--bootstrap-server", cluster.bootstrapServers(),
                "--entity-type", "topics", "--entity-name", topic, "--describe").requireSuccess().stdout();
        assertTrue(!configs.contains("cleanup.policy=compact"), "not altered:\n" + configs);
    }

    /**
     * A record of 32 MiB of zeros compresses to a few KiB: a topic that keeps it compressed would let it through, and a
     * reader would expand it whole before any size check. The state topic makes the broker expand it on write and
     * refuse it.
     */
    @Test
    void aCompressedRecordThatExpandsBeyondTheLimitIsRefusedByTheStateTopic() throws Exception {
        String topic = uniqueTopic();
        StateStore.ensureTopic(admin, settings(topic), deadline());
        byte[] zeros = new byte[32 * 1024 * 1024];
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(64 * 1024 * 1024),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            ExecutionException refused = assertThrows(ExecutionException.class, () -> producer.send(
                    new ProducerRecord<>(topic, 0, "extension/logs.a".getBytes(StandardCharsets.UTF_8), zeros))
                    .get(60, TimeUnit.SECONDS));
            assertInstanceOf(RecordTooLargeException.class, refused.getCause(), refused.toString());
        }
        try (StateStore store = open(settings(topic))) {
            assertEquals(List.of(), store.extensions().active());
            assertEquals(List.of(), store.extensions().problems());
        }
    }

    @Test
    void aHandMadeTopicThatKeepsRecordsCompressedIsNamedInEveryReading() throws Exception {
        String topic = uniqueTopic();
        admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1).configs(Map.of("cleanup.policy", "compact"))))
                .all().get(60, TimeUnit.SECONDS);
        for (int reading = 0; reading < 2; reading++) {
            try (StateStore store = open(settings(topic))) {
                assertEquals(List.of(), store.extensions().active());
                String problems = String.join("\n", store.extensions().problems());
                assertTrue(problems.contains("compression.type=producer") && problems.contains(topic), problems);
            }
        }
    }

    @Test
    void aHandMadeSinglePartitionTopicHoldsBothParts() {
        String topic = uniqueTopic();
        try {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                    .configs(Map.of("cleanup.policy", "compact")))).all().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        var snapshot = SnapshotSamples.snapshot("scan-1", T0, 2, 3, 1, 1);
        Decision decision = increase("logs.orders", "scan-1", T0, DecisionOutcome.APPLIED);
        try (StateStore store = open(settings(topic))) {
            assertEquals(0, store.topic().partitionOf(StatePart.SNAPSHOTS));
            store.snapshots().append(snapshot);
            store.journal().record(decision);
        }
        try (StateStore store = open(settings(topic))) {
            assertEquals(List.of(snapshot), store.snapshots().recent(3));
            assertEquals(List.of(decision), store.journal().all());
        }
    }

    @Test
    void openIfExistsCreatesNothing() throws Exception {
        String topic = uniqueTopic();
        assertEquals(Optional.empty(), StateStore.openIfExists(factory, admin, settings(topic), deadline()));
        assertTrue(!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic));
    }

    @Test
    void aDeadClusterGivesAClearErrorWithinTheDeadlineInsteadOfHanging() throws Exception {
        KafkaClientFactory dead = KafkaClients.factoryFor(Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + freePort()));
        StateStoreSettings settings = settings(uniqueTopic());
        try (Admin deadAdmin = Admin.create(dead.adminProperties())) {
            assertFailsFast(() -> StateStore.open(dead, deadAdmin, settings, threeSeconds()), "opening");
        }
        StateTopic topic = new StateTopic(settings.topic(), 2);
        try (StateLogKafkaGateway log = new StateLogKafkaGateway(dead, topic, threeSeconds())) {
            assertFailsFast(() -> log.read(StatePart.JOURNAL), "reading");
        }
        try (StateLogKafkaGateway log = new StateLogKafkaGateway(dead, topic, threeSeconds())) {
            Decision decision = increase("logs.orders", "scan-1", T0, DecisionOutcome.PENDING);
            assertFailsFast(() -> log.write(StatePart.JOURNAL, List.of(io.logwise.kafka.state.StateRecord.put(
                    decision.key(), io.logwise.kafka.state.StateCodec.encode(decision)))), "writing");
        }
    }

    /** 3 s for Kafka calls once Deadline's safety margin is kept back. */
    private static Deadline threeSeconds() {
        return Deadline.after(Duration.ofSeconds(3).plus(Deadline.SAFETY_MARGIN), Duration.ofSeconds(20));
    }

    private static void assertFailsFast(org.junit.jupiter.api.function.Executable call, String what) {
        long started = System.nanoTime();
        KafkaUnavailableException e = assertTimeoutPreemptively(Duration.ofSeconds(45),
                () -> assertThrows(KafkaUnavailableException.class, call));
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("[state-store] %s against a dead cluster failed in %d ms: %s%n", what, elapsedMs,
                e.getMessage());
        // Bounded by the 3 s deadline, not by the 20 s API timeout; the rest is room for a starved machine.
        assertTrue(elapsedMs < 15_000, what + " took " + elapsedMs + " ms");
        assertTrue(e.getMessage().contains("state topic"), e.getMessage());
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private long bytesOnDisk(TopicPartition partition) {
        try {
            var brokers = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).stream().map(node -> node.id())
                    .toList();
            return admin.describeLogDirs(brokers).allDescriptions().get(30, TimeUnit.SECONDS).values().stream()
                    .flatMap(dirs -> dirs.values().stream())
                    .mapToLong(dir -> dir.replicaInfos().containsKey(partition)
                            ? dir.replicaInfos().get(partition).size() : 0)
                    .sum();
        } catch (Exception e) {
            throw new AssertionError("cannot read the log size of " + partition, e);
        }
    }

    private long endOffset(String topic, int partition) throws Exception {
        TopicPartition tp = new TopicPartition(topic, partition);
        return admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).get(30, TimeUnit.SECONDS)
                .offset();
    }
}
