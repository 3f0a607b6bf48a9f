package io.logwise.kafka.client;

import io.logwise.kafka.error.ConfigurationException;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Reads a secret string from AWS Secrets Manager (MSK's SCRAM secrets), with the lean URL-connection HTTP client. */
final class SecretsManagerSecrets implements Function<String, String> {

    @Override
    public String apply(String secretArn) {
        try (SecretsManagerClient client = SecretsManagerClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build()) {
            return client.getSecretValue(request -> request.secretId(secretArn)).secretString();
        } catch (SdkException e) {
            throw new ConfigurationException("cannot read the SCRAM secret " + secretArn + " from Secrets Manager: "
                    + e.getMessage(), e);
        }
    }
}
