package io.logwise.kafka.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LocalRuntimeOptionsTest {

    private static final Map<String, String> LAMBDA_ENV = Map.of(
            "AWS_LAMBDA_RUNTIME_API", "127.0.0.1:29001",
            "_HANDLER", "io.logwise.kafka.handler.LagScannerHandler::handleRequest",
            "AWS_LAMBDA_FUNCTION_NAME", "lag-scanner",
            "AWS_REGION", "eu-west-1",
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");

    @Test
    void readsTheCommandLineAndLambdasReservedVariables() {
        LocalRuntimeOptions options = LocalRuntimeOptions.parse(List.of("--event", "events/e.json", "--timeout", "30",
                "--response-out", "/tmp/r.json", "--exit-code-out", "/dev/fd/3"), LAMBDA_ENV);

        assertEquals(new LocalRuntimeOptions(Path.of("events/e.json"), 30, Optional.of(Path.of("/tmp/r.json")),
                Optional.of(Path.of("/dev/fd/3")), "127.0.0.1", 29001,
                "io.logwise.kafka.handler.LagScannerHandler::handleRequest", "lag-scanner", "eu-west-1", 1024),
                options);
    }

    @Test
    void defaultsAreLambdasOwn() {
        Map<String, String> env = new HashMap<>(LAMBDA_ENV);
        env.remove("AWS_REGION");
        env.remove("AWS_LAMBDA_FUNCTION_MEMORY_SIZE");

        LocalRuntimeOptions options = LocalRuntimeOptions.parse(List.of("--event", "e.json"), env);

        assertEquals(60, options.timeoutSeconds());
        assertEquals(Optional.empty(), options.responseOut());
        assertEquals(Optional.empty(), options.exitCodeOut());
        assertEquals("us-east-1", options.region());
        assertEquals(128, options.memoryMb());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--event e.json --timeout 0    | --timeout must be between 1 and 900",
            "--event e.json --timeout 901  | --timeout must be between 1 and 900",
            "--event e.json --timeout 1.5  | --timeout must be a whole number",
            "--event e.json --timeout      | --timeout needs a value",
            "--event e.json --table yes    | unknown option --table",
            "--response-out out.json       | --event is required",
    })
    void rejectsABadCommandLine(String commandLine, String expectedMessage) {
        List<String> args = List.of(commandLine.split(" "));

        var error = assertThrows(LocalRuntimeOptions.UsageException.class,
                () -> LocalRuntimeOptions.parse(args, LAMBDA_ENV));

        assertTrue(error.getMessage().contains(expectedMessage), error.getMessage());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "AWS_LAMBDA_RUNTIME_API          |                 | AWS_LAMBDA_RUNTIME_API is not set",
            "AWS_LAMBDA_RUNTIME_API          | 127.0.0.1       | must be host:port",
            "AWS_LAMBDA_RUNTIME_API          | 127.0.0.1:http  | must be a whole number",
            "AWS_LAMBDA_RUNTIME_API          | 127.0.0.1:70000 | must be 1-65535",
            "_HANDLER                        |                 | _HANDLER is not set",
            "AWS_LAMBDA_FUNCTION_NAME        | ' '             | AWS_LAMBDA_FUNCTION_NAME is not set",
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE | lots            | must be a whole number",
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE | 0               | must be a positive number of MB",
    })
    void rejectsABadEnvironment(String name, String value, String expectedMessage) {
        Map<String, String> env = new HashMap<>(LAMBDA_ENV);
        if (value == null) {
            env.remove(name);
        } else {
            env.put(name, value);
        }

        var error = assertThrows(LocalRuntimeOptions.UsageException.class,
                () -> LocalRuntimeOptions.parse(List.of("--event", "e.json"), env));

        assertTrue(error.getMessage().contains(expectedMessage), error.getMessage());
    }
}
