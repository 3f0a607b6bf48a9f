package io.logwise.kafka.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

class LeanCredentialsTest {

    @AfterEach
    void clear() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void systemPropertiesComeFirstAsInTheDefaultChain() {
        System.setProperty("aws.accessKeyId", "AKIDPROPERTY");
        System.setProperty("aws.secretAccessKey", "secret-property");
        LeanCredentials credentials = new LeanCredentials();

        AwsCredentials resolved = credentials.resolveCredentials();

        assertEquals("system properties", credentials.source());
        assertEquals("AKIDPROPERTY", resolved.accessKeyId());
        assertEquals("secret-property", resolved.secretAccessKey());
    }

    @Test
    void blankSystemPropertiesAreNotKeys() {
        System.setProperty("aws.accessKeyId", " ");
        System.setProperty("aws.secretAccessKey", "secret-property");
        boolean environmentHasKeys = System.getenv("AWS_ACCESS_KEY_ID") != null
                && !System.getenv("AWS_ACCESS_KEY_ID").isBlank() && System.getenv("AWS_SECRET_ACCESS_KEY") != null
                && !System.getenv("AWS_SECRET_ACCESS_KEY").isBlank();

        assertEquals(environmentHasKeys ? "environment variables" : "default chain", new LeanCredentials().source());
    }
}
