package io.logwise.kafka.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;

/**
 * The AWS default credentials chain, without building it when its first two sources have keys: system properties
 * ({@code aws.accessKeyId}), then environment variables ({@code AWS_ACCESS_KEY_ID}, which Lambda sets), in the chain's
 * own order. Only without either is the whole {@link DefaultCredentialsProvider} built (container credentials, as
 * under SnapStart, profiles, instance metadata): it loads about 130 classes (a JSON parser, profile files, HTTP
 * credential loaders), which a 256 MB function's Metaspace (about 25 MB) has no room for beside the Kafka client.
 */
public final class LeanCredentials implements AwsCredentialsProvider {

    private final AwsCredentialsProvider systemProperties = SystemPropertyCredentialsProvider.create();
    private final AwsCredentialsProvider environment = EnvironmentVariableCredentialsProvider.create();
    private AwsCredentialsProvider chain;

    @Override
    public AwsCredentials resolveCredentials() {
        if (hasKeys(System.getProperty("aws.accessKeyId"), System.getProperty("aws.secretAccessKey"))) {
            return systemProperties.resolveCredentials();
        }
        if (hasKeys(System.getenv("AWS_ACCESS_KEY_ID"), System.getenv("AWS_SECRET_ACCESS_KEY"))) {
            return environment.resolveCredentials();
        }
        return chain().resolveCredentials();
    }

    /** Which source answers now: for tests and messages. */
    String source() {
        if (hasKeys(System.getProperty("aws.accessKeyId"), System.getProperty("aws.secretAccessKey"))) {
            return "system properties";
        }
        return hasKeys(System.getenv("AWS_ACCESS_KEY_ID"), System.getenv("AWS_SECRET_ACCESS_KEY"))
                ? "environment variables" : "default chain";
    }

    private synchronized AwsCredentialsProvider chain() {
        if (chain == null) {
            chain = DefaultCredentialsProvider.builder().build();
        }
        return chain;
    }

    private static boolean hasKeys(String accessKey, String secretKey) {
        return accessKey != null && !accessKey.isBlank() && secretKey != null && !secretKey.isBlank();
    }
}
