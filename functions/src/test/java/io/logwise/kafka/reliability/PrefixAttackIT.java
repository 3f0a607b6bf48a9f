package io.logwise.kafka.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logwise.kafka.client.KafkaClients;
import io.logwise.kafka.error.LogwiseException;
import io.logwise.kafka.handler.JsonHandler;
import io.logwise.kafka.handler.PartitionScalerHandler;
import io.logwise.kafka.handler.RetentionUpdaterHandler;
import io.logwise.kafka.handler.TopicProvisionerHandler;
import io.logwise.kafka.json.Json;
import io.logwise.kafka.reliability.BoundedInvocation.Outcome;
import io.logwise.kafka.testkit.Closeables;
import io.logwise.kafka.testkit.LocalKafkaCluster;
import io.logwise.kafka.testkit.TopicReads;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Names that look like managed topics but are not, through every entry point that names a topic: the provisioner
 * (request and sweep), the scaler (manual request and scan result), the retention updater (request and scan
 * result). The ones Kafka allows exist beforehand and must keep their partitions and configs; the illegal ones must
 * never exist. A private broker, so the sweep sees only these topics.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrefixAttackIT {

    private static final Path EVENTS = Path.of(System.getProperty("logwise.root", ".."), "events");
    /** Legal Kafka names outside the literal, case-sensitive prefix {@code logs.}: pre-created. */
    private static final List<String> EXISTING_LOOK_ALIKES = List.of("logs", "logsx.a", "LOGS.a", "logs_a");
    /** Names Kafka refuses or that only look like the prefix: must never be created. */
    private static final List<String> ILLEGAL = List.of("\uff4cogs.a", "logs\u3002a", "l\u043egs.a", "logs.a/../b",
            "logs.a\u0000", "logs.a\nb", "logs." + "a".repeat(250), "logs.a b", "logs.\u00e9t\u00e9");

    private final String stateTopic = "logwise-ops.prefix-" + UUID.randomUUID();
    private LocalKafkaCluster kafka;
    private Admin admin;
    private KafkaClients clients;
    private Map<String, String> env;
    private MetadataBarrier barrier;

    @BeforeAll
    void startPrivateBroker() throws Exception {
        kafka = LocalKafkaCluster.startWithFreshPorts(1, 3);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
        TopicReads reads = new TopicReads(admin);
        reads.create(EXISTING_LOOK_ALIKES.stream().map(t -> new NewTopic(t, 2, (short) 1)
                .configs(Map.of("retention.ms", "3600000"))).toList());
        barrier = new MetadataBarrier(reads);
        env = Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "STATE_TOPIC", stateTopic,
                "EMF_OUTPUT", "off", "SCALER_MODE", "on", "KAFKA_API_TIMEOUT_MS", "10000",
                "KAFKA_REQUEST_TIMEOUT_MS", "8000");
        clients = new KafkaClients(KafkaClients.factoryFor(env));
    }

    @AfterAll
    void close() throws Exception {
        Closeables.closeAll(clients, admin, kafka);
    }

    @Test
    void noEntryPointCreatesAltersOrScalesATopicOutsideThePrefix() throws Exception {
        Predicate<String> ignored = topic -> BrokerSnapshot.internalOr(stateTopic, topic)
                || topic.equals(barrier.topic());
        BrokerSnapshot before = BrokerSnapshot.take(admin, ignored);
        JsonHandler provisioner = new TopicProvisionerHandler(env, clients);
        JsonHandler scaler = new PartitionScalerHandler(env, clients, Clock.systemUTC());
        JsonHandler retention = new RetentionUpdaterHandler(env, clients, Clock.systemUTC());

        List<String> names = new ArrayList<>(EXISTING_LOOK_ALIKES);
        names.addAll(ILLEGAL);
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String name : names) {
            Map<String, Object> scan = scanNaming(name);
            Map<String, Map<String, Object>> calls = new LinkedHashMap<>();
            calls.put("provisioner service", Map.of("services", List.of(name)));
            calls.put("provisioner bus", Map.of("detail-type", "Provision Topics", "source", "logwise.kafka",
                    "detail", Map.of("services", List.of(name), "partitions", 12)));
            calls.put("scaler manual", Map.of("topic", name, "partitions", 12, "reason", "prefix attack"));
            calls.put("scaler scan", scan);
            calls.put("retention topics", Map.of("topics", List.of(name), "retention", "7d", "reason", "attack"));
            calls.put("retention services", Map.of("services", List.of(name), "retention", "7d", "reason", "x"));
            calls.put("retention scan", scan);
            for (var call : calls.entrySet()) {
                JsonHandler handler = call.getKey().startsWith("provisioner") ? provisioner
                        : call.getKey().startsWith("scaler") ? scaler : retention;
                Outcome outcome = BoundedInvocation.invoke(handler, Json.MAPPER.writeValueAsBytes(call.getValue()),
                        Duration.ofSeconds(20), Duration.ofSeconds(45));
                outcomes.merge(describe(outcome, problems, call.getKey() + " '" + printable(name) + "'"), 1,
                        Integer::sum);
            }
        }
        Outcome sweep = BoundedInvocation.invoke(provisioner, Json.MAPPER.writeValueAsBytes(Map.of(
                "detail-type", "Scheduled Event", "source", "aws.events", "detail", Map.of())),
                Duration.ofSeconds(20), Duration.ofSeconds(45));
        outcomes.merge(describe(sweep, problems, "provisioner sweep"), 1, Integer::sum);

        barrier.pass(); // the snapshot shows all that the handlers changed
        BrokerSnapshot after = BrokerSnapshot.take(admin, ignored);
        for (String existing : EXISTING_LOOK_ALIKES) {
            assertEquals(before.topics().get(existing), after.topics().get(existing), existing);
        }
        for (String illegal : ILLEGAL) {
            assertTrue(!after.topics().containsKey(illegal), () -> "'" + printable(illegal) + "' exists");
        }
        List<String> outside = after.topics().keySet().stream()
                .filter(t -> !t.startsWith("logs.") && !EXISTING_LOOK_ALIKES.contains(t)).toList();
        System.err.println("[prefix-attack] " + names.size() + " names x 7 entry points + sweep: " + outcomes
                + "; topics created under logs.: " + after.topics().keySet().stream()
                .filter(t -> !before.topics().containsKey(t)).toList());
        assertEquals(List.of(), outside, "topics created outside the prefix");
        assertEquals(List.of(), problems);
    }

    /** A fresh, heavily lagging, AT_RISK scan of {@code topic}, from the sample scan result. */
    private static Map<String, Object> scanNaming(String topic) throws Exception {
        ObjectNode scan = (ObjectNode) Json.MAPPER.readTree(EVENTS.resolve("lag-scan-result.json").toFile());
        scan.put("scanId", "prefix-attack-" + UUID.randomUUID());
        scan.put("scannedAt", Instant.now().toString());
        ((ObjectNode) scan.get("topics").get(0)).put("topic", topic);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = Json.MAPPER.treeToValue(scan, Map.class);
        return map;
    }

    private static String describe(Outcome outcome, List<String> problems, String what) {
        if (outcome instanceof Outcome.Result result) {
            return "answered";
        }
        if (outcome instanceof Outcome.Failure failure && failure.error() instanceof LogwiseException typed
                && typed.reason() != LogwiseException.Reason.INTERNAL) {
            return typed.getClass().getSimpleName();
        }
        problems.add(what + ": " + outcome);
        return "problem";
    }

    private static String printable(String name) {
        String shown = name.length() > 40 ? name.substring(0, 40) + "...(" + name.length() + ")" : name;
        return shown.replace("\u0000", "\\u0000").replace("\n", "\\n");
    }
}
