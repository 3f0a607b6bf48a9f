package io.logwise.kafka.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import io.logwise.kafka.json.Json;
import io.logwise.kafka.testkit.KafkaDistribution;
import io.logwise.kafka.testkit.LoopbackHttpServer;
import io.logwise.kafka.testkit.SigV4Verifier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The deployment jar still works after everything that trims it (a guard for functions/pom.xml's exclusions): child
 * JVMs with the shaded jar alone on their class path run the probes in src/test/resources/shaded-jar (java's
 * source-file mode).
 * <ul>
 *   <li>IamProbe builds the IAM Admin config through KafkaClients, creates an Admin, loads the MSK IAM and SDK
 *       credential classes, checks that STS's client, the SDK service clients and HTTP client and Kafka's JSON
 *       converters are absent, and signs an AWS_MSK_IAM payload: with credentials from environment
 *       variables, and from a container credentials endpoint as Lambda SnapStart provides them.</li>
 *   <li>SignedCallsProbe reads a SCRAM secret from Secrets Manager and a Spark checkpoint from S3, against a local
 *       server that verifies each request's SigV4 signature.</li>
 *   <li>jdeps lists every class of the jar that refers to a class the jar lacks: only the known, unreachable ones.</li>
 * </ul>
 * No AWS and no broker needed.
 */
class ShadedJarIamIT {

    private static final Path JAR = Path.of("target", "logwise-kafka-functions-0.1.0-SNAPSHOT.jar");
    private static final String ACCESS_KEY = "AKIALOGWISEFAKE00001";
    private static final String SECRET_KEY = "logwise-fake-secret-for-signing-only";
    private static final String BROKER_HOST = "b-1.logwise.kafka.eu-west-1.amazonaws.com";
    private static final String SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:AmazonMSK_probe";

    /**
     * The classes of the jar allowed to refer to a class the jar lacks, and why that code is never reached. Kafka's
     * shaded protobuf (client metrics push, turned off) and the SDK's optional CRT are left out by design elsewhere.
     */
    private static final Map<String, String> UNREACHABLE_REFERRERS = Map.of(
            "software.amazon.msk.auth.iam.internals.MSKCredentialProvider",
            "STS only with the JAAS options awsRoleArn / awsDebugCreds, which KafkaClientFactory never sets",
            "software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider",
            "kept only to be loadable (MSKCredentialProvider links a lambda typed with it); used only with awsRoleArn",
            "software.amazon.awssdk.services.sts.auth.StsCredentialsProvider",
            "the superclass of the above, kept for the same reason");

    private final List<String> verified = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();
    /** The fake AWS, started before each test and stopped after it. */
    @RegisterExtension
    final LoopbackHttpServer server = new LoopbackHttpServer(this::answer);

    @Test
    void theShadedJarSignsAnMskIamPayloadWithCredentialsFromTheEnvironment() throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", SECRET_KEY));
        List<String> lines = run("IamProbe.java", env, "127.0.0.1:1", BROKER_HOST);

        assertTrue(lines.contains("sasl client: software.amazon.msk.auth.iam.internals.IAMSaslClient"),
                String.join("\n", lines));
        assertTrue(lines.contains("absent: software.amazon.awssdk.services.sts.StsClient"), String.join("\n", lines));
        assertTrue(lines.contains("absent: org.apache.kafka.common.message.MetadataRequestDataJsonConverter"),
                String.join("\n", lines));
        assertSignedPayload(lines, ACCESS_KEY);
    }

    @Test
    void theShadedJarSignsWithCredentialsFromTheContainerEndpointAsUnderSnapStart() throws Exception {
        // Lambda SnapStart functions get their role's credentials from a container endpoint, not variables.
        Map<String, String> env = Map.of(
                "AWS_CONTAINER_CREDENTIALS_FULL_URI", endpoint() + "/credentials",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN", "snapstart-token");
        List<String> lines = run("IamProbe.java", env, "127.0.0.1:1", BROKER_HOST);

        JsonNode payload = assertSignedPayload(lines, "ASIACONTAINERCREDS01");
        assertEquals("container-session-token", payload.get("x-amz-security-token").asText());
        assertTrue(verified.contains("GET /credentials"), "the container endpoint was asked: " + verified);
    }

    @Test
    void theShadedJarReadsSecretsManagerAndS3WithValidSignatures() throws Exception {
        Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY,
                "AWS_ENDPOINT_URL_SECRETS_MANAGER", endpoint());
        List<String> lines = run("SignedCallsProbe.java", env, endpoint(), SECRET_ARN);

        assertTrue(lines.contains("scram user from Secrets Manager: logwise-probe"), String.join("\n", lines));
        String checkpoint = lines.stream().filter(l -> l.startsWith("checkpoint from S3: ")).findFirst().orElseThrow();
        assertTrue(checkpoint.startsWith("checkpoint from S3: CheckpointPositions[sourceName=spark-probe"), checkpoint);
        assertTrue(checkpoint.contains("committedBatchId=4") && checkpoint.contains("offsets={logs.a={0=17}}"),
                checkpoint);
        assertEquals(List.of(), refused);
        assertEquals(List.of("POST /", "GET /ckpt", "GET /ckpt", "GET /ckpt/jobs/probe/offsets/4"), verified);
    }

    @Test
    void onlyUnreachableCodeRefersToWhatTheJarLeftOut() {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String jar = JAR.toAbsolutePath().toString();
        int exit = jdeps.run(new PrintStream(out, true, StandardCharsets.UTF_8), System.err,
                "-verbose:class", "-cp", jar, jar);
        assertEquals(0, exit);
        Set<String> referrers = new TreeSet<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            String[] parts = line.trim().split("\\s+");
            if (line.endsWith("not found") && parts.length >= 3 && leftOutOnPurpose(parts[2])) {
                referrers.add(parts[0].replaceAll("\\$.*", "") + " -> " + parts[2]);
            }
        }
        Set<String> unexplained = referrers.stream()
                .filter(ref -> !UNREACHABLE_REFERRERS.containsKey(ref.substring(0, ref.indexOf(' '))))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), unexplained, "classes of the jar that need a class the jar lacks");
        assertTrue(referrers.stream().anyMatch(r -> r.contains("services.sts.StsClient")),
                "jdeps sees the references to STS: " + referrers);
    }

    /** A missing class that the jar's own filters left out (not one of the libraries' optional dependencies). */
    private static boolean leftOutOnPurpose(String missing) {
        return (missing.startsWith("software.amazon.awssdk.") && !missing.startsWith("software.amazon.awssdk.crt"))
                || (missing.startsWith("org.apache.kafka.") && !missing.startsWith("org.apache.kafka.shaded."))
                || missing.startsWith("io.logwise.");
    }

    private JsonNode assertSignedPayload(List<String> lines, String accessKey) throws IOException {
        JsonNode payload = Json.MAPPER.readTree(lines.get(lines.size() - 1));
        assertEquals("kafka-cluster:Connect", payload.get("action").asText());
        assertEquals(BROKER_HOST, payload.get("host").asText());
        assertEquals("AWS4-HMAC-SHA256", payload.get("x-amz-algorithm").asText());
        String credential = payload.get("x-amz-credential").asText();
        assertTrue(credential.startsWith(accessKey + "/"), credential);
        assertTrue(credential.endsWith("/eu-west-1/kafka-cluster/aws4_request"), credential);
        assertTrue(payload.get("x-amz-signature").asText().matches("[0-9a-f]{64}"), payload.toString());
        return payload;
    }

    private List<String> run(String probe, Map<String, String> awsEnvironment, String... args) throws Exception {
        assertTrue(Files.isRegularFile(JAR), "run after the package phase: " + JAR.toAbsolutePath());
        Path out = Files.createTempFile("shaded-jar-probe", ".out");
        try {
            List<String> command = new ArrayList<>(List.of(KafkaDistribution.javaExecutable(), "-cp",
                    JAR.toAbsolutePath().toString(), probeSource(probe).toString()));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(name -> name.startsWith("AWS_"));
            env.put("AWS_REGION", "eu-west-1");
            env.put("AWS_EC2_METADATA_DISABLED", "true");
            env.put("AWS_CONFIG_FILE", "/nonexistent/logwise/config");
            env.put("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/logwise/credentials");
            env.putAll(awsEnvironment);
            Process process = builder.start();
            boolean ended = process.waitFor(2, TimeUnit.MINUTES);
            List<String> lines = Files.readAllLines(out);
            if (!ended) {
                process.destroyForcibly();
            }
            assertTrue(ended && process.exitValue() == 0, probe + " failed:\n" + String.join("\n", lines));
            return lines;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static Path probeSource(String name) throws URISyntaxException {
        return Path.of(ShadedJarIamIT.class.getResource("/shaded-jar/" + name).toURI());
    }

    private String endpoint() {
        return server.endpoint().toString();
    }

    /** Secrets Manager, S3 and a container credentials endpoint, each request's signature checked. */
    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String call = exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (call.equals("GET /credentials")) {
                boolean authorized = "snapstart-token".equals(exchange.getRequestHeaders().getFirst("Authorization"));
                (authorized ? verified : refused).add(call);
                reply(exchange, authorized ? 200 : 401, "{\"AccessKeyId\":\"ASIACONTAINERCREDS01\","
                        + "\"SecretAccessKey\":\"container-secret\",\"Token\":\"container-session-token\","
                        + "\"Expiration\":\"" + Instant.now().plus(6, ChronoUnit.HOURS) + "\"}");
                return;
            }
            SigV4Verifier.Received received = SigV4Verifier.Received.of(exchange, body);
            String service = received.header("Authorization").flatMap(SigV4Verifier.Authorization::parse)
                    .map(SigV4Verifier.Authorization::service).orElse("");
            SigV4Verifier verifier = new SigV4Verifier(service.equals("s3") ? SigV4Verifier.PathRule.S3
                    : SigV4Verifier.PathRule.OTHER_SERVICES, Map.of(ACCESS_KEY, SECRET_KEY));
            Optional<String> problem = verifier.problem(received, Instant.now());
            if (problem.isPresent()) {
                refused.add(call + ": " + problem.get());
                reply(exchange, 403, "<Error><Code>SignatureDoesNotMatch</Code><Message/></Error>");
                return;
            }
            verified.add(call);
            String query = Optional.ofNullable(exchange.getRequestURI().getQuery()).orElse("");
            if (service.equals("secretsmanager")) {
                reply(exchange, 200, Json.MAPPER.createObjectNode().put("ARN", SECRET_ARN).put("SecretString",
                        "{\"username\":\"logwise-probe\",\"password\":\"probe-pass\"}").toString());
            } else if (query.contains("prefix=jobs/probe/offsets/") || query.contains("prefix=jobs/probe/commits/")) {
                String folder = query.contains("offsets") ? "offsets" : "commits";
                reply(exchange, 200, "<ListBucketResult><IsTruncated>false</IsTruncated><Contents><Key>jobs/probe/"
                        + folder + "/4</Key><Size>60</Size><LastModified>2026-11-25T10:00:00.000Z</LastModified>"
                        + "</Contents></ListBucketResult>");
            } else if (call.equals("GET /ckpt/jobs/probe/offsets/4")) {
                reply(exchange, 200, "v1\n{\"batchWatermarkMs\":0,\"batchTimestampMs\":1700000000000}\n"
                        + "{\"logs.a\":{\"0\":17}}");
            } else {
                reply(exchange, 404, "<Error><Code>NoSuchKey</Code><Message>" + call + "</Message></Error>");
            }
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
