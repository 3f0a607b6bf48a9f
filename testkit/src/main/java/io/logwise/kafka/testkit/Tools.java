package io.logwise.kafka.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one of Kafka's own command-line tools (TopicCommand, ConsumerGroupCommand, ...) in a child JVM. */
public final class Tools {

    private Tools() {
    }

    public static ToolResult run(KafkaDistribution distribution, String mainClass, List<String> args,
                                 Map<String, String> env, Path workDir) {
        List<String> command = new ArrayList<>(List.of(KafkaDistribution.javaExecutable(), "-Xmx512m",
                "-XX:TieredStopAtLevel=1", "-Dlog4j2.level=WARN", "-cp", distribution.classpath(), mainClass));
        command.addAll(args);
        try {
            Path out = Files.createTempFile("kafka-tool", ".out");
            Path err = Files.createTempFile("kafka-tool", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile());
                builder.environment().putAll(env);
                Process process = builder.start();
                if (!process.waitFor(5, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(mainClass + " did not finish within 5 minutes");
                }
                return new ToolResult(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + mainClass, e);
        }
    }
}
