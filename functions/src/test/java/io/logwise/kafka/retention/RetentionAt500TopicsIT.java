package io.logwise.kafka.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.client.KafkaClients;
import io.logwise.kafka.gateway.CountingAdmin;
import io.logwise.kafka.handler.RetentionUpdaterHandler;
import io.logwise.kafka.json.Json;
import io.logwise.kafka.testkit.KafkaTestCluster;
import io.logwise.kafka.testkit.LagFixtures;
import io.logwise.kafka.testkit.RealKafka;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The retention updater's cost when one request lowers many topics: every lowering decides on a fresh reading of who
 * has read what (positions, log offsets, the timestamps of the oldest unread records), so the Admin round trips must
 * not grow with the number of topics. Dry-run requests, so runs repeat on the same topics.
 */
@RealKafka
class RetentionAt500TopicsIT {

    private static final int RUNS = 3;

    private final KafkaTestCluster kafka;

    RetentionAt500TopicsIT(KafkaTestCluster kafka) {
        this.kafka = kafka;
    }

    @Test
    void loweringFiveHundredTopicsTakesAsManyAdminCallsAsLoweringTen() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> services = new ArrayList<>();
        Map<String, Integer> layout = new LinkedHashMap<>();
        Map<String, int[]> records = new HashMap<>();
        Map<TopicPartition, Long> unread = new HashMap<>();
        for (int i = 0; i < 500; i++) {
            String service = String.format("r500-%s-%03d", run, i);
            services.add(service);
            layout.put("logs." + service, 1);
            records.put("logs." + service, new int[] {20});
            unread.put(new TopicPartition("logs." + service, 0), 5L);
        }
        try (LagFixtures fixtures = new LagFixtures(kafka.bootstrapServers())) {
            fixtures.createTopics(layout, Map.of("retention.ms", "604800000"));
            fixtures.produce(records);
            fixtures.commit("spark-r500-" + run, unread);
        }
        Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "STATE_TOPIC", "logwise-ops.r500-" + run);

        Map<Integer, List<Long>> millis = new LinkedHashMap<>();
        Map<Integer, Map<String, Integer>> calls = new LinkedHashMap<>();
        try (KafkaClients clients = new KafkaClients(KafkaClients.factoryFor(env))) {
            CountingAdmin counting = CountingAdmin.inject(clients);
            RetentionUpdaterHandler handler = new RetentionUpdaterHandler(env, clients, Clock.systemUTC());
            lower(handler, services.subList(0, 10)); // warms up the JVM and the clients
            for (int topics : List.of(10, 500)) {
                for (int i = 0; i < RUNS; i++) {
                    counting.reset();
                    long started = System.nanoTime();
                    JsonNode report = lower(handler, services.subList(0, topics));
                    millis.computeIfAbsent(topics, t -> new ArrayList<>()).add((System.nanoTime() - started) / 1_000_000);
                    calls.put(topics, counting.calls());
                    assertEquals(topics, count(report, "dry-run"), report.toString());
                }
            }
        }
        System.err.printf("[retention-500] dry-run lowering to 1h, 15 of 20 records unread per topic, one invocation in"
                + " ms: 10 topics %s, 500 topics %s; Admin calls: 10 topics %s, 500 topics %s%n", millis.get(10),
                millis.get(500), calls.get(10), calls.get(500));
        assertEquals(calls.get(10), calls.get(500), "Admin calls must not grow with the topics lowered");
    }

    private static JsonNode lower(RetentionUpdaterHandler handler, List<String> services) throws Exception {
        Map<String, Object> request = Map.of("services", services, "retention", "1h", "reason", "r500 bench",
                "dryRun", true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Json.MAPPER.writeValueAsBytes(request)), out, null);
        return Json.MAPPER.readTree(out.toByteArray());
    }

    private static int count(JsonNode report, String outcome) {
        int count = 0;
        for (JsonNode line : report.path("lines")) {
            if (outcome.equals(line.path("outcome").asText())) {
                count++;
            }
        }
        return count;
    }
}
