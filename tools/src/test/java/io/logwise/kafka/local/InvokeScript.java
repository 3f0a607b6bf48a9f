package io.logwise.kafka.local;

import io.logwise.kafka.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One run of scripts/invoke as a child process from the project's root, as the broker tests of the functions' real
 * Lambda runtime run it: the event, stdout and stderr in numbered files of a work folder, never a build
 * (LOGWISE_INVOKE_NO_BUILD), at most 150 s.
 */
public final class InvokeScript {

    static final Path ROOT = Path.of(System.getProperty("logwise.root", "..")).toAbsolutePath().normalize();

    /** The settings a run must not inherit from this JVM's environment: a test sets the ones it means. */
    public static final Predicate<String> FUNCTION_SETTINGS = key -> key.startsWith("KAFKA_")
            || key.startsWith("AWS_") || key.startsWith("LOG") || key.startsWith("SCALER_")
            || key.startsWith("STATE_") || key.equals("_HANDLER") || key.equals("EMF_OUTPUT");

    /** What one run printed, and its exit code. */
    public record Printed(int exitCode, String stdout, String stderr) {
    }

    private InvokeScript() {
    }

    /**
     * Runs {@code scripts/invoke OPTIONS FUNCTION EVENT-FILE}, {@code event} written as JSON to
     * {@code work/event-NUMBER.json}, with this JVM's environment less the variables {@code dropped} names, plus
     * {@code variables}. {@code name} names the run in the error when it does not end in time.
     */
    public static Printed run(Path work, int number, String name, List<String> options, String function,
                              Object event, Predicate<String> dropped, Map<String, String> variables)
            throws Exception {
        Path eventFile = work.resolve("event-" + number + ".json");
        Files.write(eventFile, Json.MAPPER.writeValueAsBytes(event));
        Path out = work.resolve("stdout-" + number);
        Path err = work.resolve("stderr-" + number);
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("scripts/invoke").toString()));
        command.addAll(options);
        command.addAll(List.of(function, eventFile.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(dropped);
        env.put("LOGWISE_INVOKE_NO_BUILD", "1");
        env.putAll(variables);
        Process process = builder.start();
        if (!process.waitFor(150, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(name + ": scripts/invoke did not end within 150 s");
        }
        return new Printed(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
