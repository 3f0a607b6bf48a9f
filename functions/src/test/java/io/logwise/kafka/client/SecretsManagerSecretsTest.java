package io.logwise.kafka.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import io.logwise.kafka.error.ConfigurationException;
import io.logwise.kafka.json.Json;
import io.logwise.kafka.testkit.LoopbackHttpServer;
import io.logwise.kafka.testkit.SigV4Verifier;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.auth.aws.scheme.AwsV4AuthScheme;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignRequest;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignedRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.identity.spi.IdentityProviders;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * GetSecretValue as {@link SecretsManagerSecrets} sends it, compared with the AWS SDK's own SecretsManagerClient
 * (test scope only) sending the same call to the same local server at the same fixed signing time: same method,
 * path, target, content type, JSON body, signed headers and signature. No real Secrets Manager is reachable here;
 * the answers are the service's documented JSON 1.1 documents.
 */
class SecretsManagerSecretsTest {

    private static final String ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:AmazonMSK_logwise-Ab12Cd";
    private static final String SECRET = "{\"username\":\"logwise\",\"password\":\"s3cr3t-p4ss\"}";
    private static final Clock SIGNING_TIME = Clock.fixed(Instant.parse("2026-11-25T12:34:56Z"), ZoneOffset.UTC);
    private static final AwsSessionCredentials CREDENTIALS = AwsSessionCredentials.create("AKIDLOGWISE",
            "logwise-secret-key", "session-token-from-the-role");
    /** The SDK's per-call bookkeeping headers, which it adds and signs: ours does not send them. */
    private static final List<String> SDK_BOOKKEEPING = List.of("amz-sdk-invocation-id", "amz-sdk-request");

    private record Captured(String method, String path, Map<String, String> headers, byte[] body) {
    }

