package io.logwise.kafka.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.json.Json;
import io.logwise.kafka.testkit.KafkaDistribution;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * MSK IAM authentication still works from the deployment jar (a guard for anything that trims it): a child JVM with
 * the shaded jar alone on its class path runs shaded-jar/IamProbe.java (java's source-file mode), which builds the IAM
 * Admin config through KafkaClients, creates an Admin from it, loads the MSK IAM and AWS SDK credential classes, and
 * signs an AWS_MSK_IAM payload with fake static credentials. No AWS and no broker needed: signing is local.
 */
class ShadedJarIamIT {

    private static final Path JAR = Path.of("target", "logwise-kafka-functions-0.1.0-SNAPSHOT.jar");
    private static final String ACCESS_KEY = "AKIALOGWISEFAKE00001";
    private static final String BROKER_HOST = "b-1.logwise.kafka.eu-west-1.amazonaws.com";

    @Test
    void theShadedJarSignsAnMskIamAuthenticationPayload() throws Exception {
        assertTrue(Files.isRegularFile(JAR), "run after the package phase: " + JAR.toAbsolutePath());
        Path out = Files.createTempFile("iam-probe", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(KafkaDistribution.javaExecutable(), "-cp",
                    JAR.toAbsolutePath().toString(), probeSource().toString(), "127.0.0.1:1", BROKER_HOST)
                    .redirectErrorStream(true).redirectOutput(out.toFile());
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(name -> name.startsWith("AWS_"));
            env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
            env.put("AWS_SECRET_ACCESS_KEY", "logwise-fake-secret-for-signing-only");
            env.put("AWS_REGION", "eu-west-1");
            env.put("AWS_EC2_METADATA_DISABLED", "true");
            env.put("AWS_CONFIG_FILE", "/nonexistent/logwise/config");
            env.put("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/logwise/credentials");
            Process process = builder.start();
            boolean ended = process.waitFor(2, TimeUnit.MINUTES);
            List<String> lines = Files.readAllLines(out);
            if (!ended) {
                process.destroyForcibly();
            }
            assertTrue(ended && process.exitValue() == 0, "the probe failed:\n" + String.join("\n", lines));
            assertTrue(lines.contains("sasl client: software.amazon.msk.auth.iam.internals.IAMSaslClient"),
                    String.join("\n", lines));
            JsonNode payload = Json.MAPPER.readTree(lines.get(lines.size() - 1));
            assertEquals("kafka-cluster:Connect", payload.get("action").asText());
            assertEquals(BROKER_HOST, payload.get("host").asText());
            assertEquals("AWS4-HMAC-SHA256", payload.get("x-amz-algorithm").asText());
            String credential = payload.get("x-amz-credential").asText();
            assertTrue(credential.startsWith(ACCESS_KEY + "/"), credential);
            assertTrue(credential.endsWith("/eu-west-1/kafka-cluster/aws4_request"), credential);
            assertTrue(payload.get("x-amz-signature").asText().matches("[0-9a-f]{64}"), payload.toString());
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static Path probeSource() throws URISyntaxException {
        return Path.of(ShadedJarIamIT.class.getResource("/shaded-jar/IamProbe.java").toURI());
    }
}
