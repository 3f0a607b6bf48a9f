package io.logwise.kafka.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logwise.kafka.json.Json;
import io.logwise.kafka.testkit.KafkaTestCluster;
import io.logwise.kafka.testkit.RealKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cold-start floors scripts/bench compares the functions with do what they say, through scripts/invoke against a
 * real broker: the Kafka floor asks for the brokers; the journal floor records one decision on its own state topic,
 * once per trigger (a repeated event is one decision), and changes nothing else in Kafka.
 */
@RealKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BenchFloorsIT {

    private static final String FIXTURES = "io.logwise.kafka.local.fixtures.";

    private final KafkaTestCluster kafka;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private Path work;
    private Admin admin;
    private int invocations;

    BenchFloorsIT(KafkaTestCluster kafka) {
        this.kafka = kafka;
    }

    @BeforeAll
    void start(@TempDir Path dir) {
        work = dir;
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    @AfterAll
    void stop() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }

    @Test
    void theKafkaFloorCountsTheBrokers() throws Exception {
        JsonNode response = invoke("KafkaFloorHandler", scheduledEvent("floor-" + run), Map.of());

        assertEquals(admin.describeCluster().nodes().get().size(), response.path("brokers").asInt(), response::toString);
    }

    @Test
    void theJournalFloorRecordsOneDecisionPerTriggerOnItsOwnStateTopicAndChangesNothingElse() throws Exception {
        String stateTopic = "bench-floor-state-" + run;
        Map<String, String> ownState = Map.of("STATE_TOPIC", stateTopic);
        Set<String> before = admin.listTopics().names().get();

        JsonNode first = invoke("JournalFloorHandler", scheduledEvent("journal-a-" + run), ownState);
        JsonNode repeated = invoke("JournalFloorHandler", scheduledEvent("journal-a-" + run), ownState);
        JsonNode another = invoke("JournalFloorHandler", scheduledEvent("journal-b-" + run), ownState);

        assertEquals(1, first.path("decisions").asInt(), first::toString);
        assertEquals(1, repeated.path("decisions").asInt(), "a repeated trigger is the same decision: " + repeated);
        assertEquals(2, another.path("decisions").asInt(), "another trigger is another decision: " + another);
        Set<String> created = new HashSet<>(admin.listTopics().names().get());
        created.removeAll(before);
        created.removeIf(topic -> !topic.contains(run) && !topic.startsWith("logs.journal-floor"));
        assertEquals(Set.of(stateTopic), created, "only its state topic was created (the decision is a dry run)");
    }

    private JsonNode invoke(String handler, ObjectNode event, Map<String, String> extra) throws Exception {
        String name = handler + " #" + (++invocations);
        Map<String, String> variables = new HashMap<>(Map.of("KAFKA_BOOTSTRAP_SERVERS",
                kafka.bootstrapServers(), "EMF_OUTPUT", "off"));
        variables.putAll(extra);
        InvokeScript.Printed printed = InvokeScript.run(work, invocations, name, List.of("--timeout", "60"),
                FIXTURES + handler + "::handleRequest", event,
                key -> key.startsWith("KAFKA_") || key.startsWith("AWS_") || key.startsWith("LOG")
                        || key.startsWith("STATE_") || key.equals("_HANDLER") || key.equals("EMF_OUTPUT"),
                variables);
        assertEquals(0, printed.exitCode(), name + ": " + printed.stdout() + "\n" + printed.stderr());
        assertFalse(printed.stdout().isBlank(), name + ": no response: " + printed.stderr());
        return Json.MAPPER.readTree(printed.stdout());
    }

    private static ObjectNode scheduledEvent(String id) throws Exception {
        ObjectNode event = (ObjectNode) Json.MAPPER.readTree(InvokeScript.ROOT.resolve("events/scheduled-event.json")
                .toFile());
        event.put("id", id);
        return event;
    }
}
