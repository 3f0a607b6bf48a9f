package io.logwise.kafka.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.handler.LagScannerHandler;
import io.logwise.kafka.json.Json;
import io.logwise.kafka.lag.Action;
import io.logwise.kafka.lag.ActionPlanner;
import io.logwise.kafka.metrics.EmfOutput;
import io.logwise.kafka.scan.ConsumerSummary;
import io.logwise.kafka.scan.ScanResult;
import io.logwise.kafka.scan.ScansOnRealKafka;
import io.logwise.kafka.scan.Verdict;
import io.logwise.kafka.testkit.Eventually;
import io.logwise.kafka.testkit.RealKafka;
import io.logwise.kafka.testkit.SparkCheckpointFiles;
import io.logwise.kafka.testkit.SteppedClock;
import io.logwise.kafka.testkit.TopicReads;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scan history on a real broker, through the lag scanner's handler: each test has its own managed prefix (so a full
 * scan sees only its topics) and its own state topic. Time is the test's: a {@link SteppedClock} dates the scans,
 * and records written during a step carry timestamps spread over it, so the expected rates and time lags are exact
 * figures however slowly a busy machine runs the test. (Real time made this test flaky: a starved producer thread
 * skewed the rates it was compared with.)
 */
@RealKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScanHistoryIT extends ScansOnRealKafka {

    private static final String TICK = "{\"version\": \"0\", \"id\": \"x\", \"detail-type\": \"Scheduled Event\","
            + " \"source\": \"aws.events\", \"time\": \"2026-11-25T12:00:00Z\", \"resources\": [], \"detail\": {}}";
    /** Rates are exact here; a time lag is interpolated between scans, off by at most one record's interval. */
    private static final double TOLERANCE = 0.02;
    private static final Duration STEP = Duration.ofSeconds(2);

    private static Map<String, String> environment(String prefix, String stateTopic, String... more) {
        Map<String, String> env = new HashMap<>(Map.of("MANAGED_TOPIC_PREFIX", prefix, "STATE_TOPIC", stateTopic,
                "STATE_TOPIC_REPLICATION", "1"));
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    private ScanResult scan(Map<String, String> environment, Clock clock) throws Exception {
        LagScannerHandler handler = new LagScannerHandler(environment, clients, EmfOutput.OFF, clock);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(TICK.getBytes(StandardCharsets.UTF_8)), out, null);
        return Json.MAPPER.readValue(out.toByteArray(), ScanResult.class);
    }

    private static ConsumerSummary consumer(ScanResult result, String topic, String name) {
        return topic(result, topic).consumers().stream().filter(c -> c.consumer().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not on " + topic));
    }

    private static void assertWithin(double expected, Double actual, String what) {
        assertNotNull(actual, what + " unknown");
        assertTrue(Math.abs(actual - expected) <= TOLERANCE * expected,
                what + ": expected " + expected + " +-" + (TOLERANCE * 100) + "%, was " + actual);
    }

    /**
     * Traffic in the test's time. Each {@link #step} writes {@code producedPerStep} records to partition 0 of each
     * topic, timestamped across the step, then commits for each group a position {@code consumedPerStep} records
     * further (never past the end; a group reading nothing commits its first position once): a producer and
     * consumers running at steady rates. Starts a minute in the past, so no time it makes is in the future.
     */
    private final class Traffic {
        final SteppedClock clock = new SteppedClock(Instant.now().minus(Duration.ofMinutes(1)));
        private final Instant started = clock.instant();
        private final Map<String, Integer> producedPerStep;
        private final Map<String, Map<String, Integer>> consumedPerStep;
        private final Map<String, Long> produced = new HashMap<>();
        private final Map<String, Long> positions = new HashMap<>();

        Traffic(Map<String, Integer> producedPerStep, Map<String, Map<String, Integer>> consumedPerStep) {
            this.producedPerStep = producedPerStep;
            this.consumedPerStep = consumedPerStep;
        }

        void step() {
            Instant from = clock.instant();
            Instant to = clock.advance(STEP);
            producedPerStep.forEach((topic, count) -> {
                fixtures.produceDuring(topic, count, from, to);
                produced.merge(topic, (long) count, Long::sum);
            });
            consumedPerStep.forEach((group, byTopic) -> byTopic.forEach((topic, count) -> {
                Long previous = positions.get(group + "/" + topic);
                long next = Math.min(produced.getOrDefault(topic, 0L), (previous == null ? 0 : previous) + count);
                if (previous == null || next != previous) {
                    positions.put(group + "/" + topic, next);
                    fixtures.commit(group, Map.of(new TopicPartition(topic, 0), next));
                }
            }));
        }

        double seconds() {
            return Duration.between(started, clock.instant()).toMillis() / 1000.0;
        }

        /** Records produced to {@code topic} per second of the test's time. */
        double producedPerSecond(String topic) {
            return produced.get(topic) / seconds();
        }

        /** Records the group committed past per second of the test's time. */
        double consumedPerSecond(String group, String topic) {
            return positions.get(group + "/" + topic) / seconds();
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
            long deadline = System.nanoTime() + Eventually.PATIENCE.toNanos();
            while (System.nanoTime() < deadline) {
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
        // 200 records/s in, 100/s read.
        Traffic traffic = new Traffic(Map.of(topic, 400), Map.of("slow", Map.of(topic, 200)));
        traffic.step();
        ScanResult first = scan(env, traffic.clock);
        assertNull(topic(first, topic).ingestRatePerSec(), "first scan: unknown");
        assertNull(consumer(first, topic, "slow").consumeRatePerSec());
        assertNull(consumer(first, topic, "slow").timeLagSeconds());
        assertNull(consumer(first, topic, "slow").drainsNever());
        for (int i = 0; i < 5; i++) {
            traffic.step();
            scan(env, traffic.clock);
        }
        traffic.step();
        ScanResult last = scan(env, traffic.clock);
        ConsumerSummary slow = consumer(last, topic, "slow");
        double trueAge = trueAgeSeconds(topic, "slow", last.scannedAt());
        System.out.printf("time lag: estimated %.2f s, true age of the oldest unread record %.2f s (error %+.1f%%);"
                        + " ingest %.1f/s, consume %.1f/s, lag %d%n", slow.timeLagSeconds(), trueAge,
                100 * (slow.timeLagSeconds() - trueAge) / trueAge, topic(last, topic).ingestRatePerSec(),
                slow.consumeRatePerSec(), slow.lag());
        assertWithin(trueAge, slow.timeLagSeconds(), "time lag against the true age of the oldest unread record");
        assertWithin(traffic.producedPerSecond(topic), topic(last, topic).ingestRatePerSec(),
                "ingest rate against the producer's own count");
        assertWithin(traffic.consumedPerSecond("slow", topic), slow.consumeRatePerSec(),
                "consume rate against the committer's own count");
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
        // Retention long enough that the broker deletes nothing while the test runs, however slowly.
        fixtures.createTopics(Map.of(risk, 1), Map.of("retention.ms", "600000"));
        fixtures.produce(Map.of(stalled, new int[] {100}));
        fixtures.commit("stuck", Map.of(new TopicPartition(stalled, 0), 10L));
        // AT_RISK above 1% of retention.ms 600 s: a time lag over 6 s.
        Map<String, String> env = environment(prefix, "logwise-state-" + unique(), "AT_RISK_RETENTION_SHARE", "0.01");
        Traffic traffic = new Traffic(Map.of(stalled, 100, behind, 100, risk, 100),
                Map.of("reader", Map.of(behind, 50), "asleep", Map.of(risk, 0)));
        ScanResult result = null;
        for (int i = 0; i < 5; i++) {
            traffic.step();
            result = scan(env, traffic.clock);
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
        ScanResult last = result;
        assertTrue(ActionPlanner.actionsFor(last).stream().anyMatch(a -> a.topic().equals(risk)
                && a.kind() == Action.Kind.PROTECT_RETENTION), ActionPlanner.actionsFor(last).toString());
        assertTrue(ActionPlanner.actionsFor(last).stream().anyMatch(a -> a.topic().equals(stalled)
                && a.kind() == Action.Kind.INVESTIGATE), ActionPlanner.actionsFor(last).toString());
        assertFalse(last.partial());
    }

    /**
     * A Kafka group and a Spark checkpoint source may have the same name; through the state topic each keeps its own
     * history: the group "etl" is stuck at its first position, the Spark query "etl" keeps up with the producer.
     */
    @Test
    void aGroupAndASparkQueryOfTheSameNameKeepTheirOwnHistory(@TempDir Path checkpoints) throws Exception {
        String prefix = "logs.shared-" + unique() + ".";
        String topic = prefix + "app";
        fixtures.createTopics(Map.of(topic, 1), Map.of());
        Path checkpoint = checkpoints.resolve("etl");
        Map<String, String> env = environment(prefix, "logwise-state-" + unique(), "SPARK_CHECKPOINT_SOURCES",
                "[{\"name\":\"etl\",\"location\":\"" + checkpoint + "\"}]");
        Traffic traffic = new Traffic(Map.of(topic, 100), Map.of("etl", Map.of(topic, 0)));
        ScanResult result = null;
        for (int batch = 0; batch < 5; batch++) {
            traffic.step();
            long produced = 100L * (batch + 1);
            new SparkCheckpointFiles().batch(batch, traffic.clock.millis(), "{\"" + topic + "\":{\"0\":" + produced
                    + "}}").commit(batch).writeTo(checkpoint);
            result = scan(env, traffic.clock);
        }
        List<ConsumerSummary> consumers = topic(result, topic).consumers();
        ConsumerSummary group = consumers.stream().filter(c -> c.source().equals("group")).findFirst().orElseThrow();
        ConsumerSummary spark = consumers.stream().filter(c -> c.source().equals("spark-checkpoint")).findFirst()
                .orElseThrow();
        assertEquals(List.of("etl", "etl"), consumers.stream().map(ConsumerSummary::consumer).toList());
        assertEquals(Verdict.STALLED, group.verdict());
        assertEquals(0.0, group.consumeRatePerSec());
        assertEquals(Verdict.OK, spark.verdict());
        assertEquals(0, spark.lag());
        assertWithin(traffic.producedPerSecond(topic), spark.consumeRatePerSec(), "the Spark query's consume rate");
    }

    @Test
    void aFreshOrLostHistoryMeansUnknownUntilTwoScans() throws Exception {
        String prefix = "logs.fresh-" + unique() + ".";
        String topic = prefix + "app";
        fixtures.createTopics(Map.of(topic, 2), Map.of());
        Traffic traffic = new Traffic(Map.of(topic, 100), Map.of());
        for (String stateTopic : List.of("logwise-state-" + unique(), "logwise-state-" + unique())) {
            // The second state topic stands for a history that was lost or compacted away.
            Map<String, String> env = environment(prefix, stateTopic);
            traffic.step();
            ScanResult first = scan(env, traffic.clock);
            assertNull(topic(first, topic).ingestRatePerSec(), "no history on " + stateTopic);
            assertTrue(first.problems().isEmpty(), first.problems().toString());
            traffic.step();
            ScanResult second = scan(env, traffic.clock);
            assertNotNull(topic(second, topic).ingestRatePerSec(), "two scans on " + stateTopic);
            assertEquals(50.0, topic(second, topic).ingestRatePerSec(), 0.5, "100 records in 2 s");
        }
    }

    @Test
    void anUnusableStateTopicLeavesFiguresUnknownWithAProblem() throws Exception {
        SteppedClock clock = new SteppedClock(Instant.now().minus(Duration.ofMinutes(1)));
        String prefix = "logs.nostate-" + unique() + ".";
        String topic = prefix + "app";
        String stateTopic = "logwise-state-" + unique();
        fixtures.createTopics(Map.of(topic, 1), Map.of());
        fixtures.produce(Map.of(topic, new int[] {10}));
        fixtures.commit("g", Map.of(new TopicPartition(topic, 0), 4L));
        // Not compacted: the state store refuses it (a person must fix it), the scan still returns.
        new TopicReads(fixtures.admin()).create(List.of(new NewTopic(stateTopic, 2, (short) 1)
                .configs(Map.of("cleanup.policy", "delete"))));
        Map<String, String> env = environment(prefix, stateTopic);
        for (int i = 0; i < 2; i++) {
            clock.advance(STEP);
            ScanResult result = scan(env, clock);
            assertEquals(6, consumer(result, topic, "g").lag());
            assertNull(consumer(result, topic, "g").consumeRatePerSec());
            assertFalse(result.partial(), "history is not a measurement: the scan is not partial");
            assertTrue(result.problems().stream().anyMatch(p -> p.startsWith("scan history: not read from "
                    + stateTopic) && p.contains("not a compacted")), result.problems().toString());
        }
    }
}
