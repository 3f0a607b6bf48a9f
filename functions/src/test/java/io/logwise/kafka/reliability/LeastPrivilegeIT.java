package io.logwise.kafka.reliability;

import static io.logwise.kafka.testkit.SecureKafka.allow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.client.Deadline;
import io.logwise.kafka.client.KafkaClients;
import io.logwise.kafka.error.InvalidRequestException;
import io.logwise.kafka.error.KafkaAuthorizationException;
import io.logwise.kafka.gateway.StateStore;
import io.logwise.kafka.handler.JsonHandler;
import io.logwise.kafka.handler.LagScannerHandler;
import io.logwise.kafka.handler.PartitionScalerHandler;
import io.logwise.kafka.handler.RetentionUpdaterHandler;
import io.logwise.kafka.handler.TopicProvisionerHandler;
import io.logwise.kafka.json.Json;
import io.logwise.kafka.metrics.EmfOutput;
import io.logwise.kafka.reliability.BoundedInvocation.Outcome;
import io.logwise.kafka.state.Decision;
import io.logwise.kafka.state.DecisionAction;
import io.logwise.kafka.state.DecisionOutcome;
import io.logwise.kafka.state.StateStoreSettings;
import io.logwise.kafka.testkit.Closeables;
import io.logwise.kafka.testkit.Eventually;
import io.logwise.kafka.testkit.LeastPrivilegeAcls;
import io.logwise.kafka.testkit.SecureKafka;
import io.logwise.kafka.testkit.ToolResult;
import io.logwise.kafka.testkit.TopicReads;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The four functions run as a SCRAM principal that holds only the ACLs in {@link #minimalAcls()}, on a broker that
 * enforces ACLs (nothing is allowed without one). Everything the functions do works; topics outside the prefix stay
 * out of reach, for the code and for a hand-made Admin of the same principal; and a missing ALTER_CONFIGS makes the
 * retention updater fail loudly with nothing half applied.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LeastPrivilegeIT {

    static final String USER = LeastPrivilegeAcls.USER;
    static final String PRINCIPAL = LeastPrivilegeAcls.PRINCIPAL;
    private static final String PASSWORD = "lp-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
    private static final long ONE_DAY_MS = 86_400_000L;
    private static final String GROUP = "spark-logs-lp";

    private SecureKafka kafka;
    private TopicReads reads;
    private KafkaClients clients;
    private Map<String, String> env;
    private final List<String> allowed = new ArrayList<>();
    private final List<String> denied = new ArrayList<>();

    /** The whole grant of the functions' principal (the test kit's copy of docs/configuration.md's ACLs). */
    static List<AclBinding> minimalAcls(String stateTopic) {
        return LeastPrivilegeAcls.minimal(stateTopic);
    }

    private static AclBinding managed(AclOperation operation) {
        return allow(PRINCIPAL, ResourceType.TOPIC, "logs.", PatternType.PREFIXED, operation);
    }

    private static AclBinding state(AclOperation operation) {
        return allow(PRINCIPAL, ResourceType.TOPIC, StateStoreSettings.DEFAULT_TOPIC, PatternType.LITERAL, operation);
    }

    @BeforeAll
    void startSecureBroker(@TempDir Path certificates) throws Exception {
        kafka = SecureKafka.start(certificates);
        reads = new TopicReads(kafka.superAdmin());
        kafka.addScramUser(USER, PASSWORD);
        kafka.createAcls(minimalAcls(StateStoreSettings.DEFAULT_TOPIC));
        assertEquals(minimalAcls(StateStoreSettings.DEFAULT_TOPIC).size(), kafka.aclsOf(PRINCIPAL).size());
        reads.create(List.of(
                new NewTopic("other.audit", 2, (short) 1).configs(Map.of("retention.ms", Long.toString(ONE_DAY_MS))),
                // Made outside the provisioner (as auto-creation would): the provisioner adopts it.
                new NewTopic("logs.adopt-me", 1, (short) 1)));
        env = new LinkedHashMap<>(kafka.scramConnection());
        env.put("KAFKA_SCRAM_USERNAME", USER);
        env.put("KAFKA_SCRAM_PASSWORD", PASSWORD);
        env.put("KAFKA_API_TIMEOUT_MS", "15000");
        env.put("KAFKA_REQUEST_TIMEOUT_MS", "10000");
        env.put("EMF_OUTPUT", "off");
        env.put("SCALER_MODE", "on");
        env.put("DEFAULT_RETENTION_MS", Long.toString(ONE_DAY_MS));
        clients = new KafkaClients(KafkaClients.factoryFor(env));
    }

    @AfterAll
    void stop() throws Exception {
        Closeables.closeAll(clients, kafka);
        System.err.println("[least-privilege] " + allowed.size() + " operations succeeded as " + PRINCIPAL + ": "
                + allowed);
        System.err.println("[least-privilege] " + denied.size() + " operations denied: " + denied);
    }

    @Test
    @Order(1)
    void everyFunctionDoesItsWholeJobWithTheMinimalAcls() throws Exception {
        JsonNode provisioned = succeed("provisioner: create logs.orders, logs.payments, adopt logs.adopt-me",
                provisioner(), Map.of("services", List.of("orders", "payments", "adopt-me")));
        assertEquals(2, provisioned.path("counts").path("created").asInt(), provisioned.toString());
        assertEquals(1, provisioned.path("counts").path("adopted").asInt(), provisioned.toString());
        assertEquals(0, provisioned.path("counts").path("failed").asInt(), provisioned.toString());
        ConfigEntry adopted = Eventually.await(() -> reads.configEntry("logs.adopt-me", "retention.ms"),
                entry -> entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
        assertEquals(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG, adopted.source(), "adoption pinned retention.ms");
        assertEquals("604800000", adopted.value(), "the inherited 7d is kept: the provisioner never lowers");

        // A consumer group (another principal) that reads a managed and an unmanaged topic and lags on both.
        produce("logs.orders", 40);
        produce("other.audit", 10);
        commit(GROUP, Map.of(new TopicPartition("logs.orders", 0), 5L, new TopicPartition("other.audit", 0), 1L));

        JsonNode scan = succeed("lag scanner: scheduled full scan", scanner(),
                Map.of("detail-type", "Scheduled Event", "source", "aws.events", "detail", Map.of()));
        JsonNode orders = topic(scan, "logs.orders");
        assertTrue(orders.path("maxLagPerPartition").asLong() > 0, orders.toString());
        assertEquals(GROUP, orders.path("worst").path("consumer").asText(), orders.toString());
        assertEquals(0, scan.path("problems").size(), "no history or measuring problem: " + scan.path("problems"));
        scan.path("topics").forEach(t -> assertTrue(t.path("topic").asText().startsWith("logs."), t.toString()));

        int partitions = partitions("logs.orders");
        JsonNode scaled = succeed("scaler: manual increase of logs.orders", scaler(), Map.of("topic", "logs.orders",
                "partitions", partitions + 2, "reason", "least-privilege test"));
        assertEquals("applied", scaled.path("decisions").get(0).path("outcome").asText(), scaled.toString());
        assertEquals(partitions + 2, reads.awaitPartitions("logs.orders", partitions + 2));

        JsonNode raised = succeed("retention updater: raise two topics to 3d", retention(), Map.of(
                "topics", List.of("logs.orders", "logs.payments"), "retention", "3d", "reason", "audit"));
        assertEquals(2, count(raised, "applied"), raised.toString());
        assertEquals(Long.toString(3 * ONE_DAY_MS), awaitRetentionMs("logs.orders", 3 * ONE_DAY_MS));
        assertEquals(Long.toString(3 * ONE_DAY_MS), awaitRetentionMs("logs.payments", 3 * ONE_DAY_MS));

        // Lowering reads the oldest unread record's time (group offsets, list offsets, a record fetch: READ).
        JsonNode lowered = succeed("retention updater: lower logs.orders to 2d, guard reads records", retention(),
                Map.of("topics", List.of("logs.orders"), "retention", "2d", "reason", "audit done"));
        assertEquals(1, count(lowered, "applied"), lowered.toString());
        assertEquals(Long.toString(2 * ONE_DAY_MS), awaitRetentionMs("logs.orders", 2 * ONE_DAY_MS));

        List<Decision> journal = journal("logs.orders");
        allowed.add("journal read back as " + PRINCIPAL);
        assertTrue(journal.stream().anyMatch(d -> d.action() == DecisionAction.INCREASE_PARTITIONS
                && d.outcome() == DecisionOutcome.APPLIED), journal.toString());
        assertEquals(2, journal.stream().filter(d -> d.action() == DecisionAction.SET_RETENTION
                && d.outcome() == DecisionOutcome.APPLIED).count(), journal.toString());
    }

    @Test
    @Order(2)
    void topicsOutsideThePrefixAreOutOfReachForTheCodeAndForTheAcls() throws Exception {
        Map<String, String> before = Map.of("partitions", Integer.toString(partitions("other.audit")),
                "retention.ms", retentionMs("other.audit"));

        // Our code refuses before any Kafka mutation.
        JsonNode scaled = succeed("scaler: manual request naming other.audit", scaler(),
                Map.of("topic", "other.audit", "partitions", 8, "reason", "out of scope"));
        assertEquals("refused", scaled.path("decisions").get(0).path("outcome").asText(), scaled.toString());
        Outcome retained = BoundedInvocation.invoke(retention(), Json.MAPPER.writeValueAsBytes(Map.of(
                "topics", List.of("other.audit"), "retention", "7d", "reason", "out of scope")),
                Duration.ofSeconds(30), Duration.ofSeconds(60));
        assertInstanceOf(InvalidRequestException.class, ((Outcome.Failure) retained).error(), retained.toString());
        denied.add("retention updater: request for other.audit (refused by our code: InvalidRequestException)");

        // The same principal with a plain Admin and consumer from the project's factory: Kafka refuses.
        try (Admin admin = Admin.create(clients.factory().adminProperties())) {
            assertFalse(admin.listTopics().names().get(20, TimeUnit.SECONDS).contains("other.audit"),
                    "listTopics hides topics the principal may not describe");
            allowed.add("listTopics (other.audit hidden)");
            expectDenied("describeTopics other.audit", TopicAuthorizationException.class,
                    admin.describeTopics(List.of("other.audit")).allTopicNames());
            expectDenied("createPartitions other.audit", TopicAuthorizationException.class,
                    admin.createPartitions(Map.of("other.audit", NewPartitions.increaseTo(8))).all());
            expectDenied("incrementalAlterConfigs other.audit", TopicAuthorizationException.class,
                    admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, "other.audit"),
                            List.of(new AlterConfigOp(new ConfigEntry("retention.ms", "1000"),
                                    AlterConfigOp.OpType.SET)))).all());
            expectDenied("createTopics other.new", TopicAuthorizationException.class,
                    admin.createTopics(List.of(new NewTopic("other.new", 1, (short) 1))).all());
            expectDenied("deleteTopics logs.payments (no DELETE, even on managed topics)",
                    TopicAuthorizationException.class, admin.deleteTopics(List.of("logs.payments")).all());
            expectDenied("deleteConsumerGroups " + GROUP, GroupAuthorizationException.class,
                    admin.deleteConsumerGroups(List.of(GROUP)).all());
            expectDenied("alterConsumerGroupOffsets " + GROUP, GroupAuthorizationException.class,
                    admin.alterConsumerGroupOffsets(GROUP, Map.of(new TopicPartition("logs.orders", 0),
                            new OffsetAndMetadata(0))).all());
            expectDenied("createAcls (grant itself ALL)", ClusterAuthorizationException.class,
                    admin.createAcls(List.of(allow(PRINCIPAL, ResourceType.TOPIC, "*", PatternType.LITERAL,
                            AclOperation.ALL))).all());
        }
        Properties consumerProps = clients.factory().consumerProperties();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps)) {
            consumer.assign(List.of(new TopicPartition("other.audit", 0)));
            consumer.seekToBeginning(List.of(new TopicPartition("other.audit", 0)));
            try {
                consumer.poll(Duration.ofSeconds(10));
                fail("reading other.audit was allowed");
            } catch (TopicAuthorizationException expected) {
                denied.add("fetch other.audit: " + expected.getClass().getSimpleName());
            }
        }
        assertEquals(before, Map.of("partitions", Integer.toString(partitions("other.audit")),
                "retention.ms", retentionMs("other.audit")), "other.audit is untouched");
        assertTrue(allAcls().stream().allMatch(b -> b.entry().principal().equals(PRINCIPAL)),
                "no ACL was added by the principal");
    }

    @Test
    @Order(3)
    void withoutAlterConfigsTheRetentionUpdaterFailsTypedAndChangesNothing() throws Exception {
        List<String> topics = List.of("logs.orders", "logs.payments", "logs.adopt-me");
        Map<String, String> before = new LinkedHashMap<>();
        for (String topic : topics) {
            before.put(topic, retentionMs(topic));
        }
        assertEquals(1, kafka.deleteAcls(List.of(managed(AclOperation.ALTER_CONFIGS))));
        try {
            Outcome outcome = BoundedInvocation.invoke(retention(), Json.MAPPER.writeValueAsBytes(Map.of(
                    "topics", topics, "retention", "10d", "reason", "needs ALTER_CONFIGS")),
                    Duration.ofSeconds(30), Duration.ofSeconds(60));
            assertInstanceOf(Outcome.Failure.class, outcome, "a refused change must fail the invocation: " + outcome);
            Throwable error = ((Outcome.Failure) outcome).error();
            assertInstanceOf(KafkaAuthorizationException.class, error, error.toString());
            String message = error.getMessage();
            assertTrue(message.startsWith("not authorized: changing retention"), message);
            topics.forEach(topic -> assertTrue(message.contains(topic), message));
            assertFalse(message.contains(PASSWORD));
            denied.add("retention updater without ALTER_CONFIGS: " + message);

            for (String topic : topics) {
                assertEquals(before.get(topic), retentionMs(topic), topic + " (describeConfigs)");
            }
            ToolResult tool = kafka.cluster().runTool("org.apache.kafka.tools.ConfigCommand", "--bootstrap-server",
                    kafka.cluster().bootstrapServers(), "--describe", "--entity-type", "topics", "--entity-name",
                    "logs.orders").requireSuccess();
            assertTrue(tool.stdout().contains("retention.ms=" + before.get("logs.orders")), tool.stdout());
            assertFalse(tool.stdout().contains("retention.ms=" + 10 * ONE_DAY_MS), tool.stdout());

            for (String topic : topics) {
                List<Decision> failed = journal(topic).stream()
                        .filter(d -> d.outcome() == DecisionOutcome.FAILED && Long.valueOf(10 * ONE_DAY_MS).equals(d.to())).toList();
                assertEquals(1, failed.size(), topic + ": " + journal(topic));
                assertTrue(failed.get(0).reason().contains("not authorized"), failed.get(0).reason());
            }
        } finally {
            kafka.createAcls(List.of(managed(AclOperation.ALTER_CONFIGS)));
        }
    }

    @Test
    @Order(4)
    void everyGrantedAclIsNeededBySomeFunction() throws Exception {
        Map<String, String> effects = new LinkedHashMap<>();
        // Each: remove one ACL, run the function that needs it, see it fail (or go blind), put the ACL back.
        effects.put("TOPIC logs.* CREATE", without(managed(AclOperation.CREATE), () -> {
            String message = failure("provisioner without CREATE", provisioner(), Map.of("services", List.of("x1")));
            assertTrue(message.startsWith("not authorized: provisioning logs.x1 was refused by the cluster"), message);
            assertTrue(message.endsWith("nothing was changed"), message);
            return message;
        }));
        effects.put("TOPIC logs.* ALTER", without(managed(AclOperation.ALTER), () -> {
            int before = partitions("logs.payments");
            String message = failure("scaler without ALTER", scaler(), Map.of("topic", "logs.payments",
                    "partitions", before + 1, "reason", "needs ALTER"));
            assertTrue(message.startsWith("not authorized: adding partitions (createPartitions) to logs.payments"),
                    message);
            assertEquals(before, partitions("logs.payments"));
            return message;
        }));
        effects.put("TOPIC logs.* READ", without(managed(AclOperation.READ), () -> {
            // Whatever the earlier tests left: a lowering to 1d that only the guard's record reads can decide.
            reads.setConfig("logs.orders", "retention.ms", Long.toString(2 * ONE_DAY_MS));
            String message = failure("retention lowering without READ", retention(), Map.of(
                    "topics", List.of("logs.orders"), "retention", "1d", "reason", "needs READ"));
            assertTrue(message.startsWith("not authorized: reading the oldest unread records of [logs.orders]"),
                    message);
            return message;
        }));
        effects.put("TOPIC state READ", without(state(AclOperation.READ), () -> failure("scaler without state"
                + " READ", scaler(), Map.of("topic", "logs.payments", "partitions", 9, "reason", "x"))));
        effects.put("TOPIC state WRITE", without(state(AclOperation.WRITE), () -> failure("scaler without state"
                + " WRITE", scaler(), Map.of("topic", "logs.payments", "partitions", 9, "reason", "x"))));
        effects.put("TOPIC state DESCRIBE_CONFIGS", without(state(AclOperation.DESCRIBE_CONFIGS), () -> failure(
                "scaler without state DESCRIBE_CONFIGS", scaler(), Map.of("topic", "logs.payments",
                        "partitions", 9, "reason", "x"))));
        effects.put("CLUSTER DESCRIBE", without(allow(PRINCIPAL, ResourceType.CLUSTER, "kafka-cluster",
                PatternType.LITERAL, AclOperation.DESCRIBE), () -> failure("retention without cluster DESCRIBE",
                retention(), Map.of("topics", List.of("logs.orders"), "retention", "4d", "reason", "x"))));
        effects.put("GROUP * DESCRIBE", without(allow(PRINCIPAL, ResourceType.GROUP, "*", PatternType.LITERAL,
                AclOperation.DESCRIBE), () -> {
            JsonNode scan = succeed("lag scan without group DESCRIBE", scanner(), Map.of("topics",
                    List.of("logs.orders")));
            JsonNode orders = topic(scan, "logs.orders");
            assertTrue(orders.path("worst").isMissingNode() || orders.path("worst").isNull()
                    || !GROUP.equals(orders.path("worst").path("consumer").asText()), orders.toString());
            return "the scan no longer sees " + GROUP + ": verdict " + orders.path("verdict").asText();
        }));
        effects.forEach((acl, effect) -> System.err.println("[least-privilege] without " + acl + ": " + effect));
        assertEquals(8, effects.size());
        assertEquals(minimalAcls(StateStoreSettings.DEFAULT_TOPIC).size(), kafka.aclsOf(PRINCIPAL).size(),
                "every ACL was put back");
    }

    private interface Check {
        String run() throws Exception;
    }

    private String without(AclBinding acl, Check check) throws Exception {
        assertEquals(1, kafka.deleteAcls(List.of(acl)), acl.toString());
        try {
            return check.run();
        } finally {
            kafka.createAcls(List.of(acl));
        }
    }

    private String failure(String what, JsonHandler handler, Map<String, Object> event) throws Exception {
        Outcome outcome = BoundedInvocation.invoke(handler, Json.MAPPER.writeValueAsBytes(event),
                Duration.ofSeconds(30), Duration.ofSeconds(60));
        assertInstanceOf(Outcome.Failure.class, outcome, what + ": " + outcome);
        Throwable error = ((Outcome.Failure) outcome).error();
        assertInstanceOf(KafkaAuthorizationException.class, error, what + ": " + error);
        assertTrue(error.getMessage().startsWith("not authorized: "), error.getMessage());
        denied.add(what + ": " + error.getMessage());
        return error.getMessage();
    }

    private JsonNode succeed(String what, JsonHandler handler, Map<String, Object> event) throws Exception {
        Outcome outcome = BoundedInvocation.invoke(handler, Json.MAPPER.writeValueAsBytes(event),
                Duration.ofSeconds(30), Duration.ofSeconds(60));
        if (!(outcome instanceof Outcome.Result result)) {
            if (outcome instanceof Outcome.Failure failure) {
                throw new AssertionError(what + " failed: " + failure.error(), failure.error());
            }
            throw new AssertionError(what + ": " + outcome);
        }
        allowed.add(what);
        return result.json();
    }

    private void expectDenied(String what, Class<? extends Exception> expected, KafkaFuture<?> call)
            throws InterruptedException {
        try {
            call.get(20, TimeUnit.SECONDS);
            fail(what + " was allowed");
        } catch (ExecutionException e) {
            assertInstanceOf(expected, e.getCause(), what);
            denied.add(what + ": " + e.getCause().getClass().getSimpleName());
        } catch (java.util.concurrent.TimeoutException e) {
            fail(what + ": no answer in 20 s");
        }
    }

    private JsonHandler provisioner() {
        return new TopicProvisionerHandler(env, clients);
    }

    private JsonHandler scanner() {
        return new LagScannerHandler(env, clients, EmfOutput.fromEnv(env));
    }

    private JsonHandler scaler() {
        return new PartitionScalerHandler(env, clients, Clock.systemUTC());
    }

    private JsonHandler retention() {
        return new RetentionUpdaterHandler(env, clients, Clock.systemUTC());
    }

    private List<Decision> journal(String topic) {
        Deadline deadline = Deadline.after(Duration.ofSeconds(30), Duration.ofSeconds(15));
        try (StateStore store = StateStore.openIfExists(clients.factory(), clients.admin(),
                StateStoreSettings.fromEnv(env), deadline).orElseThrow()) {
            return store.journal().decisions(topic);
        }
    }

    private static JsonNode topic(JsonNode scan, String name) {
        for (JsonNode topic : scan.path("topics")) {
            if (name.equals(topic.path("topic").asText())) {
                return topic;
            }
        }
        throw new AssertionError(name + " is not in the scan: " + scan);
    }

    private static long count(JsonNode report, String outcome) {
        long count = 0;
        for (JsonNode line : report.path("lines")) {
            count += outcome.equals(line.path("outcome").asText()) ? 1 : 0;
        }
        return count;
    }

    private int partitions(String topic) throws Exception {
        return reads.partitions(topic);
    }

    private String retentionMs(String topic) throws Exception {
        return reads.config(topic, "retention.ms");
    }

    private String awaitRetentionMs(String topic, long expected) throws Exception {
        return reads.awaitConfig(topic, "retention.ms", Long.toString(expected));
    }

    private List<AclBinding> allAcls() throws Exception {
        return List.copyOf(kafka.superAdmin().describeAcls(org.apache.kafka.common.acl.AclBindingFilter.ANY)
                .values().get());
    }

    private void produce(String topic, int records) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.cluster().bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, 0, null, "line " + i));
            }
            producer.flush();
        }
    }

    private void commit(String group, Map<TopicPartition, Long> offsets) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> commits = new LinkedHashMap<>();
        offsets.forEach((partition, offset) -> commits.put(partition, new OffsetAndMetadata(offset)));
        kafka.superAdmin().alterConsumerGroupOffsets(group, commits).all().get();
    }
}
