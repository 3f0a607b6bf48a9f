package io.logwise.kafka.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.client.KafkaClients;
import io.logwise.kafka.handler.LagScannerHandler;
import io.logwise.kafka.json.Json;
import io.logwise.kafka.lag.ActionPlanner;
import io.logwise.kafka.metrics.EmfOutput;
import io.logwise.kafka.scan.ConsumerSummary;
import io.logwise.kafka.scan.ScanResult;
import io.logwise.kafka.scan.TopicSummary;
import io.logwise.kafka.scan.Verdict;
import io.logwise.kafka.testkit.KafkaTestCluster;
import io.logwise.kafka.testkit.LagFixtures;
import io.logwise.kafka.testkit.RealKafka;
import io.logwise.kafka.testkit.S3rverServer;
import io.logwise.kafka.testkit.SparkCheckpointFiles;
import io.logwise.kafka.testkit.TopicReads;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * The lag scanner's handler with Spark checkpoint sources on local disk and on a real S3-compatible server (s3rver),
 * files written in Spark's format, against a real broker: the lag of each query is exact (log end offset minus the
 * newest committed batch's offsets), and a corrupt checkpoint is reported while everything else is still scanned.
 */
@RealKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkCheckpointLagIT {

    private static final String TICK = "{\"version\": \"0\", \"id\": \"x\", \"detail-type\": \"Scheduled Event\","
            + " \"source\": \"aws.events\", \"time\": \"2026-11-25T12:00:00Z\", \"resources\": [], \"detail\": {}}";

    private LagFixtures fixtures;
    private TopicReads reads;
    private KafkaClients clients;
    private S3rverServer s3;
    private S3Client uploader;
    private String bucket;
    private Path local;

    @BeforeAll
    void start(KafkaTestCluster cluster) throws Exception {
        fixtures = new LagFixtures(cluster.bootstrapServers());
        reads = new TopicReads(fixtures.admin());
        clients = new KafkaClients(KafkaClients.factoryFor(Map.of("KAFKA_BOOTSTRAP_SERVERS",
                cluster.bootstrapServers())));
        s3 = S3rverServer.start();
        uploader = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(s3.endpoint()).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        S3rverServer.ACCESS_KEY, S3rverServer.SECRET_KEY)))
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
        bucket = "checkpoints-" + unique();
        uploader.createBucket(b -> b.bucket(bucket));
        local = Files.createTempDirectory("spark-checkpoints");
        // The function reads S3 with the default AWS credentials chain, as in Lambda; here from system properties.
        System.setProperty("aws.accessKeyId", S3rverServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3rverServer.SECRET_KEY);
    }

    @AfterAll
    void stop() throws Exception {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        uploader.close();
        s3.close();
        clients.close();
        fixtures.close();
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private ScanResult scan(Map<String, String> environment) throws Exception {
        LagScannerHandler handler = new LagScannerHandler(environment, clients, EmfOutput.OFF);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(TICK.getBytes(StandardCharsets.UTF_8)), out, null);
        return Json.MAPPER.readValue(out.toByteArray(), ScanResult.class);
    }

    /** The scanner lists the managed topics right away: the broker must know the new topic first. */
    private void createTopic(String topic, int partitions) throws Exception {
        reads.create(List.of(new NewTopic(topic, partitions, (short) 1)));
    }

    private static String line(String topic, long... offsets) {
        StringBuilder json = new StringBuilder("{\"" + topic + "\":{");
        for (int p = 0; p < offsets.length; p++) {
            json.append(p > 0 ? "," : "").append('"').append(p).append("\":").append(offsets[p]);
        }
        return json.append("}}").toString();
    }

    private String upload(String prefix, SparkCheckpointFiles files) {
        files.files().forEach((path, content) ->
                uploader.putObject(p -> p.bucket(bucket).key(prefix + "/" + path), RequestBody.fromBytes(content)));
        return "s3://" + bucket + "/" + prefix;
    }

    private static ConsumerSummary consumer(TopicSummary topic, String name) {
        return topic.consumers().stream().filter(c -> c.consumer().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + topic.consumers()));
    }

    @Test
    void localAndS3CheckpointsGiveExactLagAndACorruptOneIsReportedWhileOthersAreScanned() throws Exception {
        String prefix = "logs.spark-" + unique() + ".";
        String topic = prefix + "orders";
        createTopic(topic, 3);
        fixtures.produce(Map.of(topic, new int[] {50, 30, 20}));
        fixtures.commit("group-reader", LagFixtures.offsets(topic, 45, 30, 20));

        // Batch 4 committed; batch 5 planned (still running): its offsets are not consumed yet.
        Path localCheckpoint = new SparkCheckpointFiles()
                .file("metadata", "{\"id\":\"" + UUID.randomUUID() + "\"}")
                .batch(3, 1700000000000L, line(topic, 10, 10, 0)).commit(3)
                .batch(4, 1700000060000L, line(topic, 40, 30, 5)).commit(4)
                .batch(5, 1700000120000L, line(topic, 50, 30, 20))
                .writeTo(local.resolve("orders-" + unique()));
        String s3Checkpoint = upload("jobs/orders-" + unique(), new SparkCheckpointFiles()
                .batch(7, 1700000000000L, line(topic, 50, 10, 20)).commit(7));
        Path corrupt = new SparkCheckpointFiles()
                .batch(2, 1700000000000L, "{\"" + topic + "\":{\"0\": not-a-number}}").commit(2)
                .writeTo(local.resolve("corrupt-" + unique()));

        Map<String, String> env = new HashMap<>(Map.of(
                "MANAGED_TOPIC_PREFIX", prefix,
                "STATE_TOPIC", "logwise-state-" + unique(),
                "STATE_TOPIC_REPLICATION", "1",
                "SPARK_CHECKPOINT_SOURCES", "[{\"name\":\"spark-local\",\"location\":\"" + localCheckpoint + "\"},"
                        + "{\"name\":\"spark-s3\",\"location\":\"" + s3Checkpoint + "\"},"
                        + "{\"name\":\"spark-corrupt\",\"location\":\"" + corrupt + "\"}]",
                "S3_ENDPOINT_URL", s3.endpoint().toString(),
                "S3_FORCE_PATH_STYLE", "true",
                "AWS_REGION", "eu-west-1"));
        ScanResult result = scan(env);

        TopicSummary orders = result.topics().get(0);
        assertEquals(topic, orders.topic());
        ConsumerSummary fromLocal = consumer(orders, "spark-local");
        assertEquals("spark-checkpoint", fromLocal.source());
        assertEquals(10 + 0 + 15, fromLocal.lag());
        assertEquals(15, fromLocal.maxPartitionLag());
        ConsumerSummary fromS3 = consumer(orders, "spark-s3");
        assertEquals("spark-checkpoint", fromS3.source());
        assertEquals(0 + 20 + 0, fromS3.lag());
        ConsumerSummary group = consumer(orders, "group-reader");
        assertEquals("group", group.source());
        assertEquals(5, group.lag());
        assertEquals(3, orders.consumers().size(), "the corrupt checkpoint has no figures: it is not guessed");

        assertTrue(result.partial(), "one source could not be read");
        assertTrue(result.problems().stream().anyMatch(p -> p.startsWith("spark checkpoint spark-corrupt (")
                && p.contains("offsets/2")), result.problems().toString());
        assertEquals(1, result.problems().size(), result.problems().toString());
        assertFalse(orders.verdict() == Verdict.UNKNOWN, "the other consumers were measured");
    }

    @Test
    void anExpectedQueryWithAnUnreadableCheckpointMakesItsTopicUnknown() throws Exception {
        String prefix = "logs.spark-" + unique() + ".";
        String topic = prefix + "audit";
        createTopic(topic, 1);
        fixtures.produce(Map.of(topic, new int[] {5}));
        fixtures.commit("group-reader", Map.of(new TopicPartition(topic, 0), 5L));
        Map<String, String> env = Map.of(
                "MANAGED_TOPIC_PREFIX", prefix,
                "STATE_TOPIC", "logwise-state-" + unique(),
                "STATE_TOPIC_REPLICATION", "1",
                "LAG_EXPECTED_CONSUMERS", topic + "=spark-missing",
                "SPARK_CHECKPOINT_SOURCES", "[{\"name\":\"spark-missing\",\"location\":\"s3://no-such-bucket-"
                        + bucket + "/x\"}]",
                "S3_ENDPOINT_URL", s3.endpoint().toString(),
                "S3_FORCE_PATH_STYLE", "true",
                "AWS_REGION", "eu-west-1");
        ScanResult result = scan(env);
        assertEquals(Verdict.UNKNOWN, result.topics().get(0).verdict(), "whether the query keeps up is not known");
        assertTrue(result.problems().stream().anyMatch(p -> p.contains("spark-missing")
                && p.contains("does not exist")), result.problems().toString());
        assertTrue(ActionPlanner.actionsFor(result).isEmpty(), "nothing is done about an UNKNOWN topic");
    }

    @Test
    void expectedSparkSourcesAddNoFakeGroupRowsAndEveryStateWithoutPositionIsReported() throws Exception {
        String prefix = "logs.spark-" + unique() + ".";
        String orders = prefix + "orders";
        String audit = prefix + "audit";
        fixtures.createTopics(Map.of(orders, 2, audit, 1), Map.of());
        fixtures.produce(Map.of(orders, new int[] {10, 6}, audit, new int[] {4}));
        Path running = new SparkCheckpointFiles()
                .file("metadata", "{\"id\":\"" + UUID.randomUUID() + "\"}")
                .batch(2, 1700000000000L, line(orders, 8, 6)).commit(2)
                .batch(3, 1700000060000L, line(orders, 10, 6))
                .writeTo(local.resolve("running-" + unique()));
        Path started = new SparkCheckpointFiles().file("metadata", "{\"id\":\"" + UUID.randomUUID() + "\"}")
                .writeTo(local.resolve("started-" + unique()));
        String emptyPrefix = "s3://" + bucket + "/jobs/nothing-" + unique();
        Map<String, String> env = Map.of(
                "MANAGED_TOPIC_PREFIX", prefix,
                "STATE_TOPIC", "logwise-state-" + unique(),
                "STATE_TOPIC_REPLICATION", "1",
                "LAG_EXPECTED_CONSUMERS", orders + "=spark-run,spark-new",
                "SPARK_CHECKPOINT_SOURCES", "[{\"name\":\"spark-run\",\"location\":\"" + running + "\"},"
                        + "{\"name\":\"spark-new\",\"location\":\"" + started + "\",\"topics\":[\"" + audit + "\"]},"
                        + "{\"name\":\"spark-nowhere\",\"location\":\"" + emptyPrefix + "\"}]",
                "S3_ENDPOINT_URL", s3.endpoint().toString(),
                "S3_FORCE_PATH_STYLE", "true",
                "AWS_REGION", "eu-west-1");
        ScanResult result = scan(env);

        TopicSummary onOrders = result.topics().stream().filter(t -> t.topic().equals(orders)).findFirst()
                .orElseThrow();
        assertEquals(List.of("spark-new/spark-checkpoint", "spark-run/spark-checkpoint"), onOrders.consumers()
                .stream().map(c -> c.consumer() + "/" + c.source()).sorted().toList(), "no group row of those names");
        ConsumerSummary run = consumer(onOrders, "spark-run");
        assertEquals(2, run.lag());
        assertEquals(Verdict.OK, run.verdict());
        assertEquals(2L, run.committedBatchId());
        assertEquals(3L, run.plannedBatchId());
        ConsumerSummary newOnOrders = consumer(onOrders, "spark-new");
        assertEquals(Verdict.NO_COMMIT, newOnOrders.verdict());
        assertEquals(16, newOnOrders.lag());
        assertTrue(newOnOrders.noCommitReason().startsWith("no batch yet: the query started (metadata)"),
                newOnOrders.noCommitReason());
        assertEquals(Verdict.NO_COMMIT, onOrders.verdict());

        TopicSummary onAudit = result.topics().stream().filter(t -> t.topic().equals(audit)).findFirst()
                .orElseThrow();
        assertEquals(Verdict.NO_COMMIT, onAudit.verdict(), "configured by its topics, before any batch says so");
        assertEquals(4, consumer(onAudit, "spark-new").lag());

        assertEquals(List.of("spark checkpoint spark-nowhere (" + emptyPrefix + "): not read: " + emptyPrefix
                + " has no metadata file and no batch in offsets/ or commits/: not the checkpoint of a query that"
                + " started (a wrong location?)"), result.problems());
    }
}
