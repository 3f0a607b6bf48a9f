package io.logwise.kafka.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.config.KafkaConnectionSettings;
import io.logwise.kafka.error.ConfigurationException;
import io.logwise.kafka.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/** A SCRAM user name and password. {@link #toString()} never shows the password. */
public record ScramCredentials(String username, String password) {

    public ScramCredentials {
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            throw new ConfigurationException("SCRAM credentials need a non-empty username and password");
        }
    }

    /**
     * Resolves the credentials from the one configured source. {@code secretReader} fetches a secret's string by
     * ARN (AWS Secrets Manager in Lambda); it is only called when {@code KAFKA_SCRAM_SECRET_ARN} is set.
     */
    public static ScramCredentials resolve(KafkaConnectionSettings settings, Function<String, String> secretReader) {
        if (settings.scramSecretArn().isPresent()) {
            String arn = settings.scramSecretArn().get();
            return fromJson(secretReader.apply(arn), "secret " + arn);
        }
        if (settings.scramCredentialsFile().isPresent()) {
            Path file = Path.of(settings.scramCredentialsFile().get());
            try {
                return fromJson(Files.readString(file), "file " + file);
            } catch (IOException e) {
                throw new ConfigurationException(KafkaConnectionSettings.SCRAM_CREDENTIALS_FILE + ": cannot read "
                        + file + " (" + e.getClass().getSimpleName() + ")");
            }
        }
        return new ScramCredentials(settings.scramUsername().orElse(""), settings.scramPassword().orElse(""));
    }

    /** MSK's SCRAM secret format: {@code {"username": "...", "password": "..."}}. */
    static ScramCredentials fromJson(String json, String source) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(json);
        } catch (IOException e) {
            // The content may be the password itself: never echo it.
            throw new ConfigurationException("SCRAM credentials in " + source + " are not JSON"
                    + " of the form {\"username\": ..., \"password\": ...}");
        }
        if (node == null || !node.path("username").isTextual() || !node.path("password").isTextual()) {
            throw new ConfigurationException("SCRAM credentials in " + source
                    + " need the string fields \"username\" and \"password\"");
        }
        return new ScramCredentials(node.get("username").asText(), node.get("password").asText());
    }

    /** The JAAS line Kafka expects, with quotes and backslashes escaped. */
    String jaasConfig() {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + escape(username)
                + "\" password=\"" + escape(password) + "\";";
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @Override
    public String toString() {
        return "ScramCredentials[username=" + username + ", password=***]";
    }
}
