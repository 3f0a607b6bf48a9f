package io.logwise.kafka.infra;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.logwise.kafka.infra.settings.DeploymentSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.services.lambda.Code;

/**
 * Builds apps the way {@code cdk synth} does: with the committed cdk.json context (feature flags and example
 * environments), but with a small stand-in asset instead of the deployment jar.
 */
public final class TestApps {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Surefire runs in the module directory, where cdk.json lives. */
    public static final Path CDK_JSON = Path.of("cdk.json");
    public static final Path REPO_ROOT = Path.of(System.getProperty("logwise.root", "..")).toAbsolutePath().normalize();

    private TestApps() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> cdkJsonContext() {
        try {
            Map<String, Object> cdkJson = JSON.readValue(CDK_JSON.toFile(), Map.class);
            return (Map<String, Object>) cdkJson.get("context");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A deep, editable copy of one example environment of cdk.json. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> environment(String name) {
        Map<String, Object> environments = (Map<String, Object>) cdkJsonContext().get("environments");
        return JSON.convertValue(environments.get(name), LinkedHashMap.class);
    }

    public static App app(Map<String, Object> extraContext) {
        Map<String, Object> context = new HashMap<>(cdkJsonContext());
        context.putAll(extraContext);
        return new App(AppProps.builder().context(context).build());
    }

    public static LogwiseStack stack(String environmentName) {
        return stack(environmentName, environment(environmentName));
    }

    public static LogwiseStack stack(String environmentName, Map<String, Object> environment) {
        App app = app(Map.of());
        DeploymentSettings settings =
                DeploymentSettings.fromContext(environmentName, Map.of(environmentName, environment));
        return LogwiseApp.createStack(app, "LogwiseKafka-" + environmentName,
                new LogwiseStackProps(settings, Code.fromAsset(standInAsset().toString())));
    }

    /** Edits a copy of an example environment, e.g. {@code edited("local", env -> env.put("scalerMode", "on"))}. */
    public static Map<String, Object> edited(String environmentName, Consumer<Map<String, Object>> edit) {
        Map<String, Object> environment = environment(environmentName);
        edit.accept(environment);
        return environment;
    }

    /** A fixed directory with fixed content, so that the asset hash (and the template) is the same on every run. */
    public static Path standInAsset() {
        Path directory = Path.of("target", "stand-in-functions-asset").toAbsolutePath();
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("README.txt"),
                    "Stand-in for the deployment jar in infra tests.\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return directory;
    }
}
