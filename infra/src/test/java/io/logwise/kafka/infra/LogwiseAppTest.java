package io.logwise.kafka.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.infra.settings.LogwiseFunction;
import io.logwise.kafka.infra.settings.SettingsException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.assertions.Template;

/** The app entry point: choosing the environment, finding the jar, and a deterministic template. */
class LogwiseAppTest {

    @Test
    void withoutAnEnvironmentTheAppSaysHowToChooseOne() {
        SettingsException error =
                assertThrows(SettingsException.class, () -> LogwiseApp.fromContext(TestApps.app(Map.of())));
        assertEquals("no environment chosen: pass -c env=NAME, NAME one of [local, msk-iam-example, scram-example]",
                error.getMessage());
    }

    @Test
    void anUnknownEnvironmentListsTheDefinedOnes() {
        SettingsException error = assertThrows(SettingsException.class,
                () -> LogwiseApp.fromContext(TestApps.app(Map.of("env", "prod"))));
        assertEquals("environment 'prod' is not defined under 'environments' in the CDK context; defined: "
                + "[local, msk-iam-example, scram-example]", error.getMessage());
    }

    @Test
    void aMissingJarFailsWithTheBuildCommand(@TempDir Path directory) {
        Path missing = directory.resolve("logwise-kafka-functions-0.1.0-SNAPSHOT.jar");
        SettingsException error = assertThrows(SettingsException.class, () -> LogwiseApp.fromContext(
                TestApps.app(Map.of("env", "local", "jarPath", missing.toString()))));
        assertEquals("deployment jar not found at " + missing + ": build it with './mvnw -B package' from the"
                + " repository root, or pass -c jarPath=PATH", error.getMessage());
    }

    @Test
    void theDefaultJarIsTheFunctionsModulesBuildOutput() {
        assertEquals("../functions/target/logwise-kafka-functions-0.1.0-SNAPSHOT.jar", LogwiseApp.DEFAULT_JAR_PATH);
        assertEquals(LogwiseApp.DEFAULT_JAR_PATH, TestApps.cdkJsonContext().get("jarPath"));
    }

    @Test
    void theSameInputsSynthesizeTheSameTemplate(@TempDir Path directory) throws IOException {
        Path jar = standInJar(directory.resolve("functions.jar"));
        Map<String, Object> context = Map.of("env", "msk-iam-example", "jarPath", jar.toString());
        LogwiseStack first = LogwiseApp.fromContext(TestApps.app(context));
        LogwiseStack second = LogwiseApp.fromContext(TestApps.app(context));
        assertEquals("LogwiseKafka-msk-iam-example", first.getStackName());
        TemplateFacts template = TemplateFacts.of(first);
        assertEquals(template.json(), Template.fromStack(second).toJSON());
        Map<?, ?> code = (Map<?, ?>) template.function(LogwiseFunction.LAG_SCANNER).get("Code");
        assertTrue(((String) code.get("S3Key")).endsWith(".jar"), () -> "the jar itself is the code asset: " + code);
    }

    /** A jar with a fixed entry time, so its hash, and so the asset key, is the same on every run. */
    private static Path standInJar(Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file)) {
            ZipEntry entry = new ZipEntry("README.txt");
            entry.setTime(0L);
            zip.putNextEntry(entry);
            zip.write("stand-in\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return jar;
    }
}
