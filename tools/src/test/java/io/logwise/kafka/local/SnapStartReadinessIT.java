package io.logwise.kafka.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logwise.kafka.json.Json;
import io.logwise.kafka.testkit.KafkaTestCluster;
import io.logwise.kafka.testkit.RealKafka;
import io.logwise.kafka.testkit.TopicReads;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * SnapStart readiness through the real Lambda runtime client: each function, run by scripts/invoke --snapstart
 * against a real broker with a real event, does its work, and the SNAPSHOT line printed where Lambda would take the
 * snapshot (after init, before the first invocation) shows no Kafka client thread and no open connection. The
 * negative control, a handler that talks to Kafka in its constructor, shows that the line would say otherwise.
 */
@RealKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SnapStartReadinessIT {

    private static final Path ROOT = Path.of(System.getProperty("logwise.root", "..")).toAbsolutePath().normalize();
    private static final String SNAPSHOT_PREFIX = "SNAPSHOT Kafka client threads: ";
    private static final String CLEAN_SNAPSHOT = SNAPSHOT_PREFIX + "none\tOpen connections: none";

    private final KafkaTestCluster kafka;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private Path work;
    private Admin admin;
    private TopicReads reads;
    private int invocations;

    /** What one scripts/invoke run printed. */
    record Capture(String name, int exitCode, String stdout, String stderr) {
        JsonNode response() throws Exception {
            assertFalse(stdout.isBlank(), name + ": no response: " + stderr);
            return Json.MAPPER.readTree(stdout);
        }

        /** The one SNAPSHOT line; fails when there is none or more than one. */
        String snapshotLine() {
            List<String> lines = stderr.lines().filter(line -> line.startsWith("SNAPSHOT ")).toList();
            assertEquals(1, lines.size(), name + ": expected one SNAPSHOT line, stderr was:\n" + stderr);
            return lines.get(0);
        }

        List<String> snapshotPart(String label) {
            String line = snapshotLine();
            assertTrue(line.startsWith("SNAPSHOT "), line);
            for (String part : line.substring("SNAPSHOT ".length()).split("\t")) {
                if (part.startsWith(label + ": ")) {
                    String value = part.substring(label.length() + 2);
                    return value.equals("none") ? List.of() : Arrays.asList(value.split(", "));
                }
            }
            throw new AssertionError(name + ": no '" + label + "' in " + line);
        }
    }

    SnapStartReadinessIT(KafkaTestCluster kafka) {
        this.kafka = kafka;
    }

    @BeforeAll
    void start(@TempDir Path dir) {
        work = dir;
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
        reads = new TopicReads(admin);
    }

    @AfterAll
    void stop() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }

    @Test
    void everyFunctionDoesItsWorkAfterASnapshotThatHoldsNoKafkaClientAndNoConnection() throws Exception {
        String orders = "snap-orders-" + run;
        String billing = "snap-billing-" + run;
        String topic = "logs." + orders;

        ObjectNode provision = template("provision-request.json");
        provision.putArray("services").add(orders).add(billing);
        Capture provisioned = invoke("topic-provisioner", provision);
        assertEquals(2, provisioned.response().path("counts").path("created").asInt(), provisioned.stdout());
        assertEquals(CLEAN_SNAPSHOT, provisioned.snapshotLine());
        int partitions = reads.partitions(topic); // also waits until the broker knows the new topic

        ObjectNode scale = template("scale-request.json");
        scale.put("topic", topic).put("partitions", partitions + 3);
        Capture scaled = invoke("partition-scaler", scale);
        assertEquals("applied", scaled.response().path("decisions").get(0).path("outcome").asText(), scaled.stdout());
        assertEquals(partitions + 3, reads.awaitPartitions(topic, partitions + 3), "the scaler added partitions");
        assertEquals(CLEAN_SNAPSHOT, scaled.snapshotLine());

        ObjectNode retention = template("retention-request.json");
        retention.putArray("services").add(orders);
        Capture retained = invoke("retention-updater", retention);
        assertEquals("applied", retained.response().path("lines").get(0).path("outcome").asText(), retained.stdout());
        String week = String.valueOf(Duration.ofDays(7).toMillis());
        assertEquals(week, reads.awaitConfig(topic, TopicConfig.RETENTION_MS_CONFIG, week), "the updater raised it");
        assertEquals(CLEAN_SNAPSHOT, retained.snapshotLine());

        ObjectNode scan = template("lag-scan-request.json");
        scan.putArray("topics").add(topic);
        scan.putArray("groups").add("snap-group-" + run);
        Capture scanned = invoke("lag-scanner", scan);
        JsonNode result = scanned.response();
        assertFalse(result.path("scanId").asText().isEmpty(), scanned.stdout());
        assertTrue(result.path("topics").toString().contains(topic), "the scan covers " + topic + ": "
                + scanned.stdout());
        assertEquals(CLEAN_SNAPSHOT, scanned.snapshotLine());
    }

    @Test
    void aHandlerThatTalksToKafkaDuringInitLeavesItsClientAndConnectionInTheSnapshot() throws Exception {
        String brokerPort = kafka.bootstrapServers().split(",")[0].replaceAll(".*:", "");

        Capture eager = invoke("io.logwise.kafka.local.fixtures.EagerKafkaHandler::handleRequest",
                template("scheduled-event.json"));

        assertEquals(1, eager.response().path("brokers").asInt(), eager.stdout());
        List<String> threads = eager.snapshotPart("Kafka client threads");
        assertTrue(threads.stream().anyMatch(name -> name.startsWith("kafka-admin-client-thread | ")),
                "the admin client's network thread: " + threads);
        List<String> connections = eager.snapshotPart("Open connections");
        assertTrue(connections.stream().anyMatch(remote -> remote.endsWith(":" + brokerPort)),
                "a connection to the broker's port " + brokerPort + ": " + connections);
    }

    private Capture invoke(String function, JsonNode event) throws Exception {
        String name = function.replaceAll(".*\\.|::.*", "") + " #" + (++invocations);
        // The shared test broker holds the partitions of every other IT: lift the scaler's cluster budget.
        Map<String, String> variables = Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "EMF_OUTPUT", "off", "SCALER_MODE", "on", "SCALER_PARTITIONS_PER_BROKER", "1000000");
        InvokeScript.Printed printed = InvokeScript.run(work, invocations, name,
                List.of("--snapstart", "--timeout", "60"), function, event,
                InvokeScript.FUNCTION_SETTINGS, variables);
        Capture capture = new Capture(name, printed.exitCode(), printed.stdout(), printed.stderr());
        capture.stderr().lines().filter(line -> line.startsWith("SNAPSHOT "))
                .forEach(line -> System.err.println("[snapstart] " + name + ": " + line));
        assertEquals(0, capture.exitCode(), name + ": " + capture.stdout() + "\n" + capture.stderr());
        return capture;
    }

    private static ObjectNode template(String eventFile) throws Exception {
        return (ObjectNode) Json.MAPPER.readTree(ROOT.resolve("events").resolve(eventFile).toFile());
    }

}
