package io.logwise.kafka.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.infra.settings.DeploymentSettings;
import io.logwise.kafka.infra.settings.LogwiseFunction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.Code;

/**
 * scripts/sam-invoke names functions by logical id in cdk.out/LogwiseKafka-ENV.template.json: those ids, the
 * template name and the asset metadata SAM reads must match what the app synthesizes. SAM itself is not run here.
 */
class SamInvokeScriptTest {

    private static final Path SCRIPT = TestApps.REPO_ROOT.resolve("scripts/sam-invoke");
    private static final Pattern MAPPING = Pattern.compile("^\\s*([a-z-]+)\\) logical_id=([A-Za-z]+) ;;$",
            Pattern.MULTILINE);

    @Test
    void theScriptsLogicalIdsAreTheFunctionsOfTheTemplate() throws IOException {
        Map<String, String> mapping = new TreeMap<>();
        Matcher matcher = MAPPING.matcher(Files.readString(SCRIPT));
        while (matcher.find()) {
            mapping.put(matcher.group(1), matcher.group(2));
        }
        Map<String, String> expected = new TreeMap<>();
        for (LogwiseFunction function : LogwiseFunction.values()) {
            expected.put(function.functionName(), function.logicalId());
        }
        assertEquals(expected, mapping);

        App app = TestApps.app(Map.of("aws:cdk:enable-asset-metadata", true));
        DeploymentSettings settings = DeploymentSettings.fromContext("local",
                Map.of("local", TestApps.environment("local")));
        Template template = Template.fromStack(LogwiseApp.createStack(app, LogwiseApp.stackName(settings),
                new LogwiseStackProps(settings, Code.fromAsset(TestApps.standInAsset().toString()))));
        for (LogwiseFunction function : LogwiseFunction.values()) {
            Map<?, ?> resource = (Map<?, ?>) ((Map<?, ?>) template.toJSON().get("Resources")).get(function.logicalId());
            assertEquals("AWS::Lambda::Function", resource.get("Type"));
            assertEquals(function.handler(), ((Map<?, ?>) resource.get("Properties")).get("Handler"));
            Map<?, ?> metadata = (Map<?, ?>) resource.get("Metadata");
            assertEquals("Code", metadata.get("aws:asset:property"), "SAM finds the code through this metadata");
            assertTrue(((String) metadata.get("aws:asset:path")).startsWith("asset."), metadata::toString);
        }
    }

    @Test
    void theScriptReadsTheTemplateOfTheStackTheAppNames() throws IOException {
        String script = Files.readString(SCRIPT);
        assertTrue(script.contains("${CDK_OUT_DIR:-$root/infra/cdk.out}/LogwiseKafka-$environment.template.json"));
        DeploymentSettings local =
                DeploymentSettings.fromContext("local", Map.of("local", TestApps.environment("local")));
        assertEquals("LogwiseKafka-local", LogwiseApp.stackName(local));
        assertTrue(script.contains("environment=\"${3:-local}\""), "the default environment exists in cdk.json");
        assertTrue(Files.isRegularFile(TestApps.REPO_ROOT.resolve("events/eventbridge-scale-request.json")));
    }

    @Test
    void withoutSamAndDockerItSaysWhatIsMissingAndPointsToScriptsInvoke(@TempDir Path bin) throws Exception {
        linkScriptTools(bin);
        Process process = run(bin, "lag-scanner", "events/eventbridge-scale-request.json");
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(3, process.exitValue(), stderr);
        assertTrue(stderr.contains("the AWS SAM CLI ('sam'"), stderr);
        assertTrue(stderr.contains("Docker ('docker')"), stderr);
        assertTrue(stderr.contains("scripts/invoke lag-scanner events/eventbridge-scale-request.json"), stderr);
    }

    @Test
    void withSamAndDockerItInvokesTheFunctionByLogicalIdWithTheTemplateAndTheEvent(@TempDir Path bin,
                                                                                  @TempDir Path cdkOut)
            throws Exception {
        linkScriptTools(bin);
        Files.writeString(bin.resolve("sam"), "#!/bin/sh\necho \"$@\"\n");
        Files.writeString(bin.resolve("docker"), "#!/bin/sh\nexit 0\n");
        bin.resolve("sam").toFile().setExecutable(true);
        bin.resolve("docker").toFile().setExecutable(true);
        Path template = cdkOut.resolve("LogwiseKafka-local.template.json");
        Files.writeString(template, "{}");
        Process process = run(bin, Map.of("CDK_OUT_DIR", cdkOut.toString()),
                "partition-scaler", "events/eventbridge-scale-request.json");
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), () -> stdout + new String(readAll(process), StandardCharsets.UTF_8));
        assertEquals("local invoke --template " + template + " --event "
                + TestApps.REPO_ROOT.resolve("events/eventbridge-scale-request.json")
                + " --docker-network host PartitionScalerFunction\n", stdout);
    }

    @Test
    void anUnknownFunctionIsAUsageError(@TempDir Path bin) throws Exception {
        linkScriptTools(bin);
        Process process = run(bin, "lag-scaner", "events/eventbridge-scale-request.json");
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, process.exitValue(), stderr);
        assertTrue(stderr.contains("unknown function 'lag-scaner'") && stderr.contains("FUNCTION"), stderr);
    }

    /** A PATH with only the tools the script itself uses, so that no sam or docker can be found. */
    private static void linkScriptTools(Path bin) throws IOException {
        for (String tool : new String[] {"dirname", "sed"}) {
            Path target = Stream.of("/usr/bin", "/bin").map(dir -> Path.of(dir, tool)).filter(Files::isExecutable)
                    .findFirst().orElseThrow(() -> new AssertionError(tool + " not found"));
            Path wrapper = bin.resolve(tool);
            Files.writeString(wrapper, "#!/bin/sh\nexec " + target + " \"$@\"\n");
            wrapper.toFile().setExecutable(true);
        }
    }

    private static byte[] readAll(Process process) {
        try {
            return process.getErrorStream().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Process run(Path bin, String... arguments) throws Exception {
        return run(bin, Map.of(), arguments);
    }

    private static Process run(Path bin, Map<String, String> environment, String... arguments) throws Exception {
        String[] command = new String[arguments.length + 2];
        command[0] = "/bin/bash";
        command[1] = SCRIPT.toString();
        System.arraycopy(arguments, 0, command, 2, arguments.length);
        ProcessBuilder builder = new ProcessBuilder(command).directory(TestApps.REPO_ROOT.toFile());
        builder.environment().put("PATH", bin.toString());
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "script finished");
        return process;
    }
}
