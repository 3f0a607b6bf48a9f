package io.logwise.kafka.state.kafka;

import io.logwise.kafka.gateway.StateStore;
import static io.logwise.kafka.state.StateFixtures.extension;
import static io.logwise.kafka.state.StateFixtures.increase;
import static io.logwise.kafka.state.StateFixtures.retention;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.client.Deadline;
import io.logwise.kafka.client.KafkaClientFactory;
import io.logwise.kafka.client.KafkaClients;
import io.logwise.kafka.json.Json;
import io.logwise.kafka.state.DecisionAction;
import io.logwise.kafka.state.DecisionOutcome;
import io.logwise.kafka.state.StateStoreSettings;
import io.logwise.kafka.testkit.KafkaTestCluster;
import io.logwise.kafka.testkit.RealKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

@RealKafka
class JournalCommandIT {

    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");

    private final KafkaTestCluster cluster;
    private final String stateTopic = "logwise-ops.journal-" + UUID.randomUUID().toString().substring(0, 8);

    JournalCommandIT(KafkaTestCluster cluster) {
        this.cluster = cluster;
    }

    private record Run(int exit, String out, String err) {
    }

    private Run journal(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit = JournalCommand.run(args, Map.of("KAFKA_BOOTSTRAP_SERVERS", cluster.bootstrapServers(),
                        "STATE_TOPIC", stateTopic), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void printsTheJournalAsATableOrJsonAndCreatesNothing() throws Exception {
        Run missing = journal();
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("the state topic " + stateTopic + " does not exist"), missing.err());

        KafkaClientFactory factory = KafkaClients.factoryFor(Map.of("KAFKA_BOOTSTRAP_SERVERS",
                cluster.bootstrapServers()));
        try (Admin admin = Admin.create(factory.adminProperties())) {
            assertTrue(!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(stateTopic),
                    "the command created nothing");
        }
        try (Admin admin = Admin.create(factory.adminProperties());
             StateStore store = StateStore.open(factory, admin,
                     StateStoreSettings.fromEnv(Map.of("STATE_TOPIC", stateTopic)),
                     Deadline.after(Duration.ofSeconds(60), Duration.ofSeconds(20)))) {
            store.journal().record(increase("logs.orders", "scan-1", T0, DecisionOutcome.APPLIED));
            store.journal().record(retention("logs.billing", "scan-1", T0.plusSeconds(5),
                    DecisionAction.EXTEND_RETENTION, DecisionOutcome.DRY_RUN));
            store.extensions().put(extension("logs.billing", T0));
        }

        Run table = journal();
        assertEquals(0, table.exit(), table.err());
        String[] lines = table.out().split("\n");
        assertEquals(3, lines.length, table.out());
        assertTrue(lines[0].startsWith("TIME") && lines[0].endsWith("REASON"), lines[0]);
        assertTrue(lines[1].contains("logs.orders") && lines[1].contains("6 -> 12") && lines[1].contains("APPLIED"));
        assertTrue(lines[2].contains("logs.billing") && lines[2].contains("(1d) -> 259200000 (3d)"));

        Run filtered = journal("--topic", "logs.billing", "--json");
        JsonNode json = Json.MAPPER.readTree(filtered.out());
        assertEquals(1, json.size(), filtered.out());
        assertEquals("EXTEND_RETENTION", json.get(0).get("action").asText());
        assertEquals("retention-updater", json.get(0).get("function").asText());
        assertEquals("dry-run", json.get(0).get("mode").asText());

        Run extensions = journal("--extensions");
        assertTrue(extensions.out().contains("logs.billing  1d -> 3d"), extensions.out());
    }

    @Test
    void badArgumentsGiveUsage() {
        Run run = journal("--topic", "bad topic");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("usage: scripts/journal"), run.err());
        assertEquals(2, journal("--verbose").exit());
        assertEquals(0, journal("--help").exit());
    }
}
