package io.logwise.kafka.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.aws.AwsEndpoints;
import io.logwise.kafka.aws.LeanCredentials;
import io.logwise.kafka.aws.SignedHttp;
import io.logwise.kafka.config.Env;
import io.logwise.kafka.error.ConfigurationException;
import io.logwise.kafka.json.Json;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Reads a secret string from AWS Secrets Manager (MSK's SCRAM secrets) with one signed GetSecretValue call (the
 * service's JSON 1.1 protocol), not the SDK's Secrets Manager client. Errors name the secret and the service's error
 * code, never the secret's value.
 */
final class SecretsManagerSecrets implements Function<String, String> {

    static final String ENDPOINT_URL = "AWS_ENDPOINT_URL_SECRETS_MANAGER";
    static final String GLOBAL_ENDPOINT_URL = "AWS_ENDPOINT_URL";
    static final String REGION = "AWS_REGION";
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final int MAX_SECRET_RESPONSE_BYTES = 256 * 1024; // secrets are at most 64 KB

    private final Map<String, String> environment;
    private final Supplier<AwsCredentialsProvider> credentials;
    private final Clock clock;

    /** Lambda's environment and the default credentials chain (the function's role). */
    SecretsManagerSecrets() {
        this(System.getenv(), LeanCredentials::new, Clock.systemUTC());
    }

    /** @param clock the signing time (tests fix it) */
    SecretsManagerSecrets(Map<String, String> environment, Supplier<AwsCredentialsProvider> credentials,
            Clock clock) {
        this.environment = Map.copyOf(environment);
        this.credentials = credentials;
        this.clock = clock;
    }

    @Override
    public String apply(String secretId) {
        Env env = Env.of(environment);
        String region = regionOf(secretId).or(() -> env.optional(REGION)).orElseThrow(() ->
                new ConfigurationException("cannot read the SCRAM secret " + secretId + ": it is not an ARN with a "
                        + "region and " + REGION + " is not set"));
        URI endpoint = env.optional(ENDPOINT_URL).or(() -> env.optional(GLOBAL_ENDPOINT_URL)).map(URI::create)
                .orElseGet(() -> AwsEndpoints.regional("secretsmanager", region));
        SignedHttp.Request request = new SignedHttp.Request("POST", endpoint, "/", Map.of(),
                Map.of("Content-Type", "application/x-amz-json-1.1",
                        "X-Amz-Target", "secretsmanager.GetSecretValue"),
                Json.MAPPER.createObjectNode().put("SecretId", secretId).toString().getBytes(StandardCharsets.UTF_8));
        SignedHttp.Response response;
        AwsCredentialsProvider provider = credentials.get();
        try {
            response = new SignedHttp(provider, "secretsmanager", SignedHttp.PathSigning.STANDARD, clock)
                    .send(request, region, System.nanoTime() + TIMEOUT.toNanos(), MAX_SECRET_RESPONSE_BYTES);
        } catch (SocketTimeoutException e) {
            throw failure(secretId, "no answer within " + TIMEOUT.toSeconds() + " s from " + endpoint, e);
        } catch (IOException e) {
            throw failure(secretId, e.getMessage(), e);
        } finally {
            if (provider instanceof AutoCloseable closeable) {
                closeQuietly(closeable);
            }
        }
        return secretString(secretId, response);
    }

    private static String secretString(String secretId, SignedHttp.Response response) {
        if (!response.successful()) {
            throw failure(secretId, errorOf(response), null);
        }
        JsonNode value;
        try {
            value = Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw failure(secretId, "the answer is not JSON", null); // the body holds the secret: never echo it
        }
        JsonNode secret = value == null ? null : value.get("SecretString");
        if (secret == null || !secret.isTextual()) {
            throw failure(secretId, "the secret has no SecretString (binary secrets are not supported)", null);
        }
        return secret.asText();
    }

    /** The service's error code and message, e.g. {@code ResourceNotFoundException: ... (HTTP 400)}. */
    private static String errorOf(SignedHttp.Response response) {
        String type = response.header("x-amzn-ErrorType").orElse("");
        String message = "";
        try {
            JsonNode error = Json.MAPPER.readTree(response.body());
            if (error != null && error.isObject()) {
                type = type.isEmpty() ? error.path("__type").asText("") : type;
                message = error.hasNonNull("message") ? error.get("message").asText()
                        : error.path("Message").asText("");
            }
        } catch (IOException e) {
            // not a JSON error document: the status says enough
        }
        String code = shortType(type);
        String hint = code.equals("AccessDeniedException") ? " (the function's role needs "
                + "secretsmanager:GetSecretValue on the secret, and kms:Decrypt on its key if it is a customer key)"
                : "";
        return (code.isEmpty() ? "" : code + ": ") + message + " (HTTP " + response.status() + ")" + hint;
    }

    /** {@code aws.protocoltests#ResourceNotFoundException:http://...} is {@code ResourceNotFoundException}. */
    private static String shortType(String type) {
        String name = type.substring(type.indexOf('#') + 1);
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }

    /** The region of an ARN {@code arn:partition:secretsmanager:region:account:secret:name}. */
    static Optional<String> regionOf(String secretId) {
        String[] parts = secretId.split(":", 6);
        return parts.length == 6 && parts[0].equals("arn") && !parts[3].isEmpty()
                ? Optional.of(parts[3]) : Optional.empty();
    }

    private static ConfigurationException failure(String secretId, String reason, Throwable cause) {
        String message = "cannot read the SCRAM secret " + secretId + " from Secrets Manager: " + reason;
        return cause == null ? new ConfigurationException(message) : new ConfigurationException(message, cause);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // nothing to release that matters
        }
    }
}
