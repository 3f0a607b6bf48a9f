package io.logwise.kafka.handler;

import static io.logwise.kafka.gateway.TopicFixture.unique;
import static io.logwise.kafka.handler.TopicProvisionerIT.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.error.InvalidRequestException;
import io.logwise.kafka.gateway.TopicFixture.Observed;
import io.logwise.kafka.testkit.RealKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The sample events in events/ do what the README says, on a real broker. */
@RealKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TopicProvisionerSampleEventsIT extends ProvisionerOnRealKafka {

    private static final Path EVENTS = Path.of(System.getProperty("logwise.root", ".."), "events");

    @Test
    void provisionRequestCreatesOrderServiceAndBillingThenReportsExists() throws Exception {
        var handler = new TopicProvisionerHandler(kafka.environment(), clients);
        JsonNode first = HandlerCalls.invoke(handler, sample("provision-request.json"));
        assertEquals("created", status(first, "logs.order-service"));
        assertEquals("created", status(first, "logs.billing"));
        assertEquals(new Observed(3, 1, Map.of("retention.ms", "3600000")),
                kafka.awaitObserved("logs.order-service", new Observed(3, 1, Map.of("retention.ms", "3600000"))));
        assertEquals(new Observed(3, 1, Map.of("retention.ms", "3600000")),
                kafka.awaitObserved("logs.billing", new Observed(3, 1, Map.of("retention.ms", "3600000"))));
        JsonNode second = HandlerCalls.invoke(handler, sample("provision-request.json"));
        assertEquals("exists", status(second, "logs.order-service"));
        assertEquals("exists", status(second, "logs.billing"));
    }

    @Test
    void provisionInvalidIsAClearErrorWithASuggestionAndCreatesNothing() throws Exception {
        var handler = new TopicProvisionerHandler(kafka.environment(), clients);
        Set<String> before = kafka.topicNames();
        var error = assertThrows(InvalidRequestException.class,
                () -> HandlerCalls.invoke(handler, sample("provision-invalid.json")));
        assertTrue(error.getMessage().contains("'logs.Order Service!' is not a legal Kafka topic name")
                && error.getMessage().contains("(suggestion: 'Order-Service')"), error.getMessage());
        assertEquals(before, kafka.topicNames());
    }

    @Test
    void provisionDryRunPlansTheIssuesExampleAndChangesNothing() throws Exception {
        String prefix = unique("dry").replace("-", "") + ".";
        var handler = new TopicProvisionerHandler(kafka.environment("MANAGED_TOPIC_PREFIX", prefix), clients);
        JsonNode report = HandlerCalls.invoke(handler, sample("provision-dry-run.json"));
        assertTrue(report.path("dryRun").asBoolean());
        assertEquals("{\"partitions\":6,\"retentionMs\":604800000,\"replicationFactor\":1}",
                report.path("policy").toString());
        assertEquals("created", status(report, prefix + "order-service"));
        assertFalse(kafka.topicNames().contains(prefix + "order-service"));
    }

    @Test
    void provisionSweepIsAScheduledSweepOfThePrefix() throws Exception {
        String prefix = unique("sweep").replace("-", "") + ".";
        kafka.autoCreateByProducing(prefix + "checkout");
        var handler = new TopicProvisionerHandler(kafka.environment("MANAGED_TOPIC_PREFIX", prefix), clients);
        JsonNode report = HandlerCalls.invoke(handler, sample("provision-sweep.json"));
        assertEquals("sweep", report.path("mode").asText());
        assertEquals("adopted", status(report, prefix + "checkout"));
        assertEquals(1, report.path("topics").size());
    }

    private static String sample(String name) throws Exception {
        return Files.readString(EVENTS.resolve(name));
    }
}