    private final List<Captured> captured = new CopyOnWriteArrayList<>();
    private final SigV4Verifier verifier = new SigV4Verifier(SigV4Verifier.PathRule.OTHER_SERVICES,
            Map.of(CREDENTIALS.accessKeyId(), CREDENTIALS.secretAccessKey()));
    private volatile int status = 200;
    private volatile String answer = Json.MAPPER.createObjectNode().put("ARN", ARN).put("Name", "AmazonMSK_logwise")
            .put("VersionId", "v1").put("SecretString", SECRET).put("CreatedDate", 1.7642E9).toString();
    private volatile Map<String, String> answerHeaders = Map.of();
    @RegisterExtension
    final LoopbackHttpServer server = new LoopbackHttpServer(this::answer);

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(),
                    String.join(",", values)));
            captured.add(new Captured(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), headers,
                    body));
            Optional<String> problem = verifier.problem(SigV4Verifier.Received.of(exchange, body), null);
            int code = problem.isPresent() ? 400 : status;
            String reply = problem.map(p -> "{\"__type\":\"InvalidSignatureException\",\"message\":\""
                    + p.replace("\n", " ").replace("\"", "'") + "\"}").orElse(answer);
            answerHeaders.forEach(exchange.getResponseHeaders()::set);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
            byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(code, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private URI endpoint() {
        return server.endpoint();
    }

    private SecretsManagerSecrets ours(Map<String, String> environment) {
        return new SecretsManagerSecrets(environment, () -> StaticCredentialsProvider.create(CREDENTIALS),
                SIGNING_TIME);
    }

    private Map<String, String> localEndpoint() {
        return Map.of("AWS_ENDPOINT_URL_SECRETS_MANAGER", endpoint().toString(), "AWS_REGION", "us-east-1");
    }

    @Test
    void sendsTheRequestTheSdkSendsAndReadsTheSecretString() throws Exception {
        String sdkValue;
        try (SecretsManagerClient sdk = SecretsManagerClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(endpoint())
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(CREDENTIALS))
                .putAuthScheme(signingAt(SIGNING_TIME))
                .build()) {
            sdkValue = sdk.getSecretValue(request -> request.secretId(ARN)).secretString();
        }
        String ourValue = ours(localEndpoint()).apply(ARN);

        assertEquals(SECRET, sdkValue);
        assertEquals(SECRET, ourValue);
        assertEquals(2, captured.size());
        Captured sdk = captured.get(0);
        Captured our = captured.get(1);
        assertEquals("POST /", sdk.method() + " " + sdk.path());
        assertEquals(sdk.method() + " " + sdk.path(), our.method() + " " + our.path());
        for (String header : List.of("x-amz-target", "content-type", "host", "x-amz-date", "x-amz-security-token",
                "content-length")) {
            assertEquals(sdk.headers().get(header), our.headers().get(header), header);
        }
        assertEquals("secretsmanager.GetSecretValue", our.headers().get("x-amz-target"));
        assertEquals(Json.MAPPER.readTree(sdk.body()), Json.MAPPER.readTree(our.body()));
        assertEquals(Map.of("SecretId", ARN), Json.MAPPER.readValue(our.body(), Map.class));

        SigV4Verifier.Authorization sdkAuth = authorization(sdk);
        SigV4Verifier.Authorization ourAuth = authorization(our);
        assertEquals("AKIDLOGWISE/20261125/eu-west-1/secretsmanager/aws4_request",
                ourAuth.accessKey() + "/" + ourAuth.scope());
        assertEquals(sdkAuth.accessKey() + "/" + sdkAuth.scope(), ourAuth.accessKey() + "/" + ourAuth.scope());
        List<String> sdkSigned = sdkAuth.signedHeaders().stream().filter(h -> !SDK_BOOKKEEPING.contains(h)).toList();
        assertEquals(sdkSigned, ourAuth.signedHeaders());
    }

    @Test
    void withoutTheSdkBookkeepingHeadersTheSignaturesAreEqual() {
        // The SDK signs two per-call headers (a random invocation id, the attempt number) that ours does not send.
        // With the same request minus those, the SDK's signer and ours sign alike to the last hex digit.
        ours(localEndpoint()).apply(ARN);
        Captured our = captured.get(0);
        try (SecretsManagerClient sdk = SecretsManagerClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(endpoint())
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(CREDENTIALS))
                .putAuthScheme(signingAt(SIGNING_TIME, SDK_BOOKKEEPING))
                .build()) {
            sdk.getSecretValue(request -> request.secretId(ARN));
        }
        Captured sdkWithoutBookkeeping = captured.get(1);
        assertEquals(authorization(sdkWithoutBookkeeping), authorization(our));
    }

    @Test
    void errorsNameTheSecretAndTheServiceCodeButNeverAValue() {
        status = 400;
        answer = "{\"__type\":\"ResourceNotFoundException\",\"message\":\"Secrets Manager can't find the specified"
                + " secret.\"}";
        ConfigurationException missing = assertThrows(ConfigurationException.class,
                () -> ours(localEndpoint()).apply(ARN));
        assertEquals("cannot read the SCRAM secret " + ARN + " from Secrets Manager: ResourceNotFoundException: "
                + "Secrets Manager can't find the specified secret. (HTTP 400)", missing.getMessage());
        // the SDK reads the same document as the same error
        try (SecretsManagerClient sdk = SecretsManagerClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()).endpointOverride(endpoint())
                .region(Region.EU_WEST_1).credentialsProvider(StaticCredentialsProvider.create(CREDENTIALS)).build()) {
            assertThrows(ResourceNotFoundException.class, () -> sdk.getSecretValue(r -> r.secretId(ARN)));
        }

        answer = "{\"__type\":\"com.amazonaws.secretsmanager#AccessDeniedException\",\"Message\":\"User is not"
                + " authorized to perform secretsmanager:GetSecretValue\"}";
        ConfigurationException denied = assertThrows(ConfigurationException.class,
                () -> ours(localEndpoint()).apply(ARN));
        assertTrue(denied.getMessage().contains("AccessDeniedException: User is not authorized to perform "
                + "secretsmanager:GetSecretValue (HTTP 400) (the function's role needs secretsmanager:GetSecretValue"),
                denied.getMessage());

        status = 200;
        answer = "{\"ARN\":\"" + ARN + "\",\"SecretBinary\":\"c2VjcmV0\"}";
        assertEquals("cannot read the SCRAM secret " + ARN + " from Secrets Manager: the secret has no SecretString"
                + " (binary secrets are not supported)",
                assertThrows(ConfigurationException.class, () -> ours(localEndpoint()).apply(ARN)).getMessage());

        answer = "not json but " + SECRET;
        ConfigurationException garbled = assertThrows(ConfigurationException.class,
                () -> ours(localEndpoint()).apply(ARN));
        assertFalse(garbled.getMessage().contains("s3cr3t"), garbled.getMessage());
    }

    @Test
    void aWrongSecretKeyIsRefusedByTheSignatureCheck() {
        SecretsManagerSecrets wrongKey = new SecretsManagerSecrets(localEndpoint(), () -> StaticCredentialsProvider
                .create(AwsSessionCredentials.create("AKIDLOGWISE", "not-the-key", "token")), SIGNING_TIME);
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> wrongKey.apply(ARN));
        assertTrue(e.getMessage().startsWith("cannot read the SCRAM secret " + ARN + " from Secrets Manager: "
                + "InvalidSignatureException: SignatureDoesNotMatch"), e.getMessage());
    }

    @Test
    void theRegionComesFromTheArnElseFromTheEnvironment() {
        assertEquals(Optional.of("eu-west-1"), SecretsManagerSecrets.regionOf(ARN));
        assertEquals(Optional.of("cn-north-1"),
                SecretsManagerSecrets.regionOf("arn:aws-cn:secretsmanager:cn-north-1:1:secret:x"));
        assertEquals(Optional.empty(), SecretsManagerSecrets.regionOf("AmazonMSK_logwise"));

        ours(localEndpoint()).apply("AmazonMSK_logwise");
        assertEquals("us-east-1", authorization(captured.get(0)).region());

        ConfigurationException noRegion = assertThrows(ConfigurationException.class,
                () -> ours(Map.of()).apply("AmazonMSK_logwise"));
        assertTrue(noRegion.getMessage().contains("AWS_REGION is not set"), noRegion.getMessage());
    }

    private static SigV4Verifier.Authorization authorization(Captured request) {
        return SigV4Verifier.Authorization.parse(request.headers().get("authorization")).orElseThrow();
    }

    private static AwsV4AuthScheme signingAt(Clock clock) {
        return signingAt(clock, List.of());
    }

    /** The SDK's SigV4 scheme with the signing time fixed, and optionally some headers left out of the request. */
    private static AwsV4AuthScheme signingAt(Clock clock, List<String> droppedHeaders) {
        AwsV4AuthScheme standard = AwsV4AuthScheme.create();
        AwsV4HttpSigner signer = AwsV4HttpSigner.create();
        AwsV4HttpSigner fixed = new AwsV4HttpSigner() {
            @Override
            public SignedRequest sign(SignRequest<? extends AwsCredentialsIdentity> request) {
                return signer.sign(request.copy(b -> b.putProperty(SIGNING_CLOCK, clock)
                        .request(request.request().copy(r -> droppedHeaders.forEach(r::removeHeader)))));
            }

            @Override
            public CompletableFuture<AsyncSignedRequest> signAsync(
                    AsyncSignRequest<? extends AwsCredentialsIdentity> request) {
                return signer.signAsync(request.copy(b -> b.putProperty(SIGNING_CLOCK, clock)));
            }
        };
        return new AwsV4AuthScheme() {
            @Override
            public String schemeId() {
                return standard.schemeId();
            }

            @Override
            public IdentityProvider<AwsCredentialsIdentity> identityProvider(IdentityProviders providers) {
                return standard.identityProvider(providers);
            }

            @Override
            public AwsV4HttpSigner signer() {
                return fixed;
            }
        };
    }
}
