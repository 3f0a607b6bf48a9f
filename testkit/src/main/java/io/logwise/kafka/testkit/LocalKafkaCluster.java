package io.logwise.kafka.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka cluster of 1..n KRaft nodes in child JVMs on loopback ports, started from Maven-resolved Apache
 * Kafka artifacts. No Docker. Nodes can be killed (SIGKILL), stopped and restarted for fault tests.
 */
public final class LocalKafkaCluster implements KafkaTestCluster {

    private final KafkaDistribution distribution;
    private final List<BrokerNode> nodes;
    private final Map<String, List<Integer>> extraListenerPorts;
    private final Path dir;
    private final boolean deleteOnClose;

    private LocalKafkaCluster(Builder builder) {
        this.distribution = builder.distribution;
        this.dir = builder.dir;
        this.deleteOnClose = builder.deleteOnClose;
        this.nodes = new ArrayList<>();
        this.extraListenerPorts = new LinkedHashMap<>();
        int count = builder.brokers;
        List<Integer> brokerPorts = new ArrayList<>();
        List<Integer> controllerPorts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            brokerPorts.add(i == 0 && builder.firstBrokerPort > 0 ? builder.firstBrokerPort : freePort());
            controllerPorts.add(i == 0 && builder.firstControllerPort > 0 ? builder.firstControllerPort : freePort());
        }
        builder.extraListeners.keySet().forEach(name -> extraListenerPorts.put(name,
                Stream.generate(LocalKafkaCluster::freePort).limit(count).toList()));
        String voters = java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> (i + 1) + "@127.0.0.1:" + controllerPorts.get(i)).collect(Collectors.joining(","));
        for (int i = 0; i < count; i++) {
            BrokerNode node = new BrokerNode(i + 1, brokerPorts.get(i), controllerPorts.get(i),
                    dir.resolve("node-" + (i + 1)), distribution);
            node.writeConfig(nodeProperties(builder, node, voters, i));
            nodes.add(node);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    private Properties nodeProperties(Builder builder, BrokerNode node, String voters, int index) {
        int count = builder.brokers;
        int replication = Math.min(3, count);
        StringBuilder listeners = new StringBuilder("PLAINTEXT://127.0.0.1:" + node.brokerPort()
                + ",CONTROLLER://127.0.0.1:" + node.controllerPort());
        StringBuilder advertised = new StringBuilder("PLAINTEXT://127.0.0.1:" + node.brokerPort());
        StringBuilder protocols = new StringBuilder("PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        builder.extraListeners.forEach((name, protocol) -> {
            int port = extraListenerPorts.get(name).get(index);
            int advertisedPort = builder.advertisedPorts.getOrDefault(name, extraListenerPorts.get(name)).get(index);
            listeners.append(',').append(name).append("://127.0.0.1:").append(port);
            advertised.append(',').append(name).append("://127.0.0.1:").append(advertisedPort);
            protocols.append(',').append(name).append(':').append(protocol);
        });
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(node.nodeId()));
        p.put("controller.quorum.voters", voters);
        p.put("listeners", listeners.toString());
        p.put("advertised.listeners", advertised.toString());
        p.put("listener.security.protocol.map", protocols.toString());
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", node.dir().resolve("data").toString());
        p.put("num.partitions", "1");
        p.put("auto.create.topics.enable", "true");
        p.put("default.replication.factor", Integer.toString(replication));
        p.put("offsets.topic.replication.factor", Integer.toString(replication));
        p.put("offsets.topic.num.partitions", "10");
        p.put("transaction.state.log.replication.factor", Integer.toString(replication));
        p.put("transaction.state.log.min.isr", Integer.toString(Math.min(2, replication)));
        p.put("group.initial.rebalance.delay.ms", "0");
        if (builder.quickFailureDetection) {
            p.put("broker.heartbeat.interval.ms", "500");
            p.put("broker.session.timeout.ms", "3000");
        }
        // Retention tests use tiny retention and segments: let the cleaner look often, from the start.
        p.put("log.retention.check.interval.ms", "1000");
        p.put("log.initial.task.delay.ms", "0");
        p.put("controlled.shutdown.enable", "true");
        p.putAll(builder.properties);
        return p;
    }

    /**
     * Starts a new cluster on free ports, trying again on other ports when a start fails: a free port is found by
     * binding and releasing it, so another process on a busy machine may take it before the broker binds it.
     */
    public static LocalKafkaCluster startWithFreshPorts(int brokers, int attempts) {
        return startWithFreshPorts(() -> builder().brokers(brokers), attempts);
    }

    /** As above, each attempt with a new cluster from {@code builder} (new ports, a new folder). */
    public static LocalKafkaCluster startWithFreshPorts(java.util.function.Supplier<Builder> builder, int attempts) {
        IllegalStateException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            LocalKafkaCluster cluster = builder.get().build();
            try {
                return cluster.start();
            } catch (IllegalStateException e) {
                cluster.close();
                last = e;
                System.err.println("[kafka-testkit] start attempt " + attempt + " failed, retrying on new ports: "
                        + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        throw last;
    }

    /** Formats the storage of every node (first start only) and starts them; returns once all are registered. */
    public LocalKafkaCluster start() {
        long started = System.nanoTime();
        launch();
        awaitBrokers(nodes.size(), Duration.ofSeconds(90));
        reportReady(started);
        return this;
    }

    /** Formats the storage of every node (first start only) and starts their JVMs, without waiting for them. */
    public void launch() {
        String clusterId = clusterId();
        nodes.forEach(node -> node.format(clusterId));
        nodes.forEach(BrokerNode::start);
    }

    /** Logs the cluster's readiness, once {@link #launch()} and {@link #awaitBrokers} are done. */
    public void reportReady(long startedNanos) {
        System.err.printf("[kafka-testkit] Apache Kafka %s (KRaft, %d node%s) ready at %s in %d ms; data in %s%n",
                distribution.jarVersion(), nodes.size(), nodes.size() == 1 ? "" : "s", bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos), dir);
    }

    private String clusterId() {
        Path file = dir.resolve("cluster.id");
        try {
            Files.createDirectories(dir);
            if (!Files.exists(file)) {
                Files.writeString(file, Uuid.randomUuid().toString());
            }
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code expected} brokers are registered and answering. */
    public void awaitBrokers(int expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        awaitListening(deadline);
        Throwable last = null;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, aliveBootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000"))) {
            while (System.nanoTime() < deadline) {
                for (BrokerNode node : nodes) {
                    if (node.pid() > 0 && !node.isAlive()) {
                        throw new IllegalStateException("Kafka node " + node.nodeId() + " exited during start-up:\n"
                                + node.logTail(40));
                    }
                }
                try {
                    int registered = admin.describeCluster(new DescribeClusterOptions().timeoutMs(3000))
                            .nodes().get(5, TimeUnit.SECONDS).size();
                    if (registered >= expected) {
                        return;
                    }
                } catch (Exception e) {
                    last = e;
                }
                sleep(200);
            }
        }
        throw new IllegalStateException("Kafka did not have " + expected + " brokers within " + timeout
                + " (last error: " + last + ")\n" + nodes.get(0).logTail(40));
    }

    /** Waits for a TCP accept on each live node's port, so the Admin client does not log refused connections. */
    private void awaitListening(long deadline) {
        for (BrokerNode node : nodes) {
            while (node.isAlive() && System.nanoTime() < deadline) {
                try (java.net.Socket socket = new java.net.Socket()) {
                    socket.connect(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(),
                            node.brokerPort()), 500);
                    break;
                } catch (IOException e) {
                    sleep(100);
                }
            }
        }
    }

    @Override
    public String bootstrapServers() {
        return nodes.stream().map(BrokerNode::bootstrapServer).collect(Collectors.joining(","));
    }

    private String aliveBootstrapServers() {
        return nodes.stream().filter(n -> n.pid() < 0 || n.isAlive()).map(BrokerNode::bootstrapServer)
                .collect(Collectors.joining(","));
    }

    /** Bootstrap servers of an extra listener added with {@link Builder#listener}. */
    public String bootstrapServers(String listenerName) {
        List<Integer> ports = extraListenerPorts.get(listenerName);
        if (ports == null) {
            throw new IllegalArgumentException("no listener " + listenerName);
        }
        return ports.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    }

    @Override
    public int brokerCount() {
        return nodes.size();
    }

    @Override
    public String brokerVersion() {
        return distribution.jarVersion();
    }

    @Override
    public KafkaDistribution distribution() {
        return distribution;
    }

    public List<BrokerNode> nodes() {
        return List.copyOf(nodes);
    }

    public BrokerNode node(int nodeId) {
        return nodes.stream().filter(n -> n.nodeId() == nodeId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + nodeId));
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        nodes.forEach(BrokerNode::kill);
        if (deleteOnClose) {
            deleteRecursively(dir);
        }
    }

    static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A port that is free now and outside the range the system picks outgoing connections' local ports from: while
     * a broker is down for a restart, a client reconnecting to it could otherwise be given its port as the local
     * end (on loopback it then even connects to itself) and hold it, so the broker could not bind it again.
     */
    static int freePort() {
        int[] ephemeral = ephemeralPorts();
        int low = 10_000;
        int high = ephemeral[0] - 1;
        if (high - low < 1_000) {
            low = ephemeral[1] + 1;
            high = 65_535;
        }
        for (int attempt = 0; attempt < 200 && high - low >= 100; attempt++) {
            int port = java.util.concurrent.ThreadLocalRandom.current().nextInt(low, high + 1);
            try (ServerSocket socket = new ServerSocket(port, 0, java.net.InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // in use: try another
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The system's range of local ports for outgoing connections (Linux's default where it cannot be read). */
    private static int[] ephemeralPorts() {
        // Read as a stream: Files.readString trusts the size procfs reports, which some kernels give as 1 byte.
        try (var reader = Files.newBufferedReader(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
            String[] bounds = reader.readLine().trim().split("\\s+", -1);
            return new int[] {Integer.parseInt(bounds[0]), Integer.parseInt(bounds[bounds.length - 1])};
        } catch (IOException | RuntimeException e) {
            return new int[] {32_768, 60_999};
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static final class Builder {
        private KafkaDistribution distribution;
        private int brokers = 1;
        private Path dir;
        private boolean deleteOnClose = true;
        private int firstBrokerPort;
        private int firstControllerPort;
        private final Map<String, String> properties = new LinkedHashMap<>();
        private final Map<String, String> extraListeners = new LinkedHashMap<>();
        private final Map<String, List<Integer>> advertisedPorts = new LinkedHashMap<>();
        private boolean quickFailureDetection;

        public Builder brokers(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("a cluster needs at least one broker");
            }
            this.brokers = count;
            return this;
        }

        /** Keep data in this folder across runs (scripts/local-kafka); otherwise a temporary folder is used. */
        public Builder dataDir(Path dir, boolean deleteOnClose) {
            this.dir = dir;
            this.deleteOnClose = deleteOnClose;
            return this;
        }

        public Builder ports(int brokerPort, int controllerPort) {
            this.firstBrokerPort = brokerPort;
            this.firstControllerPort = controllerPort;
            return this;
        }

        /**
         * The controller fences a broker 3 s after its last heartbeat instead of Kafka's 9 s: for tests that kill
         * brokers. Not for shared clusters: a broker starved of CPU that long on a busy machine loses its partitions.
         */
        public Builder quickFailureDetection() {
            this.quickFailureDetection = true;
            return this;
        }

        public Builder property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        /** An extra listener, e.g. ("SASL_SSL", "SASL_SSL"), on its own port per node. */
        public Builder listener(String name, String securityProtocol) {
            extraListeners.put(name, securityProtocol);
            return this;
        }

        /**
         * Advertises an extra listener at other loopback ports than the ones it binds, one per node (e.g. a
         * {@link TcpProxy} in front of each node): clients that bootstrap there reach every node through them.
         */
        public Builder advertise(String listenerName, List<Integer> ports) {
            advertisedPorts.put(listenerName, List.copyOf(ports));
            return this;
        }

        public Builder distribution(KafkaDistribution distribution) {
            this.distribution = distribution;
            return this;
        }

        public LocalKafkaCluster build() {
            if (distribution == null) {
                distribution = KafkaDistribution.fromEnvironment();
            }
            if (dir == null) {
                try {
                    dir = Files.createTempDirectory("logwise-kafka-" + UUID.randomUUID().toString().substring(0, 8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            advertisedPorts.forEach((name, ports) -> {
                if (!extraListeners.containsKey(name) || ports.size() != brokers) {
                    throw new IllegalArgumentException("advertise " + name + ": needs an extra listener of that name"
                            + " and one port per broker (" + brokers + "), got " + ports);
                }
            });
            return new LocalKafkaCluster(this);
        }
    }
}
