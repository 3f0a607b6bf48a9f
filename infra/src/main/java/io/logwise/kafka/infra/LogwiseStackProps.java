package io.logwise.kafka.infra;

import io.logwise.kafka.infra.settings.DeploymentSettings;
import software.amazon.awscdk.services.lambda.Code;

/**
 * One environment's settings and the code of the four functions: the Maven-built deployment jar in a real synth,
 * a small stand-in asset in tests.
 */
public record LogwiseStackProps(DeploymentSettings settings, Code functionsCode) {
}
