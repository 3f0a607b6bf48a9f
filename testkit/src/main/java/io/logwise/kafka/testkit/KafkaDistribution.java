package io.logwise.kafka.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Kafka broker distribution made of Maven artifacts: the classpath of {@code kafka_2.13} and
 * {@code kafka-tools} at {@link #version()}, resolved once by Maven (scripts/kafka-broker/pom.xml) and cached under
 * {@code .local/}. Used to run {@code kafka.Kafka}, its storage tool, and Kafka's own command-line tools as oracles.
 */
public final class KafkaDistribution {

    public static final String VERSION_PROPERTY = "logwise.kafka.broker.version";
    private static final String DEFAULT_VERSION = "4.4.0";

    private final Path root;
    private final String version;
    private String classpath;

    private KafkaDistribution(Path root, String version) {
        this.root = root;
        this.version = version;
    }

    public static KafkaDistribution fromEnvironment() {
        String version = System.getProperty(VERSION_PROPERTY,
                System.getenv().getOrDefault("LOGWISE_KAFKA_BROKER_VERSION", DEFAULT_VERSION));
        return new KafkaDistribution(projectRoot(), version);
    }

    public String version() {
        return version;
    }

    public Path root() {
        return root;
    }

    /** Finds the repository root: the {@code logwise.root} property, else the nearest parent holding mvnw. */
    public static Path projectRoot() {
        String configured = System.getProperty("logwise.root");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.exists(dir.resolve("mvnw")) && Files.exists(dir.resolve("scripts/kafka-broker/pom.xml"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("cannot find the project root (mvnw and scripts/kafka-broker/pom.xml)"
                + " above " + Path.of("").toAbsolutePath() + "; set -Dlogwise.root");
    }

    /** The broker and tools classpath, resolving it with Maven on first use (once per machine and version). */
    public synchronized String classpath() {
        if (classpath == null) {
            classpath = resolveClasspath();
        }
        return classpath;
    }

    private String resolveClasspath() {
        Path cacheDir = root.resolve(".local");
        Path cache = cacheDir.resolve("kafka-broker-" + version + ".classpath");
        try {
            Files.createDirectories(cacheDir);
            // Several test JVMs or scripts may resolve at once: one does the work, the others wait and reuse it.
            try (FileChannel lockFile = FileChannel.open(cacheDir.resolve("kafka-broker.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = lockFile.lock()) {
                if (!isUsable(cache)) {
                    runMaven(cache);
                }
                return Files.readString(cache).trim();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve the Kafka " + version + " broker classpath", e);
        }
    }

    private static boolean isUsable(Path cache) throws IOException {
        if (!Files.isRegularFile(cache)) {
            return false;
        }
        for (String entry : Files.readString(cache).trim().split(java.io.File.pathSeparator, -1)) {
            if (!Files.exists(Path.of(entry))) {
                return false; // the local Maven repository was cleaned
            }
        }
        return true;
    }

    private void runMaven(Path cache) throws IOException {
        Path partial = cache.resolveSibling(cache.getFileName() + ".partial");
        Path log = cache.resolveSibling("kafka-broker-resolve.log");
        List<String> command = new ArrayList<>(List.of(root.resolve("mvnw").toString(), "-q", "-B",
                "-f", root.resolve("scripts/kafka-broker/pom.xml").toString(),
                "dependency:build-classpath",
                "-Dkafka.broker.version=" + version,
                "-Dmdep.outputFile=" + partial));
        System.err.println("[kafka-testkit] resolving the Apache Kafka " + version
                + " broker with Maven (first run only)");
        Process process = new ProcessBuilder(command).directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException("Maven could not resolve the Kafka broker " + version + "; see " + log
                        + ":\n" + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while resolving the Kafka broker classpath", e);
        }
        Files.move(partial, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The version of the {@code kafka_2.13} jar on the resolved classpath: what the broker JVM really runs. */
    public String jarVersion() {
        for (String entry : classpath().split(java.io.File.pathSeparator, -1)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.startsWith("kafka_2.13-") && name.endsWith(".jar")) {
                return name.substring("kafka_2.13-".length(), name.length() - ".jar".length());
            }
        }
        throw new IllegalStateException("no kafka_2.13 jar on the broker classpath");
    }

    /** The java executable of the running JVM, used for every child JVM. */
    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
