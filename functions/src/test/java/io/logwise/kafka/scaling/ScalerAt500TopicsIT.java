package io.logwise.kafka.scaling;

import io.logwise.kafka.gateway.ScalingKafkaGateway;
import io.logwise.kafka.service.PartitionScalerService;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logwise.kafka.checkpoint.CheckpointSourcesSettings;
import io.logwise.kafka.client.Deadline;
import io.logwise.kafka.client.KafkaClients;
import io.logwise.kafka.gateway.CountingAdmin;
import io.logwise.kafka.gateway.StateStore;
import io.logwise.kafka.lag.LagScannerSettings;
import io.logwise.kafka.lag.ScanRequest;
import io.logwise.kafka.scan.ConsumerSummary;
import io.logwise.kafka.scan.ScanResult;
import io.logwise.kafka.scan.TopicSummary;
import io.logwise.kafka.scan.Verdict;
import io.logwise.kafka.service.LagScanPipeline;
import io.logwise.kafka.state.StateStoreSettings;
import io.logwise.kafka.testkit.KafkaTestCluster;
import io.logwise.kafka.testkit.LagFixtures;
import io.logwise.kafka.testkit.RealKafka;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The scaler's cost at 500 lagging topics, with the scan's figures trusted (as before re-measuring) and re-measured
 * (now), in dry-run mode so runs can repeat: one invocation's wall time and its Admin round trips.
 */
@RealKafka
class ScalerAt500TopicsIT {

    private static final int TOPICS = 500;
    private static final int RUNS = 3;

    private final KafkaTestCluster kafka;

    ScalerAt500TopicsIT(KafkaTestCluster kafka) {
        this.kafka = kafka;
    }

    @Test
    void reMeasuringFiveHundredTopicsKeepsTheRoundTripsConstant() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String group = "spark-s500-" + run;
        Map<String, Integer> layout = new LinkedHashMap<>();
        for (int i = 0; i < TOPICS; i++) {
            layout.put(String.format("logs.s500-%s-%03d", run, i), 1);
        }
        Map<String, int[]> counts = new HashMap<>();
        Map<TopicPartition, Long> unread = new HashMap<>();
        layout.keySet().forEach(topic -> {
            counts.put(topic, new int[] {100});
            unread.put(new TopicPartition(topic, 0), 0L);
        });
        try (LagFixtures fixtures = new LagFixtures(kafka.bootstrapServers())) {
            fixtures.createTopics(layout, Map.of());
            fixtures.produce(counts);
            fixtures.commit(group, unread);
        }
        List<String> topics = List.copyOf(layout.keySet());
        Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "SCALER_MODE", "dry-run", "STATE_TOPIC", "logwise-ops.s500-" + run,
                "SCALER_PARTITIONS_PER_BROKER", "1000000", "MAX_LAG_PER_PARTITION", "50");
        ScanResult claim = claim(topics, group);

        List<Long> trusted = new ArrayList<>();
        List<Long> measured = new ArrayList<>();
        Map<String, Integer> calls = Map.of();
        try (KafkaClients clients = new KafkaClients(KafkaClients.factoryFor(env));
             LagScanPipeline pipeline = new LagScanPipeline(LagScannerSettings.fromEnv(env),
                     CheckpointSourcesSettings.fromEnv(env), Optional.empty())) {
            CountingAdmin counting = CountingAdmin.inject(clients);
            for (int i = 0; i <= RUNS; i++) { // the first pair warms up the JVM and the clients
                trusted.add(invoke(clients, env, claim, (t, c) -> claim));
                counting.reset();
                measured.add(invoke(clients, env, claim, (t, c) -> pipeline.scan(clients, deadline(),
                        new ScanRequest(Optional.of(t), Optional.of(c)))));
                calls = counting.calls();
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        System.err.printf("[scaler-500] %d lagging topics, dry-run, one invocation in ms: claims trusted (before) %s,"
                        + " re-measured (after) %s; Admin calls after: %s%n", TOPICS, trusted.subList(1, RUNS + 1),
                measured.subList(1, RUNS + 1), calls);
        assertEquals(2, calls.get("listOffsets"), calls.toString());
        assertEquals(1, calls.get("listConsumerGroupOffsets"), calls.toString());
        assertEquals(1, calls.get("listGroups"), calls.toString());
    }

    /** One invocation as the handler makes it (journal opened, cluster read, decided, journaled); its wall time. */
    private static long invoke(KafkaClients clients, Map<String, String> env, ScanResult claim, LagMeter meter) {
        long started = System.nanoTime();
        Deadline deadline = deadline();
        try (StateStore state = StateStore.open(clients.factory(), clients.admin(), StateStoreSettings.fromEnv(env),
                deadline)) {
            ScalingReport report = new PartitionScalerService(ScalingSettings.fromEnv(env), Clock.systemUTC())
                    .onScan(claim, new ScalingKafkaGateway(clients.admin(), deadline), state.journal(), meter);
            assertEquals(TOPICS, report.count("dry-run"), report.decisions().subList(0, 3).toString());
        }
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static Deadline deadline() {
        return Deadline.after(Duration.ofMinutes(2), Duration.ofSeconds(60));
    }

    private static ScanResult claim(List<String> topics, String group) {
        List<TopicSummary> summaries = new ArrayList<>();
        for (String topic : topics) {
            ConsumerSummary consumer = new ConsumerSummary(group, "group", Verdict.LAGGING, 100_000, 100_000, 1,
                    100_000, 0, 0, null, null, null, null, null);
            summaries.add(new TopicSummary(topic, 1, 0, Verdict.LAGGING, 3_600_000L, 50_000, null, consumer,
                    List.of(consumer), null));
        }
        return ScanResult.builder("s500-" + UUID.randomUUID(), Instant.now()).durationMs(100).prefix("logs.")
                .topics(summaries).build();
    }
}
