package io.logwise.kafka.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.logwise.kafka.infra.settings.DeploymentSettings;
import io.logwise.kafka.infra.settings.SettingsException;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.lambda.Code;

/**
 * The CDK app: {@code cdk synth -c env=NAME} builds the stack of the environment NAME defined under
 * {@code environments} in cdk.json, with the deployment jar at {@code jarPath}.
 */
public final class LogwiseApp {

    /** Relative to infra/, where cdk.json lives and the CDK CLI runs the app. */
    public static final String DEFAULT_JAR_PATH = "../functions/target/logwise-kafka-functions-0.1.0-SNAPSHOT.jar";
    public static final String ENV_CONTEXT = "env";
    public static final String ENVIRONMENTS_CONTEXT = "environments";
    public static final String JAR_PATH_CONTEXT = "jarPath";

    private LogwiseApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        try {
            fromContext(app);
        } catch (SettingsException e) {
            System.err.println("LogWise infra: " + e.getMessage());
            System.exit(2);
        }
        app.synth();
    }

    /** Reads env, environments and jarPath from the app's context and adds that environment's stack. */
    public static LogwiseStack fromContext(App app) {
        Object envName = app.getNode().tryGetContext(ENV_CONTEXT);
        DeploymentSettings settings = DeploymentSettings.fromContext(
                envName == null ? null : envName.toString(), app.getNode().tryGetContext(ENVIRONMENTS_CONTEXT));
        Object jarPath = app.getNode().tryGetContext(JAR_PATH_CONTEXT);
        Code code = Code.fromAsset(deploymentJar(jarPath == null ? DEFAULT_JAR_PATH : jarPath.toString()).toString());
        return createStack(app, stackName(settings), new LogwiseStackProps(settings, code));
    }

    /** The stack of one environment, with the cdk-nag AwsSolutions checks that synthesis must pass. */
    public static LogwiseStack createStack(App app, String id, LogwiseStackProps props) {
        DeploymentSettings settings = props.settings();
        Environment.Builder environment = Environment.builder();
        settings.account().ifPresent(environment::account);
        settings.region().ifPresent(environment::region);
        LogwiseStack stack = new LogwiseStack(app, id, StackProps.builder()
                .env(environment.build())
                .description("LogWise Kafka layer (" + settings.environmentName() + "): topic provisioning, lag scans,"
                        + " partition scaling and retention updates")
                .build(), props);
        Aspects.of(stack).add(new AwsSolutionsChecks());
        return stack;
    }

    public static String stackName(DeploymentSettings settings) {
        return "LogwiseKafka-" + settings.environmentName();
    }

    static Path deploymentJar(String jarPath) {
        Path jar = Path.of(jarPath).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new SettingsException("deployment jar not found at " + jar + ": build it with './mvnw -B package'"
                    + " from the repository root, or pass -c " + JAR_PATH_CONTEXT + "=PATH");
        }
        return jar;
    }
}
