package io.logwise.kafka.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.testkit.Closeables;
import io.logwise.kafka.testkit.S3rverServer;
import io.logwise.kafka.testkit.SigV4CheckingProxy;
import io.logwise.kafka.testkit.SparkCheckpointFiles;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * Checkpoints on a real S3-compatible server (s3rver, started by this test), uploaded with the AWS SDK's S3 client
 * and read through {@link S3CheckpointStore} configured from the environment variables the function uses. Every
 * request goes through {@link SigV4CheckingProxy}, which verifies its SigV4 signature as S3 does (s3rver itself only
 * checks the access key id): the SDK's uploads and listings passing it show the check is right, the store's reads
 * passing it show the store signs what it sends.
 */
class S3CheckpointIT {

    private static final AwsCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create(S3rverServer.ACCESS_KEY, S3rverServer.SECRET_KEY));

    private static S3rverServer server;
    private static SigV4CheckingProxy proxy;
    private static S3Client uploader;
    private static String bucket;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3rverServer.start();
        System.out.printf("s3rver listening on %s after %d ms%n", server.endpoint(), server.startTime().toMillis());
        proxy = SigV4CheckingProxy.start(server.endpoint(), Map.of(S3rverServer.ACCESS_KEY, S3rverServer.SECRET_KEY));
        uploader = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(proxy.endpoint())
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                // s3rver stores aws-chunked bodies (signed chunks, CRC32 trailers) as they come: send plain bodies
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
        bucket = "checkpoints-" + UUID.randomUUID().toString().substring(0, 8);
        uploader.createBucket(b -> b.bucket(bucket));
    }

    @AfterAll
    static void stopServer() throws Exception {
        Closeables.closeAll(uploader, proxy, server);
    }

    private static Map<String, String> environment(String sourcesJson) {
        return Map.of(
                "SPARK_CHECKPOINT_SOURCES", sourcesJson,
                "SPARK_CHECKPOINT_MAX_FILE_BYTES", "4096",
                "S3_ENDPOINT_URL", proxy.endpoint().toString(),
                "S3_FORCE_PATH_STYLE", "true",
                "AWS_REGION", "eu-west-1");
    }

    private static String upload(String prefix, SparkCheckpointFiles files) {
        files.files().forEach((path, content) ->
                uploader.putObject(p -> p.bucket(bucket).key(prefix + "/" + path), RequestBody.fromBytes(content)));
        return "s3://" + bucket + "/" + prefix;
    }

    private static List<CheckpointResult> readAll(Map<String, String> environment, AwsCredentialsProvider credentials)
            throws Exception {
        CheckpointSourcesSettings settings = CheckpointSourcesSettings.fromEnv(environment);
        try (S3CheckpointStore store = S3CheckpointStore.create(settings, credentials);
             SparkCheckpointReader reader = new SparkCheckpointReader(new LocalCheckpointStore(), () -> store,
                     settings.maxFileBytes(), settings.timeout())) {
            return reader.readAll(settings.sources(), Duration.ofSeconds(20));
        }
    }

    @Test
    void readsCommittedAndPlannedBatchesOfSeveralCheckpointsWhileOthersFail() throws Exception {
        String order = upload("jobs/order", new SparkCheckpointFiles()
                .file("metadata", "{\"id\":\"3c1c6f7e-1a8e-4c36-9d6e-0c1f1c5b9c11\"}")
                .batch(9, 1700000000000L, "{\"logs.order-service\":{\"0\":1200,\"1\":1190}}").commit(9)
                .batch(10, 1700000060000L, "{\"logs.order-service\":{\"0\":1234,\"1\":1200},\"logs.b\":{\"0\":7}}")
                .commit(10)
                .batch(11, 1700000120000L, "{\"logs.order-service\":{\"0\":1300,\"1\":1250},\"logs.b\":{\"0\":9}}")
                .writing("offsets", 12, "v1\n"));
        String planned = upload("jobs/planned", new SparkCheckpointFiles().batch(0, 1L, "{\"logs.a\":{\"0\":0}}"));
        String corrupt = upload("jobs/corrupt", new SparkCheckpointFiles()
                .file("offsets/3", "v1\n{\"batchWatermarkMs\":0,\"batchTimestampMs\":17").commit(3));
        String newer = upload("jobs/newer", new SparkCheckpointFiles().file("offsets/1", "v3\n{}\n0:-").commit(1));
        String started = upload("jobs/started", new SparkCheckpointFiles().file("metadata", "{\"id\":\"9f0e\"}"));
        // Spark 4.x's opt-in offset log v2 (spark.sql.streaming.offsetLog.formatVersion=2), written by hand from
        // OffsetSeqLog.serialize: each source line is keyed by the source's id.
        String keyed = upload("jobs/keyed", new SparkCheckpointFiles()
                .file("metadata", "{\"id\":\"1b2c\"}")
                .file("offsets/4", "v2\n{\"batchWatermarkMs\":0,\"batchTimestampMs\":1700000000000,\"conf\":{}}\n"
                        + "orders:{\"logs.a\":{\"0\":40,\"1\":41}}\nlate:-").commit(4));
        String sources = "[" + String.join(",",
                "{\"name\":\"spark-order\",\"location\":\"" + order + "/\"}",
                "{\"name\":\"spark-empty\",\"location\":\"s3a://" + bucket + "/jobs/never-started\"}",
                "{\"name\":\"spark-planned\",\"location\":\"" + planned + "\"}",
                "{\"name\":\"spark-corrupt\",\"location\":\"" + corrupt + "\"}",
                "{\"name\":\"spark-newer\",\"location\":\"" + newer + "\"}",
                "{\"name\":\"spark-no-bucket\",\"location\":\"s3://no-such-bucket-" + bucket + "/x\"}",
                "{\"name\":\"spark-started\",\"location\":\"" + started + "\"}",
                "{\"name\":\"spark-keyed\",\"location\":\"" + keyed + "\"}") + "]";

        List<CheckpointResult> results = readAll(environment(sources), CREDENTIALS);

        CheckpointPositions positions = assertInstanceOf(CheckpointPositions.class, results.get(0));
        assertEquals("spark-order", positions.sourceName());
        assertEquals(order, positions.location());
        assertEquals(10, positions.committedBatchId());
        assertEquals(11, positions.plannedBatchId());
        assertEquals(Instant.ofEpochMilli(1700000060000L), positions.batchTimestamp());
        assertEquals(Map.of("logs.order-service", Map.of(0, 1234L, 1, 1200L), "logs.b", Map.of(0, 7L)),
                positions.offsets());
        assertTrue(positions.committedAt() != null
                && Duration.between(positions.committedAt(), Instant.now()).abs().toMinutes() < 5,
                "commit time from the listing: " + positions.committedAt());
        // An empty prefix is not "no batch yet": Spark writes metadata as a query starts, so nothing ran there.
        assertEquals(new CheckpointProblem("spark-empty", "s3://" + bucket + "/jobs/never-started", "s3://" + bucket
                + "/jobs/never-started has no metadata file and no batch in offsets/ or commits/: not the checkpoint"
                + " of a query that started (a wrong location?)"), results.get(1));
        assertEquals(CheckpointNoBatchYet.planned("spark-planned", planned, 0L), results.get(2));
        assertProblem(results.get(3), "offsets/3: line 2 is not valid JSON");
        assertProblem(results.get(4), "unsupported offset log version v3");
        assertProblem(results.get(5), "the bucket no-such-bucket-" + bucket + " does not exist");
        assertEquals(CheckpointNoBatchYet.notPlanned("spark-started", started), results.get(6));
        CheckpointPositions keyedPositions = assertInstanceOf(CheckpointPositions.class, results.get(7));
        assertEquals(4, keyedPositions.committedBatchId());
        assertEquals(Map.of("logs.a", Map.of(0, 40L, 1, 41L)), keyedPositions.offsets());
    }

    @Test
    void pagesThroughLongListingsAndComparesBatchIdsAsNumbers() throws Exception {
        SparkCheckpointFiles files = new SparkCheckpointFiles();
        for (long id = 0; id <= 11; id++) {
            files.batch(id, 1700000000000L + id, "{\"logs.a\":{\"0\":" + (100 + id) + "}}").commit(id);
        }
        String location = upload("jobs/paged", files);
        CheckpointSourcesSettings settings = CheckpointSourcesSettings.fromEnv(environment("[]"));
        try (S3CheckpointStore store = S3CheckpointStore.create(settings, CREDENTIALS, 5)) {
            List<StoredFile> listed = store.list(CheckpointLocation.parse(location), "offsets", Duration.ofSeconds(10));
            assertEquals(24, listed.size(), "12 batch files and their 12 checksum files over 5 pages");

            SparkCheckpointReader reader = new SparkCheckpointReader(new LocalCheckpointStore(), () -> store,
                    settings.maxFileBytes(), settings.timeout());
            CheckpointPositions positions = assertInstanceOf(CheckpointPositions.class,
                    reader.read(new CheckpointSource("paged", CheckpointLocation.parse(location)),
                            Duration.ofSeconds(10)));
            assertEquals(11, positions.committedBatchId());
            assertEquals(Map.of("logs.a", Map.of(0, 111L)), positions.offsets());
        }
    }

    @Test
    void boundsWhatItReadsFromAnObject() throws Exception {
        String location = upload("jobs/huge", new SparkCheckpointFiles().file("offsets/0", new byte[64 * 1024]));
        CheckpointSourcesSettings settings = CheckpointSourcesSettings.fromEnv(environment("[]"));

        try (S3CheckpointStore store = S3CheckpointStore.create(settings, CREDENTIALS)) {
            CheckpointStore.FileTooLargeException e = assertThrows(CheckpointStore.FileTooLargeException.class,
                    () -> store.read(CheckpointLocation.parse(location), "offsets", "0", 4096,
                            Duration.ofSeconds(10)));
            assertTrue(e.getMessage().contains(location + "/offsets/0 is larger than 4096 bytes"), e.getMessage());
        }
    }

    @Test
    void wrongCredentialsAndAnUnreachableEndpointAreProblemsWithTheirReason() throws Exception {
        String location = upload("jobs/auth", new SparkCheckpointFiles().batch(0, 1L, "{\"logs.a\":{\"0\":1}}")
                .commit(0));
        String sources = "[{\"name\":\"spark-auth\",\"location\":\"" + location + "\"}]";

        int refusedBefore = proxy.refused();
        CheckpointResult wrongSecret = readAll(environment(sources), StaticCredentialsProvider.create(
                AwsBasicCredentials.create(S3rverServer.ACCESS_KEY, "not-the-secret"))).get(0);
        assertProblem(wrongSecret, "S3 refused listing " + location + "/offsets/: SignatureDoesNotMatch");
        assertEquals(refusedBefore + 1, proxy.refused(), "one listing, refused once: an auth error is not retried");

        CheckpointResult unknownKey = readAll(environment(sources), StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIAUNKNOWN", S3rverServer.SECRET_KEY))).get(0);
        assertProblem(unknownKey, "S3 refused listing " + location + "/offsets/: InvalidAccessKeyId");

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, String> unreachable = new java.util.HashMap<>(environment(sources));
        unreachable.put("S3_ENDPOINT_URL", "http://127.0.0.1:" + closedPort);
        assertProblem(readAll(unreachable, CREDENTIALS).get(0), "cannot reach S3 listing " + location + "/offsets/");
    }

    @Test
    void keysThatNeedEncodingAreSignedAsSentAndReadBack() throws Exception {
        // Spaces, '+', '=', '%', '~', non-ASCII: path and query encoding must match what was signed.
        String prefix = "jobs/odd name+plus=eq%pct~tilde/caf\u00e9 \u2603";
        String location = upload(prefix, new SparkCheckpointFiles()
                .batch(3, 1700000000000L, "{\"logs.a\":{\"0\":42}}").commit(3));
        int checkedBefore = proxy.checked();
        int refusedBefore = proxy.refused();

        List<CheckpointResult> results = readAll(environment("[{\"name\":\"odd\",\"location\":\"" + location
                + "\"}]"), CREDENTIALS);

        CheckpointPositions positions = assertInstanceOf(CheckpointPositions.class, results.get(0));
        assertEquals(Map.of("logs.a", Map.of(0, 42L)), positions.offsets());
        assertEquals(refusedBefore, proxy.refused());
        assertEquals(checkedBefore + 3, proxy.checked(), "two listings and one read, each signature checked");
        // The SDK's own listing of the same prefix passes the same check (the check is no stricter than S3).
        assertEquals(2, uploader.listObjectsV2(l -> l.bucket(bucket).prefix(prefix + "/offsets/")).contents().size());
        assertEquals(refusedBefore, proxy.refused());
    }

    private static void assertProblem(CheckpointResult result, String reason) {
        CheckpointProblem problem = assertInstanceOf(CheckpointProblem.class, result);
        assertTrue(problem.reason().contains(reason), problem.reason());
    }

}
