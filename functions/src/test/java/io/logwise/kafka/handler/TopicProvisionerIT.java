package io.logwise.kafka.handler;

import static io.logwise.kafka.gateway.TopicFixture.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.error.LogwiseException;
import io.logwise.kafka.gateway.TopicFixture.Observed;
import io.logwise.kafka.testkit.Eventually;
import io.logwise.kafka.testkit.RealKafka;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The topic-provisioner end to end on a real single-node broker (auto.create.topics.enable=true, num.partitions=1,
 * retention 168 h), through the handler's Lambda entry point. Results are checked with a separate Admin client and
 * with Kafka's own TopicCommand and ConfigCommand.
 */
@RealKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TopicProvisionerIT extends ProvisionerOnRealKafka {

    private static final String BROKER_DEFAULT_RETENTION = "604800000";

    @Test
    void createsTheTopicWithThePolicyAndASecondRunReportsExists() throws Exception {
        String service = unique("order-service");
        String topic = "logs." + service;
        JsonNode first = HandlerCalls.invoke(handler, "{\"services\": [\"" + service + "\"]}");
        assertEquals("created", status(first, topic));
        assertEquals(1, first.path("brokers").asInt());
        assertEquals(new Observed(3, 1, Map.of("retention.ms", "3600000")),
                kafka.awaitObserved(topic, new Observed(3, 1, Map.of("retention.ms", "3600000"))));
        String summary = kafka.topicCommandDescribe(topic);
        assertTrue(summary.contains("\tPartitionCount: 3\tReplicationFactor: 1\tConfigs: ")
                && summary.matches(".*Configs: (.*,)?retention.ms=3600000(,.*)?"), summary);
        String configs = kafka.configCommandDescribe(topic);
        assertTrue(configs.contains("Dynamic configs for topic " + topic + " are:")
                && configs.contains("retention.ms=3600000 sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:retention.ms"
                + "=3600000"), configs);

        JsonNode second = HandlerCalls.invoke(handler, "{\"services\": [\"" + topic + "\"]}");
        assertEquals("exists", status(second, topic));
        assertEquals(0, result(second, topic).path("changes").size());
        assertEquals(new Observed(3, 1, Map.of("retention.ms", "3600000")),
                kafka.awaitObserved(topic, new Observed(3, 1, Map.of("retention.ms", "3600000"))));
    }

    @Test
    void theIssuesExampleWithOverridesInABusEvent() throws Exception {
        String service = unique("billing");
        JsonNode report = HandlerCalls.invoke(handler, "{\"detail-type\": \"Provision Topics\", \"source\":"
                + " \"logwise.kafka\", \"detail\": {\"services\": [\"" + service + "\"], \"partitions\": 6,"
                + " \"retentionMs\": 604800000}}");
        assertEquals("created", status(report, "logs." + service));
        assertEquals(new Observed(6, 1, Map.of("retention.ms", "604800000")),
                kafka.awaitObserved("logs." + service, new Observed(6, 1, Map.of("retention.ms", "604800000"))));
    }

    @Test
    void dryRunReportsThePlanAndChangesNothing() throws Exception {
        String fresh = "logs." + unique("dry-new");
        String auto = "logs." + unique("dry-auto");
        kafka.autoCreateByProducing(auto);
        Observed autoBefore = kafka.observe(auto);
        assertEquals(new Observed(1, 1, Map.of()), autoBefore);

        JsonNode report = HandlerCalls.invoke(handler, "{\"services\": [\"" + fresh + "\", \"" + auto + "\"],"
                + " \"dryRun\": true}");
        assertTrue(report.path("dryRun").asBoolean());
        assertEquals("created", status(report, fresh));
        assertEquals("[{\"setting\":\"partitions\",\"to\":\"3\"},{\"setting\":\"replication.factor\",\"to\":\"1\"},"
                + "{\"setting\":\"retention.ms\",\"to\":\"3600000\"}]",
                result(report, fresh).path("changes").toString());
        assertEquals("adopted", status(report, auto));
        assertEquals(2, result(report, auto).path("changes").size());

        assertFalse(kafka.topicNames().contains(fresh));
        assertEquals(autoBefore, kafka.observe(auto));
        JsonNode sweepPreview = HandlerCalls.invoke(handler, "{\"sweep\": true, \"dryRun\": true}");
        assertEquals("adopted", status(sweepPreview, auto));
        assertEquals(autoBefore, kafka.observe(auto));
    }

    @Test
    void adoptsATopicTheBrokerAutoCreatedAndNeverLowersItsRetention() throws Exception {
        String service = unique("auto");
        String topic = "logs." + service;
        kafka.autoCreateByProducing(topic);
        assertEquals(new Observed(1, 1, Map.of()),
                kafka.awaitObserved(topic, new Observed(1, 1, Map.of())));

        JsonNode report = HandlerCalls.invoke(handler, "{\"services\": [\"" + service + "\"]}");
        JsonNode adopted = result(report, topic);
        assertEquals("adopted", adopted.path("status").asText());
        assertEquals("[{\"setting\":\"partitions\",\"from\":\"1\",\"to\":\"3\"},{\"setting\":\"retention.ms\","
                + "\"from\":\"604800000\",\"to\":\"604800000\",\"note\":\"kept the current value: it is above the"
                + " policy's 3600000, and lowering retention is the retention updater's job\"}]",
                adopted.path("changes").toString());
        assertEquals(new Observed(3, 1, Map.of("retention.ms", BROKER_DEFAULT_RETENTION)),
                kafka.awaitObserved(topic, new Observed(3, 1, Map.of("retention.ms", BROKER_DEFAULT_RETENTION))));
        assertTrue(kafka.configCommandDescribe(topic).contains("{DYNAMIC_TOPIC_CONFIG:retention.ms=604800000"));

        assertEquals("exists", status(HandlerCalls.invoke(handler, "{\"services\": [\"" + service + "\"]}"), topic));
    }

    @Test
    void adoptionRaisesAnInheritedRetentionToAHigherPolicy() throws Exception {
        String topic = "logs." + unique("auto-raise");
        kafka.autoCreateByProducing(topic);
        var longRetention = new TopicProvisionerHandler(kafka.environment("DEFAULT_RETENTION_MS", "2592000000"),
                clients);
        JsonNode report = HandlerCalls.invoke(longRetention, "{\"services\": [\"" + topic + "\"]}");
        assertEquals("adopted", status(report, topic));
        assertEquals(new Observed(3, 1, Map.of("retention.ms", "2592000000")),
                kafka.awaitObserved(topic, new Observed(3, 1, Map.of("retention.ms", "2592000000"))));
    }

    @Test
    void aMixedBatchProvisionsTheValidItemsAndReportsTheInvalidOnes() throws Exception {
        String good = unique("good");
        String dotted = unique("team") + ".api";
        kafka.createBare(1, 1, "logs." + dotted);
        String colliding = dotted.replace('.', '_');
        Set<String> before = kafka.topicNames();
        JsonNode report = HandlerCalls.invoke(handler, "{\"services\": [\"" + good + "\", \"bad name!\", \""
                + colliding + "\", \"" + "x".repeat(250) + "\"]}");
        assertEquals("created", status(report, "logs." + good));
        List<JsonNode> invalid = new ArrayList<>();
        report.path("topics").forEach(item -> {
            if (item.path("status").asText().equals("invalid")) {
                invalid.add(item);
            }
        });
        assertEquals(3, invalid.size(), report::toString);
        assertEquals("bad name!", invalid.get(0).path("requested").asText());
        assertEquals("bad-name", invalid.get(0).path("suggestion").asText());
        assertTrue(invalid.get(1).path("reason").asText().startsWith("collides with the existing topic 'logs."
                + dotted + "'"), invalid.get(1)::toString);
        assertTrue(invalid.get(2).path("reason").asText().contains("Kafka allows at most 249"));
        assertEquals(Map.of("created", 1, "exists", 0, "adopted", 0, "invalid", 3, "failed", 0),
                Map.of("created", report.path("counts").path("created").asInt(),
                        "exists", report.path("counts").path("exists").asInt(),
                        "adopted", report.path("counts").path("adopted").asInt(),
                        "invalid", report.path("counts").path("invalid").asInt(),
                        "failed", report.path("counts").path("failed").asInt()));
        assertEquals(Set.of("logs." + good), Eventually.awaitEquals(Set.of("logs." + good), () -> {
            Set<String> added = new java.util.HashSet<>(kafka.topicNames());
            added.removeAll(before);
            added.removeIf(topic -> !topic.startsWith("logs.")); // the state topic, if this run had to create it
            return added;
        }));
    }

    @Test
    void wholeRequestErrorsChangeNothing() throws Exception {
        String service = unique("never");
        List<String> events = List.of(
                "{\"services\": [\"" + service + "\"], \"replicationFactor\": 2}",
                "{\"services\": [\"" + service + "\"], \"partitions\": 101}",
                "{\"services\": [\"" + service + "\"], \"partitions\": 0}",
                "{\"services\": [\"" + service + "\"], \"retentionMs\": -1}",
                "{\"services\": [\"" + service + "\"], \"sasl\": \"PLAIN\"}",
                "{\"services\": [\"" + service + "\"",
                "{\"scanId\": \"s\", \"topics\": [{\"topic\": \"logs." + service + "\"}]}");
        Set<String> before = kafka.topicNames();
        List<String> messages = new ArrayList<>();
        for (String event : events) {
            var error = assertThrows(LogwiseException.class, () -> HandlerCalls.invoke(handler, event));
            assertEquals(LogwiseException.Reason.INVALID_REQUEST, error.reason(), error.getMessage());
            messages.add(error.getMessage());
        }
        assertEquals("replicationFactor: 2 is above the 1 broker(s) of the cluster", messages.get(0));
        assertTrue(messages.get(1).startsWith("partitions: 101 is above the maximum 100"), messages.get(1));
        assertTrue(messages.get(4).startsWith("unknown field 'sasl'"), messages.get(4));
        assertEquals(before, kafka.topicNames());
    }

    @Test
    void aRequestWithOnlyInvalidNamesIsAClearErrorAndCreatesNothing() throws Exception {
        String existing = unique("shop") + ".orders";
        kafka.createBare(1, 1, "logs." + existing);
        Set<String> before = kafka.topicNames();
        var error = assertThrows(LogwiseException.class, () -> HandlerCalls.invoke(handler,
                "{\"services\": [\"Order Service\", \"" + existing.replace('.', '_') + "\"]}"));
        assertEquals(LogwiseException.Reason.INVALID_REQUEST, error.reason());
        assertEquals("services: no valid service name, nothing was changed: 'Order Service': 'logs.Order Service' is"
                + " not a legal Kafka topic name: only ASCII letters, digits, '.', '_' and '-' are allowed"
                + " (suggestion: 'Order-Service'); '" + existing.replace('.', '_') + "': collides with the existing"
                + " topic 'logs." + existing + "': Kafka's metric names replace '.' with '_', so both would report as"
                + " one (suggestion: 'logs." + existing + "')", error.getMessage());
        assertEquals(before, kafka.topicNames());
        assertEquals(new Observed(1, 1, Map.of()),
                kafka.awaitObserved("logs." + existing, new Observed(1, 1, Map.of())));
    }

    @Test
    void concurrentInvocationsForTheSameTopicsAllSucceed() throws Exception {
        List<String> topics = List.of("logs." + unique("race"), "logs." + unique("race"), "logs." + unique("race"));
        String event = "{\"services\": [\"" + String.join("\", \"", topics) + "\"]}";
        int invocations = 4;
        List<JsonNode> reports = runConcurrently(invocations, () -> HandlerCalls.invoke(handler, event));
        for (String topic : topics) {
            List<String> statuses = reports.stream().map(report -> status(report, topic)).sorted().toList();
            assertEquals(1, statuses.stream().filter("created"::equals).count(), statuses::toString);
            assertEquals(invocations - 1, statuses.stream().filter("exists"::equals).count(), statuses::toString);
            assertEquals(new Observed(3, 1, Map.of("retention.ms", "3600000")),
                kafka.awaitObserved(topic, new Observed(3, 1, Map.of("retention.ms", "3600000"))));
        }
    }

    @Test
    void concurrentAdoptionsOfOneAutoCreatedTopicAllSucceed() throws Exception {
        String topic = "logs." + unique("race-auto");
        kafka.autoCreateByProducing(topic);
        String event = "{\"services\": [\"" + topic + "\"]}";
        List<JsonNode> reports = runConcurrently(3, () -> HandlerCalls.invoke(handler, event));
        reports.forEach(report -> assertTrue(Set.of("adopted", "exists").contains(status(report, topic)),
                report::toString));
        assertEquals(new Observed(3, 1, Map.of("retention.ms", BROKER_DEFAULT_RETENTION)),
                kafka.awaitObserved(topic, new Observed(3, 1, Map.of("retention.ms", BROKER_DEFAULT_RETENTION))));
    }

    private static List<JsonNode> runConcurrently(int count, Callable<JsonNode> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<JsonNode>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<JsonNode> reports = new ArrayList<>();
            for (Future<JsonNode> future : futures) {
                reports.add(future.get(2, TimeUnit.MINUTES));
            }
            return reports;
        } finally {
            pool.shutdownNow();
        }
    }

    static JsonNode result(JsonNode report, String topic) {
        for (JsonNode item : report.path("topics")) {
            if (topic.equals(item.path("topic").asText())) {
                return item;
            }
        }
        throw new AssertionError("no result for " + topic + " in " + report);
    }

    static String status(JsonNode report, String topic) {
        return result(report, topic).path("status").asText();
    }
}
