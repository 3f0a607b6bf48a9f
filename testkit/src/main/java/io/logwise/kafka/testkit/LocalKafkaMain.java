package io.logwise.kafka.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code scripts/local-kafka start|stop|status}: one real KRaft broker for local runs, data under
 * {@code .local/kafka}, loopback only, stopped by its recorded pid. Safe to run twice.
 */
public final class LocalKafkaMain {

    private LocalKafkaMain() {
    }

    public static void main(String[] args) throws IOException {
        String command = args.length == 0 ? "status" : args[0];
        Path root = KafkaDistribution.projectRoot();
        Path dir = Path.of(System.getenv().getOrDefault("LOCAL_KAFKA_DIR", root.resolve(".local/kafka").toString()));
        int port = Integer.parseInt(System.getenv().getOrDefault("LOCAL_KAFKA_PORT", "9092"));
        // Port 0: any free loopback ports (the bootstrap address is printed and recorded).
        int controllerPort = Integer.parseInt(System.getenv().getOrDefault("LOCAL_KAFKA_CONTROLLER_PORT",
                Integer.toString(port == 0 ? 0 : port + 1)));
        Path pidFile = dir.resolve("broker.pid");
        int exit = switch (command) {
            case "start" -> start(dir, pidFile, port, controllerPort);
            case "stop" -> stop(pidFile);
            case "status" -> status(dir, pidFile);
            default -> {
                System.err.println("usage: scripts/local-kafka start|stop|status");
                yield 2;
            }
        };
        System.exit(exit);
    }

    private static int start(Path dir, Path pidFile, int port, int controllerPort) throws IOException {
        Optional<ProcessHandle> running = runningBroker(pidFile);
        if (running.isPresent()) {
            System.err.println("Kafka is already running (pid " + running.get().pid() + ")");
            System.out.println(Files.readString(dir.resolve("bootstrap")).trim());
            return 0;
        }
        for (int wanted : new int[] {port, controllerPort}) {
            if (wanted != 0 && portInUse(wanted)) {
                System.err.println("port " + wanted + " on 127.0.0.1 is already in use by another process;"
                        + " stop it or choose other ports with LOCAL_KAFKA_PORT / LOCAL_KAFKA_CONTROLLER_PORT");
                return 1;
            }
        }
        System.setProperty(BrokerNode.DETACH_PROPERTY, "true");
        LocalKafkaCluster cluster = LocalKafkaCluster.builder().dataDir(dir, false).ports(port, controllerPort).build();
        BrokerNode node = cluster.nodes().get(0);
        long started = System.nanoTime();
        AtomicBoolean ready = new AtomicBoolean();
        Thread stopIfInterrupted = new Thread(() -> {
            if (!ready.get()) {
                node.kill();
            }
        });
        Runtime.getRuntime().addShutdownHook(stopIfInterrupted);
        cluster.launch();
        // Recorded before waiting: a start interrupted now (Ctrl-C) still leaves a broker that stop can find.
        Files.writeString(pidFile, Long.toString(node.pid()));
        try {
            cluster.awaitBrokers(1, Duration.ofSeconds(90));
        } catch (RuntimeException e) {
            node.kill();
            Files.deleteIfExists(pidFile);
            System.err.println("Kafka did not start: " + e.getMessage());
            return 1;
        }
        ready.set(true);
        cluster.reportReady(started);
        Files.writeString(dir.resolve("bootstrap"), cluster.bootstrapServers());
        System.err.println("Kafka " + cluster.brokerVersion() + " started (pid " + node.pid() + "), logs in "
                + node.dir());
        System.out.println(cluster.bootstrapServers());
        return 0;
    }

    private static int stop(Path pidFile) throws IOException {
        Optional<ProcessHandle> running = runningBroker(pidFile);
        if (running.isEmpty()) {
            System.err.println("Kafka is not running");
            Files.deleteIfExists(pidFile);
            return 0;
        }
        ProcessHandle broker = running.get();
        broker.destroy();
        try {
            broker.onExit().get(Duration.ofSeconds(30).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            broker.destroyForcibly();
        }
        Files.deleteIfExists(pidFile);
        System.err.println("Kafka stopped (pid " + broker.pid() + ")");
        return 0;
    }

    private static int status(Path dir, Path pidFile) throws IOException {
        Optional<ProcessHandle> running = runningBroker(pidFile);
        if (running.isEmpty()) {
            System.err.println("Kafka is not running");
            return 3;
        }
        System.err.println("Kafka is running (pid " + running.get().pid() + ")");
        System.out.println(Files.readString(dir.resolve("bootstrap")).trim());
        return 0;
    }

    private static boolean portInUse(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The recorded broker, only if that pid is still a Kafka broker (a reused pid is never signalled). */
    private static Optional<ProcessHandle> runningBroker(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile).trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(LocalKafkaMain::isKafkaBroker);
    }

    private static boolean isKafkaBroker(ProcessHandle process) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline")).contains("kafka.Kafka");
        } catch (IOException e) {
            return false;
        }
    }
}
