package io.logwise.kafka.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.client.KafkaClients;
import io.logwise.kafka.handler.LagScannerHandler;
import io.logwise.kafka.json.Json;
import io.logwise.kafka.metrics.EmfOutput;
import io.logwise.kafka.scan.Action;
import io.logwise.kafka.scan.ConsumerSummary;
import io.logwise.kafka.scan.ScanResult;
import io.logwise.kafka.scan.TopicSummary;
import io.logwise.kafka.scan.Verdict;
import io.logwise.kafka.testkit.KafkaTestCluster;
import io.logwise.kafka.testkit.RealKafka;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Scan history on a real broker, through the lag scanner's handler: each test has its own managed prefix (so a full
 * scan sees only its topics) and its own state topic. Producers and consumers run in real time; scans are about 2 s
 * apart, well inside HISTORY_MAX_GAP_SECONDS.
 */
@RealKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScanHistoryIT {

    private static final String TICK = "{\"version\": \"0\", \"id\": \"x\", \"detail-type\": \"Scheduled Event\","
            + " \"source\": \"aws.events\", \"time\": \"2026-11-25T12:00:00Z\", \"resources\": [], \"detail\": {}}";
    /** The tolerance stated for rates and time lag measured in real time. */
    private static final double TOLERANCE = 0.20;

    private KafkaTestCluster cluster;
    private LagFixtures fixtures;
    private KafkaClients clients;

    @BeforeAll
    void start(KafkaTestCluster cluster) {
        this.cluster = cluster;
        this.fixtures = new LagFixtures(cluster.bootstrapServers());
        this.clients = new KafkaClients(KafkaClients.factoryFor(
                Map.of("KAFKA_BOOTSTRAP_SERVERS", cluster.bootstrapServers())));
    }

    @AfterAll
    void stop() {
        clients.close();
        fixtures.close();
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static Map<String, String> environment(String prefix, String stateTopic, String... more) {
        Map<String, String> env = new HashMap<>(Map.of("MANAGED_TOPIC_PREFIX", prefix, "STATE_TOPIC", stateTopic,
                "STATE_TOPIC_REPLICATION", "1"));
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    private ScanResult scan(Map<String, String> environment) throws Exception {
        LagScannerHandler handler = new LagScannerHandler(environment, clients, EmfOutput.OFF);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(TICK.getBytes(StandardCharsets.UTF_8)), out, null);
        return Json.MAPPER.readValue(out.toByteArray(), ScanResult.class);
    }

    private static TopicSummary topic(ScanResult result, String name) {
        return result.topics().stream().filter(t -> t.topic().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + result.topics()));
    }

    private static ConsumerSummary consumer(ScanResult result, String topic, String name) {
        return topic(result, topic).consumers().stream().filter(c -> c.consumer().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not on " + topic));
    }

    private static void assertWithin(double expected, Double actual, String what) {
        assertNotNull(actual, what + " unknown");
        assertTrue(Math.abs(actual - expected) <= TOLERANCE * expected,
                what + ": expected " + expected + " +-" + (int) (TOLERANCE * 100) + "%, was " + actual);
    }

    /**
     * Produces {@code perTick} records to partition 0 of each topic every 100 ms, and commits for each group a
     * position advancing {@code perTick} records every 100 ms (never past the end): a consumer reading at that rate.
     */
    private final class Traffic implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicBoolean paused = new AtomicBoolean(false);
        private final Thread thread;
        private final long startedNanos = System.nanoTime();
        private final Map<String, AtomicLong> positions = new java.util.concurrent.ConcurrentHashMap<>();
        private final Map<String, AtomicLong> produced = new java.util.concurrent.ConcurrentHashMap<>();

        Traffic(Map<String, Integer> producedPerTick, Map<String, Map<String, Integer>> consumedPerTick) {
            producedPerTick.keySet().forEach(t -> produced.put(t, new AtomicLong()));
            thread = new Thread(() -> {
                while (running.get()) {
                    if (!paused.get()) {
                        Map<String, int[]> batch = new HashMap<>();
                        producedPerTick.forEach((t, n) -> {
                            batch.put(t, new int[] {n});
                            produced.get(t).addAndGet(n);
                        });
                        fixtures.produce(batch);
                        consumedPerTick.forEach((group, byTopic) -> byTopic.forEach((t, n) -> {
                            AtomicLong position = positions.computeIfAbsent(group + "/" + t, k -> new AtomicLong());
                            long next = Math.min(produced.get(t).get(), position.get() + n);
                            if (next != position.get() || position.get() == 0) {
                                position.set(next);
                                fixtures.commit(group, Map.of(new TopicPartition(t, 0), next));
                            }
                        }));
                    }
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "history-traffic");
            thread.start();
        }

        /** Records produced to {@code topic} per second since the traffic started, as measured here. */
        double producedPerSecond(String topic) {
            return produced.get(topic).get() / ((System.nanoTime() - startedNanos) / 1e9);
        }

        /** Records the group committed past per second since the traffic started, as measured here. */
        double consumedPerSecond(String group, String topic) {
            return positions.get(group + "/" + topic).get() / ((System.nanoTime() - startedNanos) / 1e9);
        }

        void pause() throws InterruptedException {
            paused.set(true);
            Thread.sleep(300);
        }

        void resume() {
            paused.set(false);
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(10_000);
        }
    }

    /** The true age of the oldest unread record: now minus the timestamp of the record at the group's position. */
    private double trueAgeSeconds(String topic, String group, Instant now) throws Exception {
        long position = fixtures.admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                .get(new TopicPartition(topic, 0)).offset();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seek(partition, position);
            for (int i = 0; i < 50; i++) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() == position) {
                        return (now.toEpochMilli() - record.timestamp()) / 1000.0;
                    }
                }
            }
        }
        throw new AssertionError("record " + position + " of " + topic + " not read");
    }

    @Test
    void ratesTimeLagAndTimeToDrainAcrossScansWithAProducerAndASlowConsumer() throws Exception {
        String prefix = "logs.rates-" + unique() + ".";
        String topic = prefix + "app";
        Map<String, String> env = environment(prefix, "logwise-state-" + unique());
        fixtures.createTopics(Map.of(topic, 1), Map.of());
        ScanResult last;
        double produced;
        double consumed;
        // Nominally 200 records/s in and 100/s read (less in practice: each tick also waits for acknowledgements).
        try (Traffic traffic = new Traffic(Map.of(topic, 20), Map.of("slow", Map.of(topic, 10)))) {
            Thread.sleep(2000);
            ScanResult first = scan(env);
            assertNull(topic(first, topic).ingestRatePerSec(), "first scan: unknown");
            assertNull(consumer(first, topic, "slow").consumeRatePerSec());
            assertNull(consumer(first, topic, "slow").timeLagSeconds());
            assertNull(consumer(first, topic, "slow").drainsNever());
            for (int i = 0; i < 4; i++) {
                Thread.sleep(2000);
                scan(env);
            }
            Thread.sleep(2000);
            traffic.pause();
            produced = traffic.producedPerSecond(topic);
            consumed = traffic.consumedPerSecond("slow", topic);
            last = scan(env);
            ConsumerSummary slow = consumer(last, topic, "slow");
            double trueAge = trueAgeSeconds(topic, "slow", last.scannedAt());
            System.out.printf("time lag: estimated %.2f s, true age of the oldest unread record %.2f s (error %+.1f%%);"
                            + " ingest %.1f/s, consume %.1f/s, lag %d%n", slow.timeLagSeconds(), trueAge,
                    100 * (slow.timeLagSeconds() - trueAge) / trueAge, topic(last, topic).ingestRatePerSec(),
                    slow.consumeRatePerSec(), slow.lag());
            assertWithin(trueAge, slow.timeLagSeconds(), "time lag against the true age of the oldest unread record");
            traffic.resume();
        }
        ConsumerSummary slow = consumer(last, topic, "slow");
        System.out.printf("rates: ingest %.1f/s (producer measured %.1f/s), consume %.1f/s (committer %.1f/s)%n",
                topic(last, topic).ingestRatePerSec(), produced, slow.consumeRatePerSec(), consumed);
        assertWithin(produced, topic(last, topic).ingestRatePerSec(), "ingest rate against the producer's own count");
        assertWithin(consumed, slow.consumeRatePerSec(), "consume rate against the committer's own count");
        assertEquals(Boolean.TRUE, slow.drainsNever(), "reads slower than the topic grows");
        assertNull(slow.timeToDrainSeconds());
        assertEquals(Math.round(slow.timeLagSeconds() * 1000), slow.oldestUnreadAgeMs());
        assertEquals(Verdict.FALLING_BEHIND, slow.verdict(), "its lag grew at each scan");
    }

    @Test
    void stalledFallingBehindAndAtRisk() throws Exception {
        String prefix = "logs.trends-" + unique() + ".";
        String stalled = prefix + "stalled";
        String behind = prefix + "behind";
        String risk = prefix + "risk";
        fixtures.createTopics(Map.of(stalled, 1, behind, 1), Map.of());
        fixtures.createTopics(Map.of(risk, 1), Map.of("retention.ms", "60000"));
        fixtures.produce(Map.of(stalled, new int[] {100}));
        fixtures.commit("stuck", Map.of(new TopicPartition(stalled, 0), 10L));
        // AT_RISK above 10% of retention.ms 60 s: a time lag over 6 s.
        Map<String, String> env = environment(prefix, "logwise-state-" + unique(), "AT_RISK_RETENTION_SHARE", "0.1");
        ScanResult result = null;
        try (Traffic traffic = new Traffic(Map.of(stalled, 10, behind, 10, risk, 10),
                Map.of("reader", Map.of(behind, 5), "asleep", Map.of(risk, 0)))) {
            Thread.sleep(1000);
            for (int i = 0; i < 5; i++) {
                result = scan(env);
                Thread.sleep(2000);
            }
        }
        assertEquals(Verdict.STALLED, consumer(result, stalled, "stuck").verdict());
        assertEquals(Verdict.STALLED, topic(result, stalled).verdict());
        assertEquals(0.0, consumer(result, stalled, "stuck").consumeRatePerSec());
        assertEquals(Verdict.FALLING_BEHIND, consumer(result, behind, "reader").verdict());
        assertEquals(Verdict.FALLING_BEHIND, topic(result, behind).verdict());
        ConsumerSummary asleep = consumer(result, risk, "asleep");
        assertEquals(Verdict.AT_RISK, asleep.verdict());
        assertTrue(asleep.timeLagSeconds() > 6, "time lag " + asleep.timeLagSeconds());
        assertEquals(Map.of(Verdict.STALLED, 1, Verdict.FALLING_BEHIND, 1, Verdict.AT_RISK, 1),
                result.verdictCounts());
        assertTrue(result.actions().stream().anyMatch(a -> a.topic().equals(risk)
                && a.kind() == Action.Kind.PROTECT_RETENTION), result.actions().toString());
        assertTrue(result.actions().stream().anyMatch(a -> a.topic().equals(stalled)
                && a.kind() == Action.Kind.INVESTIGATE), result.actions().toString());
        assertFalse(result.partial());
    }

    @Test
    void aFreshOrLostHistoryMeansUnknownUntilTwoScans() throws Exception {
        String prefix = "logs.fresh-" + unique() + ".";
        String topic = prefix + "app";
        fixtures.createTopics(Map.of(topic, 2), Map.of());
        try (Traffic traffic = new Traffic(Map.of(topic, 10), Map.of())) {
            for (String stateTopic : List.of("logwise-state-" + unique(), "logwise-state-" + unique())) {
                // The second state topic stands for a history that was lost or compacted away.
                Map<String, String> env = environment(prefix, stateTopic);
                ScanResult first = scan(env);
                assertNull(topic(first, topic).ingestRatePerSec(), "no history on " + stateTopic);
                assertTrue(first.problems().isEmpty(), first.problems().toString());
                Thread.sleep(1500);
                ScanResult second = scan(env);
                assertNotNull(topic(second, topic).ingestRatePerSec(), "two scans on " + stateTopic);
                assertTrue(topic(second, topic).ingestRatePerSec() > 0);
            }
        }
    }

    @Test
    void anUnusableStateTopicLeavesFiguresUnknownWithAProblem() throws Exception {
        String prefix = "logs.nostate-" + unique() + ".";
        String topic = prefix + "app";
        String stateTopic = "logwise-state-" + unique();
        fixtures.createTopics(Map.of(topic, 1), Map.of());
        fixtures.produce(Map.of(topic, new int[] {10}));
        fixtures.commit("g", Map.of(new TopicPartition(topic, 0), 4L));
        // Not compacted: the state store refuses it (a person must fix it), the scan still returns.
        fixtures.admin().createTopics(List.of(new NewTopic(stateTopic, 2, (short) 1)
                .configs(Map.of("cleanup.policy", "delete")))).all().get();
        Map<String, String> env = environment(prefix, stateTopic);
        for (int i = 0; i < 2; i++) {
            ScanResult result = scan(env);
            assertEquals(6, consumer(result, topic, "g").lag());
            assertNull(consumer(result, topic, "g").consumeRatePerSec());
            assertFalse(result.partial(), "history is not a measurement: the scan is not partial");
            assertTrue(result.problems().stream().anyMatch(p -> p.startsWith("scan history: not read from "
                    + stateTopic) && p.contains("not a compacted")), result.problems().toString());
        }
    }
}
