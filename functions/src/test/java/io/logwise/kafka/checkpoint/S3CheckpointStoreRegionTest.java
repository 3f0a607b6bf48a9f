package io.logwise.kafka.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import io.logwise.kafka.testkit.LoopbackHttpServer;
import io.logwise.kafka.testkit.SigV4Verifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * How the store answers S3's HTTP-level replies that s3rver never gives: a bucket in another region (S3 names the
 * bucket's region in {@code x-amz-bucket-region}), transient 503s, and oversized objects. The local server checks
 * every signature with {@link SigV4Verifier} and answers as S3 documents it.
 */
class S3CheckpointStoreRegionTest {

    private static final String BUCKET_REGION = "eu-central-1";
    private static final String LISTING = "<ListBucketResult><IsTruncated>false</IsTruncated><Contents>"
            + "<Key>jobs/a/offsets/7</Key><Size>3</Size></Contents></ListBucketResult>";

    private final SigV4Verifier verifier = new SigV4Verifier(SigV4Verifier.PathRule.S3, Map.of("AKIDTEST", "secret"));
    private final List<String> signingRegions = new CopyOnWriteArrayList<>();
    private final AtomicInteger unavailableAnswers = new AtomicInteger();
    @RegisterExtension
    final LoopbackHttpServer server = new LoopbackHttpServer(this::answer);

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            SigV4Verifier.Received received = SigV4Verifier.Received.of(exchange, body);
            if (verifier.problem(received, Instant.now()).isPresent()) {
                send(exchange, 403, "<Error><Code>SignatureDoesNotMatch</Code><Message>bad</Message></Error>");
                return;
            }
            String region = SigV4Verifier.Authorization.parse(received.header("Authorization").orElseThrow())
                    .orElseThrow().region();
            signingRegions.add(region);
            String path = exchange.getRequestURI().getRawPath();
            if (path.startsWith("/busy") && unavailableAnswers.getAndIncrement() < 2) {
                send(exchange, 503, "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message>"
                        + "</Error>");
            } else if (!region.equals(BUCKET_REGION)) {
                exchange.getResponseHeaders().set("x-amz-bucket-region", BUCKET_REGION);
                send(exchange, 400, "<Error><Code>AuthorizationHeaderMalformed</Code><Message>the region '"
                        + region + "' is wrong; expecting '" + BUCKET_REGION + "'</Message></Error>");
            } else if (exchange.getRequestURI().getRawQuery() != null) {
                send(exchange, 200, LISTING);
            } else {
                send(exchange, 200, "x".repeat(path.endsWith("/big") ? 5000 : 3));
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private S3CheckpointStore store() {
        CheckpointSourcesSettings settings = CheckpointSourcesSettings.fromEnv(Map.of(
                "S3_ENDPOINT_URL", server.endpoint().toString(),
                "S3_FORCE_PATH_STYLE", "true", "AWS_REGION", "us-west-2"));
        return S3CheckpointStore.create(settings, StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIDTEST", "secret")));
    }

    @Test
    void followsABucketToItsRegionAndRemembersIt() throws IOException {
        S3CheckpointStore store = store();
        CheckpointLocation location = CheckpointLocation.parse("s3://ckpt/jobs/a");

        List<StoredFile> files = store.list(location, "offsets", Duration.ofSeconds(10));
        byte[] content = store.read(location, "offsets", "7", 100, Duration.ofSeconds(10));

        assertEquals(List.of(new StoredFile("7", 3, null)), files);
        assertEquals("xxx", new String(content, StandardCharsets.UTF_8));
        assertEquals(List.of("us-west-2", BUCKET_REGION, BUCKET_REGION), signingRegions,
                "signed for the function's region first, then for the bucket's, which is remembered");
    }

    @Test
    void retriesTransientRefusalsAndBoundsObjects() throws IOException {
        S3CheckpointStore store = store();

        byte[] content = store.read(CheckpointLocation.parse("s3://busy/jobs"), "offsets", "1", 100,
                Duration.ofSeconds(10));
        assertEquals(3, content.length, "two 503 SlowDown answers, then the object");

        CheckpointStore.FileTooLargeException e = assertThrows(CheckpointStore.FileTooLargeException.class,
                () -> store.read(CheckpointLocation.parse("s3://ckpt/jobs"), "offsets", "big", 4096,
                        Duration.ofSeconds(10)));
        assertTrue(e.getMessage().contains("s3://ckpt/jobs/offsets/big is larger than 4096 bytes"), e.getMessage());
    }

    @Test
    void aWrongSignatureIsARefusalWithItsCode() {
        CheckpointSourcesSettings settings = CheckpointSourcesSettings.fromEnv(Map.of(
                "S3_ENDPOINT_URL", server.endpoint().toString(), "S3_FORCE_PATH_STYLE", "true"));
        S3CheckpointStore store = S3CheckpointStore.create(settings, StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIDTEST", "wrong")));
        IOException e = assertThrows(IOException.class, () -> store.list(CheckpointLocation.parse("s3://ckpt/jobs"),
                "offsets", Duration.ofSeconds(10)));
        assertEquals("S3 refused listing s3://ckpt/jobs/offsets/: SignatureDoesNotMatch bad (HTTP 403)",
                e.getMessage());
    }
}
