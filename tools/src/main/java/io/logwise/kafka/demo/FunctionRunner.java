package io.logwise.kafka.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a function exactly as a user would: {@code scripts/invoke FUNCTION EVENT_FILE}, one Lambda-like JVM each. */
final class FunctionRunner {

    /** The function's JSON answer, or Lambda's error document, and whether it succeeded. */
    record Result(boolean ok, JsonNode json, String stderr) {
    }

    private final Path root;
    private final Path workDir;
    private final Map<String, String> environment;
    private int sequence;

    FunctionRunner(Path root, Path workDir, Map<String, String> environment) {
        this.root = root;
        this.workDir = workDir;
        this.environment = environment;
    }

    Result invoke(String function, Object event) {
        try {
            Path eventFile = workDir.resolve(String.format("event-%02d-%s.json", ++sequence, function));
            Files.write(eventFile, event instanceof String text ? text.getBytes(StandardCharsets.UTF_8)
                    : Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(event));
            List<String> command = new ArrayList<>(List.of(root.resolve("scripts/invoke").toString(),
                    "--timeout", "60", function, eventFile.toString()));
            ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
            builder.environment().putAll(environment);
            builder.environment().put("LOGWISE_INVOKE_NO_BUILD", "1");
            Path out = workDir.resolve(eventFile.getFileName() + ".out");
            Path err = workDir.resolve(eventFile.getFileName() + ".err");
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(function + " did not answer within 90 s; see " + err);
            }
            String stdout = Files.readString(out);
            JsonNode json = stdout.isBlank() ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(stdout);
            return new Result(process.exitValue() == 0, json, Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
