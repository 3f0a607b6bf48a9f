package io.logwise.kafka.state.kafka;

import io.logwise.kafka.gateway.StateStore;
import static io.logwise.kafka.state.StateFixtures.increase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.client.Deadline;
import io.logwise.kafka.client.KafkaClientFactory;
import io.logwise.kafka.client.KafkaClients;
import io.logwise.kafka.error.LogwiseException;
import io.logwise.kafka.state.Decision;
import io.logwise.kafka.state.DecisionOutcome;
import io.logwise.kafka.state.StateStoreSettings;
import io.logwise.kafka.testkit.Eventually;
import io.logwise.kafka.testkit.LocalKafkaCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * SIGKILL of the journal partition's leader while decisions are being recorded, on a private 3-broker cluster
 * (the shared one is not to be broken). Each decision is recorded by a new store, as one invocation would, and
 * recorded again after a failure, as a Lambda retry would: the journal must then hold every decision exactly once.
 */
class DecisionJournalFaultIT {

    private static final int DECISIONS = 60;
    private static final int KILL_AFTER = 15;

    @Test
    void killingTheJournalLeaderLosesAndDuplicatesNoDecision() throws Exception {
        try (LocalKafkaCluster cluster = LocalKafkaCluster.startWithFreshPorts(
                () -> LocalKafkaCluster.builder().brokers(3).quickFailureDetection(), 3)) {
            KafkaClientFactory factory = KafkaClients.factoryFor(Map.of("KAFKA_BOOTSTRAP_SERVERS",
                    cluster.bootstrapServers()));
            StateStoreSettings settings = StateStoreSettings.fromEnv(Map.of("STATE_TOPIC", "logwise-ops.state-fault"));
            try (Admin admin = Admin.create(factory.adminProperties())) {
                StateStore.ensureTopic(admin, settings, invocationDeadline());
                // ensureTopic saw the topic on one broker; the next request may reach one that has not applied it.
                TopicDescription description = Eventually.await(() -> admin.describeTopics(List.of(settings.topic()))
                        .topicNameValues().get(settings.topic()).get(30, TimeUnit.SECONDS), found -> true);
                assertEquals(3, description.partitions().get(0).replicas().size());
                String configs = Eventually.await(() -> cluster.runTool("org.apache.kafka.tools.ConfigCommand",
                        "--bootstrap-server", cluster.bootstrapServers(), "--entity-type", "topics", "--entity-name",
                        settings.topic(), "--describe").requireSuccess().stdout(),
                        out -> out.contains("min.insync.replicas=2"));
                assertTrue(configs.contains("min.insync.replicas=2"), configs);

                List<Decision> acknowledged = Collections.synchronizedList(new ArrayList<>());
                AtomicInteger failedAttempts = new AtomicInteger();
                CompletableFuture<Void> writer = CompletableFuture.runAsync(
                        () -> recordAll(factory, admin, settings, acknowledged, failedAttempts));

                while (acknowledged.size() < KILL_AFTER && !writer.isDone()) {
                    Thread.sleep(20);
                }
                int leader = admin.describeTopics(List.of(settings.topic())).topicNameValues()
                        .get(settings.topic()).get(30, TimeUnit.SECONDS).partitions().get(0).leader().id();
                cluster.node(leader).kill();
                long killedAt = acknowledged.size();
                long killedNanos = System.nanoTime();
                writer.get(5, TimeUnit.MINUTES);
                long afterKillMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedNanos);

                List<Decision> journal;
                try (StateStore store = StateStore.open(factory, admin, settings, invocationDeadline())) {
                    journal = store.journal().all();
                }
                List<Decision> expected = acknowledged.stream()
                        .sorted(Comparator.comparing(Decision::time).thenComparing(Decision::id)).toList();
                assertEquals(DECISIONS, expected.size());
                assertEquals(expected, journal, "every acknowledged decision, once");
                TopicPartition journalPartition = new TopicPartition(settings.topic(), 0);
                long records = admin.listOffsets(Map.of(journalPartition, OffsetSpec.latest()))
                        .partitionResult(journalPartition).get(30, TimeUnit.SECONDS).offset();
                System.out.printf("[state-store] killed leader %d after %d decisions; the other %d took %d ms;"
                                + " %d attempts failed and were retried; %d records in the journal partition,"
                                + " %d decisions read%n", leader, killedAt, DECISIONS - killedAt, afterKillMs,
                        failedAttempts.get(), records, journal.size());
            }
        }
    }

    private static void recordAll(KafkaClientFactory factory, Admin admin, StateStoreSettings settings,
                                  List<Decision> acknowledged, AtomicInteger failedAttempts) {
        Instant start = Instant.parse("2026-11-02T10:00:00Z");
        // Retries end with the test: a writer left behind would keep calling a cluster that is gone.
        long giveUpAt = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        for (int i = 0; i < DECISIONS; i++) {
            Decision decision = increase("logs.service-" + (i % 7), "scan-" + i, start.plusSeconds(i),
                    DecisionOutcome.APPLIED);
            while (true) {
                try (StateStore store = StateStore.open(factory, admin, settings, invocationDeadline())) {
                    store.journal().record(decision);
                    acknowledged.add(decision);
                    break;
                } catch (LogwiseException e) {
                    if (System.nanoTime() > giveUpAt) {
                        throw e;
                    }
                    failedAttempts.incrementAndGet();
                    System.out.println("[state-store] attempt failed, retrying like Lambda would: " + e.getMessage());
                }
            }
        }
    }

    private static Deadline invocationDeadline() {
        return Deadline.after(Duration.ofSeconds(30), Duration.ofSeconds(20));
    }
}
