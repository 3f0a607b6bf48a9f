package io.logwise.kafka.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/**
 * AWS's CloudFormation linter on every shipped environment's template and on the optional features (VPC endpoints,
 * e-mail subscriptions, a given alarm topic). Where {@code cfn-lint} is not on the PATH the test says so and passes:
 * it is a Python tool the build cannot install.
 */
class CfnLintTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** cfn-lint's exit code is a bit set: 2 errors, 4 warnings, 8 informational; 1 means it could not run. */
    private static final int ERRORS = 2;
    private static final int FATAL = 1;

    @Test
    @SuppressWarnings("unchecked")
    void everySynthesizedTemplateHasNoLinterError() throws Exception {
        Optional<Path> cfnLint = onPath("cfn-lint");
        if (cfnLint.isEmpty()) {
            System.err.println("CfnLintTest: cfn-lint is not on the PATH; the templates were NOT linted"
                    + " (install it, e.g. 'pip install cfn-lint', to run this check)");
            return;
        }
        Map<String, Map<String, Object>> environments = new LinkedHashMap<>();
        ((Map<String, Object>) TestApps.cdkJsonContext().get("environments")).keySet()
                .forEach(name -> environments.put(name, TestApps.environment(name)));
        environments.put("scram-example+endpoints+emails", TestApps.edited("scram-example", env -> {
            ((Map<String, Object>) env.get("network")).put("endpoints", Map.of("vpcId", "vpc-0a1b2c3d4e5f60718"));
            env.put("alarms", Map.of("emails", List.of("oncall@example.com")));
        }));
        environments.put("msk-iam-example+endpoints+topic", TestApps.edited("msk-iam-example", env -> {
            ((Map<String, Object>) env.get("network")).put("endpoints", Map.of("vpcId", "vpc-0a1b2c3d4e5f60718",
                    "routeTableIds", List.of("rtb-0a1b2c3d4e5f60718")));
            env.put("alarms", Map.of("topicArn", "arn:aws:sns:eu-west-1:111122223333:oncall"));
        }));

        Path directory = Files.createDirectories(Path.of("target", "cfn-lint").toAbsolutePath());
        List<String> command = new ArrayList<>(List.of(cfnLint.get().toString(), "--format", "parseable"));
        environments.forEach((name, environment) -> {
            String stackEnvironment = name.contains("+") ? name.substring(0, name.indexOf('+')) : name;
            Path file = directory.resolve(name + ".template.json");
            try {
                JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(),
                        Template.fromStack(TestApps.stack(stackEnvironment, environment)).toJSON());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            command.add(file.toString());
        });
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "cfn-lint finished");
        int exit = process.exitValue();
        System.err.println("CfnLintTest: " + cfnLint.get() + " on " + environments.keySet() + ", exit " + exit
                + (output.isBlank() ? ", no finding" : ":\n" + output));
        assertEquals(0, exit & (ERRORS | FATAL), "cfn-lint errors:\n" + output);
    }

    /** The linter this test relies on finds an error when there is one: an unknown property of a queue. */
    @Test
    void theLinterIsLive() throws Exception {
        Optional<Path> cfnLint = onPath("cfn-lint");
        if (cfnLint.isEmpty()) {
            System.err.println("CfnLintTest: cfn-lint is not on the PATH; nothing to check");
            return;
        }
        Path broken = Files.createDirectories(Path.of("target", "cfn-lint").toAbsolutePath())
                .resolve("broken.template.json");
        Files.writeString(broken, "{\"Resources\": {\"Queue\": {\"Type\": \"AWS::SQS::Queue\","
                + " \"Properties\": {\"NoSuchProperty\": 1}}}}");
        Process process = new ProcessBuilder(cfnLint.get().toString(), "--format", "parseable", broken.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "cfn-lint finished");
        assertEquals(ERRORS, process.exitValue() & ERRORS, output);
        assertTrue(output.contains("NoSuchProperty"), output);
    }

    private static Optional<Path> onPath(String program) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(directory -> !directory.isBlank())
                .map(directory -> Path.of(directory, program))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
