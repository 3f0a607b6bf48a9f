package io.logwise.kafka.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.json.Json;
import io.logwise.kafka.local.InvokeScript;
import io.logwise.kafka.state.StateStoreSettings;
import io.logwise.kafka.testkit.LeastPrivilegeAcls;
import io.logwise.kafka.testkit.SecureKafka;
import io.logwise.kafka.testkit.TopicReads;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every function, run as a child process through scripts/invoke (the real Lambda runtime client and the shaded jar)
 * with SCRAM credentials in variables or in a credentials file and fake AWS credentials in its environment, at DEBUG
 * (Kafka's clients too; TRACE for a failed login): none of the secrets, nor an obvious encoding of them, appears in
 * anything it prints, in its response or in its error document.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecretLeakIT {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String password = secret("Pw", 24);
    private final String wrongPassword = secret("Wrong", 24);
    private final String accessKeyId = "AKIA" + secret("", 16).toUpperCase();
    private final String secretAccessKey = secret("Sak", 40);
    private final String sessionToken = secret("Tok", 120);

    private SecureKafka kafka;
    private Path work;
    private final List<Capture> captures = new ArrayList<>();

    /** What one invocation printed and answered. */
    record Capture(String name, int exitCode, String stdout, String stderr) {
        String all() {
            return stdout + "\n" + stderr;
        }

        long lines() {
            return all().lines().count();
        }
    }

    @BeforeAll
    void startSecureBroker(@TempDir Path dir) {
        work = dir;
        kafka = SecureKafka.start(dir);
        kafka.addScramUser(LeastPrivilegeAcls.USER, password);
        kafka.createAcls(LeastPrivilegeAcls.minimal(StateStoreSettings.DEFAULT_TOPIC));
    }

    @AfterAll
    void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void noSecretReachesTheOutputOfASuccessfulOrAFailedRun() throws Exception {
        Map<String, String> variables = withVariables(password);
        Map<String, String> file = withFile(password, "good-credentials.json");

        Capture provisioned = invoke("topic-provisioner", variables, "DEBUG",
                Map.of("services", List.of("leak-a", "leak-b")));
        assertEquals(2, response(provisioned).path("counts").path("created").asInt(), provisioned.stdout());
        // Each function is a new JVM that may ask the broker before it has applied the creation: wait for it.
        TopicReads reads = new TopicReads(kafka.superAdmin());
        reads.partitions("logs.leak-a");
        reads.partitions("logs.leak-b");
        Capture scanned = invoke("lag-scanner", variables, "DEBUG",
                Map.of("detail-type", "Scheduled Event", "source", "aws.events", "detail", Map.of()));
        assertTrue(response(scanned).path("scanId").asText().length() > 0, scanned.stdout());
        assertTrue(scanned.stderr().contains("lag scan "), "the scanner's summary line is in the capture");
        Capture scaled = invoke("partition-scaler", variables, "DEBUG",
                Map.of("topic", "logs.leak-a", "partitions", 5, "reason", "secret leak test"));
        assertEquals("applied", response(scaled).path("decisions").get(0).path("outcome").asText(), scaled.stdout());
        Capture retained = invoke("retention-updater", variables, "DEBUG",
                Map.of("topics", List.of("logs.leak-a"), "retention", "9d", "reason", "secret leak test"));
        assertEquals("applied", response(retained).path("lines").get(0).path("outcome").asText(), retained.stdout());
        Capture sweptFromFile = invoke("topic-provisioner", file, "DEBUG",
                Map.of("detail-type", "Scheduled Event", "source", "aws.events", "detail", Map.of()));
        assertTrue(response(sweptFromFile).path("topics").size() >= 2, sweptFromFile.stdout());
        Capture scannedFromFile = invoke("lag-scanner", file, "DEBUG", Map.of("topics", List.of("logs.leak-a")));
        assertTrue(response(scannedFromFile).path("scanId").asText().length() > 0, scannedFromFile.stdout());

        for (Map<String, String> wrong : List.of(withVariables(wrongPassword),
                withFile(wrongPassword, "wrong-credentials.json"))) {
            Capture refused = invoke("retention-updater", wrong, "TRACE",
                    Map.of("topics", List.of("logs.leak-a"), "retention", "10d", "reason", "wrong password"));
            assertEquals(1, refused.exitCode(), refused.all());
            JsonNode error = response(refused);
            assertTrue(error.path("errorType").asText().endsWith("KafkaAuthenticationException"), refused.stdout());
            assertTrue(error.path("errorMessage").asText().contains("authentication failed"), refused.stdout());
            System.err.println("[secret-leak] wrong password: " + error.path("errorType").asText() + ": "
                    + error.path("errorMessage").asText());
        }

        for (Capture capture : captures) {
            assertTrue(capture.stderr().lines().count() > 20, capture.name() + " printed almost nothing");
            assertTrue(capture.stderr().contains("\"level\":\"DEBUG\""), capture.name() + ": no DEBUG line captured");
            assertTrue(capture.stderr().contains("org.apache.kafka"), capture.name() + ": no Kafka client line");
            assertTrue(capture.stderr().contains("REPORT RequestId"), capture.name() + ": no REPORT line");
        }
        // Controls: the scan covers the places a secret would surface (Kafka's config dumps, the error documents).
        String everything = String.join("\n", captures.stream().map(Capture::all).toList());
        assertTrue(everything.contains("sasl.jaas.config = [hidden]"), "Kafka's client config dump was captured");
        assertTrue(everything.contains("ssl.truststore.password = [hidden]"), "the truststore password is masked");
        assertTrue(everything.contains("truststore.p12"), "config values are printed: the truststore file is seen");
        assertTrue(everything.contains("\"errorMessage\""), "the error documents were captured");
        Map<String, String> forbidden = forbiddenStrings();
        List<String> found = new ArrayList<>();
        long lines = 0;
        long bytes = 0;
        for (Capture capture : captures) {
            lines += capture.lines();
            bytes += capture.all().length();
            forbidden.forEach((what, text) -> {
                if (capture.all().contains(text)) {
                    found.add(what + " in " + capture.name() + ": " + context(capture.all(), text));
                }
            });
        }
        System.err.println("[secret-leak] " + captures.size() + " invocations, " + lines + " lines (" + bytes
                + " characters) scanned for " + forbidden.size() + " forbidden strings: " + found.size() + " found");
        assertEquals(List.of(), found);
    }

    private Capture invoke(String function, Map<String, String> environment, String kafkaLogLevel,
                           Map<String, Object> event) throws Exception {
        String name = function + " #" + (captures.size() + 1);
        Map<String, String> variables = new LinkedHashMap<>(environment);
        variables.put("LOG_LEVEL", "DEBUG");
        variables.put("KAFKA_CLIENT_LOG_LEVEL", kafkaLogLevel);
        variables.put("AWS_ACCESS_KEY_ID", accessKeyId);
        variables.put("AWS_SECRET_ACCESS_KEY", secretAccessKey);
        variables.put("AWS_SESSION_TOKEN", sessionToken);
        variables.put("EMF_OUTPUT", "stderr");
        variables.put("SCALER_MODE", "on");
        InvokeScript.Printed printed = InvokeScript.run(work, captures.size() + 1, name, List.of("--timeout", "60"),
                function, event, key -> key.startsWith("KAFKA_") || key.startsWith("AWS_") || key.startsWith("LOG"),
                variables);
        Capture capture = new Capture(name, printed.exitCode(), printed.stdout(), printed.stderr());
        captures.add(capture);
        return capture;
    }

    private static JsonNode response(Capture capture) throws IOException {
        assertTrue(!capture.stdout().isBlank(), capture.name() + ": no response: " + capture.stderr());
        return Json.MAPPER.readTree(capture.stdout());
    }

    private Map<String, String> withVariables(String scramPassword) {
        Map<String, String> env = new LinkedHashMap<>(kafka.scramConnection());
        env.put("KAFKA_SCRAM_USERNAME", LeastPrivilegeAcls.USER);
        env.put("KAFKA_SCRAM_PASSWORD", scramPassword);
        return env;
    }

    private Map<String, String> withFile(String scramPassword, String fileName) throws IOException {
        Path credentials = work.resolve(fileName);
        Files.writeString(credentials, Json.MAPPER.writeValueAsString(Map.of("username", LeastPrivilegeAcls.USER,
                "password", scramPassword)));
        Map<String, String> env = new LinkedHashMap<>(kafka.scramConnection());
        env.put("KAFKA_SCRAM_CREDENTIALS_FILE", credentials.toString());
        return env;
    }

    /** Each secret, raw and in the encodings a careless log line would show it, keyed by a description. */
    private Map<String, String> forbiddenStrings() {
        Map<String, String> forbidden = new LinkedHashMap<>();
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("SCRAM password", password);
        secrets.put("wrong SCRAM password", wrongPassword);
        secrets.put("AWS secret access key", secretAccessKey);
        secrets.put("AWS session token", sessionToken);
        secrets.put("truststore password", kafka.truststorePassword());
        secrets.forEach((what, secret) -> {
            byte[] raw = secret.getBytes(StandardCharsets.UTF_8);
            forbidden.put(what, secret);
            forbidden.put(what + " (base64)", Base64.getEncoder().withoutPadding().encodeToString(raw));
            forbidden.put(what + " (base64url)", Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
            forbidden.put(what + " (hex)", HexFormat.of().formatHex(raw));
            forbidden.put(what + " (url-encoded)", URLEncoder.encode(secret, StandardCharsets.UTF_8));
            forbidden.put(what + " (reversed)", new StringBuilder(secret).reverse().toString());
        });
        Map.of("SCRAM JAAS line", password, "wrong SCRAM JAAS line", wrongPassword).forEach((what, secret) -> {
            String jaas = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                    + LeastPrivilegeAcls.USER + "\" password=\"" + secret + "\";";
            forbidden.put(what, jaas);
            forbidden.put(what + " (base64)", Base64.getEncoder().encodeToString(jaas.getBytes(StandardCharsets.UTF_8)));
        });
        forbidden.put("a JAAS password field", "password=\"");
        forbidden.put("a credentials-file password field", "\"password\":");
        return forbidden;
    }

    /** What precedes the leak, never the secret itself. */
    private static String context(String text, String found) {
        int at = text.indexOf(found);
        return "..." + text.substring(Math.max(0, at - 100), at).replace('\n', ' ') + "<here>";
    }

    private static String secret(String prefix, int length) {
        String alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        StringBuilder secret = new StringBuilder(prefix);
        while (secret.length() < prefix.length() + length) {
            secret.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return secret.toString();
    }
}
