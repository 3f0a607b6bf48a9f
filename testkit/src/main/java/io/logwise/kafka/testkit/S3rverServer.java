package io.logwise.kafka.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real S3-compatible server for tests: the npm package s3rver (version pinned by the committed
 * {@code functions/src/test/s3rver/package-lock.json}), installed with {@code npm ci} into {@code .local/s3rver}
 * on first use, run with Node in a child process on a free loopback port, with its own data directory.
 * Credentials are s3rver's fixed {@link #ACCESS_KEY}/{@link #SECRET_KEY}; use path-style requests.
 */
public final class S3rverServer implements AutoCloseable {

    public static final String ACCESS_KEY = "S3RVER";
    public static final String SECRET_KEY = "S3RVER";

    private static final Pattern LISTENING = Pattern.compile("S3rver listening on ([0-9.]+):(\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path dataDir;
    private final URI endpoint;
    private final Duration startTime;

    private S3rverServer(Process process, Path dataDir, URI endpoint, Duration startTime) {
        this.process = process;
        this.dataDir = dataDir;
        this.endpoint = endpoint;
        this.startTime = startTime;
    }

    /** Installs s3rver when needed, starts it and waits until it listens. */
    public static S3rverServer start() throws IOException, InterruptedException {
        Path installDir = install();
        Path dataDir = Files.createTempDirectory("s3rver-data");
        long started = System.nanoTime();
        // s3rver's ListObjectsV2 continuation tokens use DES, which Node 17+ only offers with the legacy provider.
        Process process = new ProcessBuilder(node(), "--openssl-legacy-provider",
                installDir.resolve("node_modules/s3rver/bin/s3rver.js").toString(),
                "-d", dataDir.toString(), "-a", "127.0.0.1", "-p", "0", "--silent")
                .redirectErrorStream(true)
                .start();
        try {
            URI endpoint = awaitListening(process);
            return new S3rverServer(process, dataDir, endpoint, Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            deleteTree(dataDir);
            throw e;
        }
    }

    /** {@code http://127.0.0.1:<port>} */
    public URI endpoint() {
        return endpoint;
    }

    /** From starting the Node process to the server's "listening" line. */
    public Duration startTime() {
        return startTime;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        deleteTree(dataDir);
    }

    private static URI awaitListening(Process process) throws IOException, InterruptedException {
        // The server prints one line once it listens; read on another thread so that a silent hang times out.
        CompletableFuture<URI> listening = new CompletableFuture<>();
        @SuppressWarnings("JdkObsolete") // appended by the reader thread, read by this one: its locking is wanted
        StringBuffer output = new StringBuffer();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.append(line).append('\n');
                    Matcher matcher = LISTENING.matcher(line);
                    if (matcher.find()) {
                        listening.complete(URI.create("http://" + matcher.group(1) + ":" + matcher.group(2)));
                    }
                }
            } catch (IOException e) {
                // the process ended: reported below
            }
            listening.completeExceptionally(new IllegalStateException("s3rver exited before listening"));
        }, "s3rver-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return listening.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("s3rver did not start within " + START_TIMEOUT.toSeconds()
                    + " s; its output:\n" + output, e);
        }
    }

    /** Copies the committed package files to .local/s3rver and runs npm ci there when they changed. */
    private static synchronized Path install() throws IOException, InterruptedException {
        Path root = KafkaDistribution.projectRoot();
        Path source = root.resolve("functions/src/test/s3rver");
        Path target = root.resolve(".local/s3rver");
        Files.createDirectories(target);
        boolean changed = false;
        for (String file : List.of("package.json", "package-lock.json")) {
            Path from = source.resolve(file);
            Path to = target.resolve(file);
            if (!Files.exists(to) || !Arrays.equals(Files.readAllBytes(from), Files.readAllBytes(to))) {
                Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
                changed = true;
            }
        }
        if (changed || !Files.exists(target.resolve("node_modules/s3rver/bin/s3rver.js"))) {
            run(target, Duration.ofMinutes(5), npm(), "ci", "--no-audit", "--no-fund", "--loglevel=error");
        }
        return target;
    }

    private static String node() throws IOException, InterruptedException {
        requireTool("node");
        return "node";
    }

    private static String npm() throws IOException, InterruptedException {
        requireTool("npm");
        return "npm";
    }

    /** Fails with a clear message when a tool is missing: these tests must not pass silently without it. */
    private static void requireTool(String tool) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            if (process.waitFor() == 0) {
                return;
            }
        } catch (IOException e) {
            // not on the PATH
        }
        throw new IllegalStateException("'" + tool + "' is not available on the PATH: the S3 integration tests need"
                + " Node.js (18 or newer) and npm to run the S3-compatible test server s3rver");
    }

    private static void run(Path dir, Duration timeout, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("npm-ci", ".log");
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " in " + dir + " did not finish within "
                        + timeout.toMinutes() + " min");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " in " + dir + " failed (exit "
                        + process.exitValue() + "):\n" + Files.readString(log));
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
