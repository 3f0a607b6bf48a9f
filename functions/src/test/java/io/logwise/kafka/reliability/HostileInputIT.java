package io.logwise.kafka.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.client.KafkaClients;
import io.logwise.kafka.error.LogwiseException;
import io.logwise.kafka.handler.JsonHandler;
import io.logwise.kafka.handler.LagScannerHandler;
import io.logwise.kafka.handler.PartitionScalerHandler;
import io.logwise.kafka.handler.RetentionUpdaterHandler;
import io.logwise.kafka.handler.TopicProvisionerHandler;
import io.logwise.kafka.json.Json;
import io.logwise.kafka.metrics.EmfOutput;
import io.logwise.kafka.reliability.BoundedInvocation.Outcome;
import io.logwise.kafka.reliability.BrokerSnapshot.TopicShape;
import io.logwise.kafka.testkit.Closeables;
import io.logwise.kafka.testkit.Eventually;
import io.logwise.kafka.testkit.LocalKafkaCluster;
import io.logwise.kafka.testkit.TopicReads;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Random and mutated events fed to every handler on a real broker. Each invocation returns JSON or throws a typed
 * {@link LogwiseException} (never another exception, never INTERNAL, never a hang), and a rejected event leaves
 * every topic, partition count and topic config as it was. A private broker, so the snapshots see only this test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIT {

    private static final Path EVENTS = Path.of(System.getProperty("logwise.root", ".."), "events");
    private static final int EXAMPLES = Integer.getInteger("hostile.examples", 150);
    private static final long SEED = Long.getLong("hostile.seed", 20261125L);
    private static final Duration LAMBDA_TIME = Duration.ofSeconds(20);
    private static final Duration HANG_BOUND = Duration.ofSeconds(45);
    /** Seeded managed topics with unread records: their retention must never go down, their records never go. */
    private static final List<String> SEEDED = List.of("logs.order-service", "logs.payment-service", "logs.billing");
    private static final List<String> OUTSIDE = List.of("other.a", "logsx.a", "LOGS.a", "logs_a");
    private static final int RECORDS_PER_PARTITION = 20;
    private static final String DAY_MS = "86400000";
    /** Hostile values are up to 120,000 characters: an error quotes a shortened form, never the whole value. */
    private static final int MAX_MESSAGE_LENGTH = 2_000;

    private final String stateTopic = "logwise-ops.hostile-" + UUID.randomUUID();
    private LocalKafkaCluster kafka;
    private Admin admin;
    private KafkaClients clients;
    private Map<String, JsonHandler> handlers;
    private Predicate<String> ignored;
    private MetadataBarrier barrier;
    private final Map<String, Long> producedEnds = new TreeMap<>();

    @BeforeAll
    void startPrivateBrokerAndSeedTopics() throws Exception {
        kafka = LocalKafkaCluster.startWithFreshPorts(1, 3);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
        List<NewTopic> topics = new ArrayList<>();
        SEEDED.forEach(t -> topics.add(new NewTopic(t, t.equals("logs.order-service") ? 3 : 1, (short) 1)
                .configs(Map.of("retention.ms", DAY_MS))));
        OUTSIDE.forEach(t -> topics.add(new NewTopic(t, 1, (short) 1).configs(Map.of("retention.ms", DAY_MS))));
        TopicReads reads = new TopicReads(admin);
        reads.create(topics);
        barrier = new MetadataBarrier(reads);
        seedUnreadRecords();

        Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "STATE_TOPIC", stateTopic, "EMF_OUTPUT", "off", "SCALER_MODE", "on",
                "KAFKA_API_TIMEOUT_MS", "10000", "KAFKA_REQUEST_TIMEOUT_MS", "8000");
        clients = new KafkaClients(KafkaClients.factoryFor(env));
        handlers = new LinkedHashMap<>();
        handlers.put("topic-provisioner", new TopicProvisionerHandler(env, clients));
        handlers.put("lag-scanner", new LagScannerHandler(env, clients, EmfOutput.OFF));
        handlers.put("partition-scaler", new PartitionScalerHandler(env, clients, Clock.systemUTC()));
        handlers.put("retention-updater", new RetentionUpdaterHandler(env, clients, Clock.systemUTC()));
        ignored = topic -> BrokerSnapshot.internalOr(stateTopic, topic) || topic.equals(barrier.topic());
    }

    /** Records written three hours ago (older than any lowered retention would keep), a quarter of them read. */
    private void seedUnreadRecords() throws Exception {
        long writtenAt = Instant.now().minus(Duration.ofHours(3)).toEpochMilli();
        Map<TopicPartition, OffsetAndMetadata> commits = new LinkedHashMap<>();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (String topic : SEEDED) {
                int partitions = topic.equals("logs.order-service") ? 3 : 1;
                for (int p = 0; p < partitions; p++) {
                    for (int i = 0; i < RECORDS_PER_PARTITION; i++) {
                        producer.send(new ProducerRecord<>(topic, p, writtenAt, null, ("line " + i).getBytes()));
                    }
                    producedEnds.put(topic + "-" + p, (long) RECORDS_PER_PARTITION);
                    commits.put(new TopicPartition(topic, p), new OffsetAndMetadata(RECORDS_PER_PARTITION / 4));
                }
            }
            producer.flush();
        }
        admin.alterConsumerGroupOffsets("spark-order-service", commits).all().get(60, TimeUnit.SECONDS);
    }

    private KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
    }

    @AfterAll
    void close() throws Exception {
        Closeables.closeAll(clients, admin, kafka);
    }

    @Test
    void everyHandlerAnswersJsonOrATypedErrorAndARejectedEventChangesNothing() throws Exception {
        HostileEvents events = new HostileEvents(samples());
        Tally tally = new Tally();
        long started = System.nanoTime();
        BrokerSnapshot[] current = {BrokerSnapshot.take(admin, ignored)};
        qt().withFixedSeed(SEED).withExamples(EXAMPLES).withShrinkCycles(0)
                .forAll(integers().between(0, HostileEvents.Kind.values().length - 1), longs().all())
                .checkAssert((kind, seed) -> {
                    byte[] event = events.event(HostileEvents.Kind.values()[kind], seed);
                    handlers.forEach((name, handler) -> {
                        Outcome outcome = BoundedInvocation.invoke(handler, event, LAMBDA_TIME, HANG_BOUND);
                        passBarrier(); // so the snapshot shows this invocation's changes, not a later one's
                        BrokerSnapshot after = BrokerSnapshot.take(admin, ignored);
                        tally.record(name, kind + "/" + seed, event, outcome, current[0], after);
                        current[0] = after;
                    });
                });
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        Map<String, String> dataLost = dataLost();
        System.err.printf("[hostile-input] seed %d: %d inputs tried (%d events x %d handlers), %d accepted, %d"
                        + " rejected with a typed error %s, %d out of time (Kafka unavailable), %d wrong mutations,"
                        + " %d partitions lost data, longest error message %d characters, %d s%n",
                SEED, tally.tried, EXAMPLES, handlers.size(), tally.accepted, tally.rejected, tally.errorTypes,
                tally.unavailable, tally.problems.size(), dataLost.size(), tally.longestMessage, elapsed.toSeconds());
        assertTrue(tally.problems.isEmpty(), () -> tally.problems.size() + " problems:\n"
                + String.join("\n", tally.problems.subList(0, Math.min(20, tally.problems.size()))));
        assertEquals(Map.of(), dataLost);
        assertTrue(tally.rejected > tally.tried / 4, "the generator must mostly produce rejected events");
        assertTrue(tally.accepted > 0, "some mutated events are still valid and must be accepted");
    }

    private void passBarrier() {
        try {
            barrier.pass();
        } catch (Exception e) {
            throw new IllegalStateException("the broker did not apply the metadata barrier", e);
        }
    }

    /** Seeded partitions whose first or last offset moved: records deleted or a partition rewritten. */
    private Map<String, String> dataLost() throws Exception {
        awaitRetentionCheck(); // a lowered retention would have deleted records by then
        Map<TopicPartition, OffsetSpec> earliest = new LinkedHashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
        producedEnds.keySet().forEach(key -> {
            int dash = key.lastIndexOf('-');
            TopicPartition partition = new TopicPartition(key.substring(0, dash),
                    Integer.parseInt(key.substring(dash + 1)));
            earliest.put(partition, OffsetSpec.earliest());
            latest.put(partition, OffsetSpec.latest());
        });
        var starts = admin.listOffsets(earliest).all().get(30, TimeUnit.SECONDS);
        var ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
        Map<String, String> lost = new TreeMap<>();
        starts.forEach((partition, start) -> {
            long end = ends.get(partition).offset();
            if (start.offset() != 0 || end != RECORDS_PER_PARTITION) {
                lost.put(partition.toString(), start.offset() + ".." + end);
            }
        });
        return lost;
    }

    /**
     * Returns once the broker's retention check (every second, a test kit setting) has gone over every log after the
     * last invocation: a canary topic made now, whose one record is older than its retention, loses that record in
     * the first check that includes it, and that check also saw the seeded topics with their current retention.
     */
    private void awaitRetentionCheck() throws Exception {
        String canary = "logwise-test.canary-" + UUID.randomUUID().toString().substring(0, 8);
        new TopicReads(admin).create(List.of(new NewTopic(canary, 1, (short) 1)
                .configs(Map.of("retention.ms", "3600000"))));
        long writtenAt = Instant.now().minus(Duration.ofHours(3)).toEpochMilli();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(canary, 0, writtenAt, null, "expired".getBytes())).get(60,
                    TimeUnit.SECONDS);
        }
        TopicPartition partition = new TopicPartition(canary, 0);
        long logStart = Eventually.awaitEquals(1L, () -> admin.listOffsets(Map.of(partition, OffsetSpec.earliest()))
                .all().get(30, TimeUnit.SECONDS).get(partition).offset());
        if (logStart != 1L) {
            throw new IllegalStateException("the broker's retention check did not run within " + Eventually.PATIENCE);
        }
    }

    private static List<JsonNode> samples() throws Exception {
        try (Stream<Path> files = Files.list(EVENTS)) {
            List<JsonNode> samples = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                samples.add(Json.MAPPER.readTree(file.toFile()));
            }
            assertTrue(samples.size() >= 10, "sample events in " + EVENTS);
            return samples;
        }
    }

    /** Counts and the problems found: an untyped error, a hang, a change after a rejection, a forbidden change. */
    private final class Tally {
        int tried;
        int accepted;
        int rejected;
        int unavailable;
        int longestMessage;
        final Map<String, Integer> errorTypes = new TreeMap<>();
        final List<String> problems = new ArrayList<>();

        void record(String handler, String example, byte[] event, Outcome outcome, BrokerSnapshot before,
                    BrokerSnapshot after) {
            tried++;
            String what = handler + " on example " + example + " (" + preview(event) + ")";
            if (outcome instanceof Outcome.Hang hang) {
                problems.add(what + ": no answer within " + hang.bound());
            } else if (outcome instanceof Outcome.Failure failure) {
                Throwable error = failure.error();
                if (!(error instanceof LogwiseException typed) || typed.reason() == LogwiseException.Reason.INTERNAL) {
                    problems.add(what + ": untyped failure " + error);
                    return;
                }
                int length = String.valueOf(error.getMessage()).length();
                longestMessage = Math.max(longestMessage, length);
                if (length > MAX_MESSAGE_LENGTH) {
                    problems.add(what + ": an error message of " + length + " characters (at most "
                            + MAX_MESSAGE_LENGTH + "): " + error.getMessage().substring(0, 300) + "...");
                }
                if (typed.reason() == LogwiseException.Reason.UNAVAILABLE) {
                    // Out of time on a starved machine, not a verdict on the event: it may have done part of its
                    // work (SlowBrokerIT covers that), and it must still do nothing forbidden.
                    unavailable++;
                    forbiddenChanges(handler, before, after).forEach(change -> problems.add(what + ": " + change));
                    return;
                }
                rejected++;
                errorTypes.merge(error.getClass().getSimpleName(), 1, Integer::sum);
                String changes = before.differences(after);
                if (!changes.isEmpty()) {
                    problems.add(what + ": rejected (" + error.getMessage() + ") but changed\n" + changes);
                }
            } else {
                accepted++;
                forbiddenChanges(handler, before, after).forEach(change -> problems.add(what + ": " + change));
            }
        }
    }

    /** What even an accepted event must never do. */
    private static List<String> forbiddenChanges(String handler, BrokerSnapshot before, BrokerSnapshot after) {
        List<String> forbidden = new ArrayList<>();
        if (handler.equals("lag-scanner") && !before.equals(after)) {
            forbidden.add("the read-only lag scanner changed\n" + before.differences(after));
        }
        before.topics().forEach((topic, shape) -> {
            TopicShape now = after.topics().get(topic);
            if (now == null) {
                forbidden.add("topic " + topic + " disappeared");
            } else if (!topic.startsWith("logs.") && !now.equals(shape)) {
                forbidden.add("topic " + topic + " outside the prefix changed: " + shape + " -> " + now);
            } else if (now.partitions() < shape.partitions()) {
                forbidden.add("topic " + topic + " lost partitions: " + shape + " -> " + now);
            } else if (SEEDED.contains(topic) && retention(now) < retention(shape)) {
                forbidden.add("retention of " + topic + ", which has unread records, went down: " + shape + " -> "
                        + now);
            }
        });
        after.topics().keySet().stream().filter(t -> !before.topics().containsKey(t) && !t.startsWith("logs."))
                .forEach(t -> forbidden.add("topic " + t + " outside the prefix was created"));
        return forbidden;
    }

    private static long retention(TopicShape shape) {
        String value = shape.dynamicConfigs().get("retention.ms");
        return value == null ? Long.MAX_VALUE : Long.parseLong(value);
    }

    private static String preview(byte[] event) {
        String text = new String(event, 0, Math.min(event.length, 160), StandardCharsets.UTF_8);
        return text.replaceAll("\\p{Cntrl}", "?") + (event.length > 160 ? "... " + event.length + " bytes" : "");
    }
}
