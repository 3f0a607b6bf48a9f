package io.logwise.kafka.reliability;

import io.logwise.kafka.client.Deadline;
import io.logwise.kafka.client.KafkaClients;
import io.logwise.kafka.error.LogwiseException;
import io.logwise.kafka.gateway.StateStore;
import io.logwise.kafka.gateway.StateTopic;
import io.logwise.kafka.state.Decision;
import io.logwise.kafka.state.StatePart;
import io.logwise.kafka.state.StateStoreSettings;
import io.logwise.kafka.testkit.BrokerNode;
import io.logwise.kafka.testkit.Eventually;
import io.logwise.kafka.testkit.LocalKafkaCluster;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;

/**
 * A private three-node cluster (each node broker and controller) for fault tests, with an oracle Admin that is not
 * the one under test: who is the active controller, who leads a partition, kill and restart nodes, what the topics
 * look like, and what the decision journal holds.
 */
final class ClusterFaults implements AutoCloseable {

    /** Partition count, smallest replica count and retention.ms (as Kafka states it) of one topic. */
    record Layout(int partitions, int replicationFactor, String retentionMs, String minInsyncReplicas) {
    }

    private final LocalKafkaCluster cluster;
    private final Admin oracle;

    private ClusterFaults(LocalKafkaCluster cluster) {
        this.cluster = cluster;
        this.oracle = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "20000"));
    }

    /**
     * Three nodes on free ports, started again on new ports when another process took one first. A SIGKILLed node
     * recovers every log it holds on restart: more recovery threads keep that short.
     */
    static ClusterFaults startThreeNodes() {
        for (int attempt = 1; ; attempt++) {
            LocalKafkaCluster cluster = LocalKafkaCluster.builder().brokers(3).quickFailureDetection()
                    .property("num.recovery.threads.per.data.dir", "4").build();
            try {
                return new ClusterFaults(cluster.start());
            } catch (IllegalStateException e) {
                cluster.close();
                if (attempt == 3) {
                    throw e;
                }
                System.err.println("[faults] start attempt " + attempt + " failed, retrying on new ports: "
                        + e.getMessage().lines().findFirst().orElse(""));
            }
        }
    }

    LocalKafkaCluster cluster() {
        return cluster;
    }

    Admin oracle() {
        return oracle;
    }

    String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** The active KRaft controller: the leader of the metadata quorum. */
    int controllerId() {
        try {
            return oracle.describeMetadataQuorum().quorumInfo().get(20, TimeUnit.SECONDS).leaderId();
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe the metadata quorum", e);
        }
    }

    /** Asked until a broker that knows the topic and a leader answers (a new topic reaches brokers one by one). */
    int leaderOf(String topic, int partition) {
        try {
            return Eventually.await(() -> oracle.describeTopics(List.of(topic)).allTopicNames()
                    .get(20, TimeUnit.SECONDS).get(topic).partitions().get(partition).leader().id(), leader -> true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot find the leader of " + topic + "-" + partition, e);
        }
    }

    int journalLeader(StateStoreSettings settings) {
        return leaderOf(settings.topic(), new StateTopic(settings.topic(), StateTopic.PARTITIONS)
                .partitionOf(StatePart.JOURNAL));
    }

    /** A broker to kill that is not the active controller, preferring {@code preferred} when it qualifies. */
    int nonController(int preferred) {
        int controller = controllerId();
        return preferred != controller ? preferred
                : cluster.nodes().stream().mapToInt(BrokerNode::nodeId).filter(id -> id != controller).max()
                .orElseThrow();
    }

    void kill(int nodeId) {
        cluster.node(nodeId).kill();
    }

    /** Launches a killed node's JVM without waiting for it: it recovers while the test checks the end state. */
    void startInBackground(int nodeId) {
        cluster.node(nodeId).start();
    }

    /** Starts every node that is down and waits until all three brokers are registered again. */
    void restartAll() {
        long started = System.nanoTime();
        List<BrokerNode> down = cluster.nodes().stream().filter(node -> !node.isAlive()).toList();
        for (int attempt = 1; ; attempt++) {
            down.forEach(BrokerNode::start); // a node still alive is left alone
            try {
                cluster.awaitBrokers(cluster.brokerCount(), Duration.ofSeconds(90));
                break;
            } catch (IllegalStateException e) {
                // While a node was down, a client reconnecting to it may have been given its port as the local end
                // of a socket (on loopback it then connects to itself) and hold it until it gives up: start it again.
                if (attempt == 5 || !String.valueOf(e.getMessage()).contains("Address already in use")) {
                    throw e;
                }
                System.out.printf("[faults] a node could not bind its port (attempt %d): starting it again%n", attempt);
                sleep(2000);
            }
        }
        if (!down.isEmpty()) {
            System.out.printf("[faults] restarted %d node(s) in %d ms%n", down.size(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
    }

    /** Waits until the controller has fenced the dead node: a later call sees only the live brokers. */
    void awaitRegisteredBrokers(int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                if (oracle.describeCluster().nodes().get(10, TimeUnit.SECONDS).size() == count) {
                    return;
                }
            } catch (Exception e) {
                // a node is changing state: ask again
            }
            sleep(200);
        }
        throw new AssertionError("the cluster did not show " + count + " brokers within 60 s");
    }

    /**
     * Creates the topics (replicas on every node) and returns once every live broker hosts its replicas. The controller
     * confirms a creation when it commits it; each broker creates its logs (and learns the topic's configs, from the
     * same metadata batch) a moment later, seconds on a busy machine, and the code under test may ask any of them.
     */
    void createTopics(List<NewTopic> topics) throws Exception {
        oracle.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        Set<TopicPartition> partitions = topics.stream().flatMap(topic -> IntStream.range(0, topic.numPartitions())
                .mapToObj(p -> new TopicPartition(topic.name(), p))).collect(Collectors.toSet());
        List<Integer> live = cluster.nodes().stream().filter(BrokerNode::isAlive).map(BrokerNode::nodeId).toList();
        Map<Integer, Set<TopicPartition>> missing = Eventually.await(() -> missingReplicas(live, partitions),
                Map::isEmpty);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("replicas not created within " + Eventually.PATIENCE + ": " + missing);
        }
    }

    /** Per broker, the partitions it does not host yet: a log-dirs request goes to that broker itself. */
    private Map<Integer, Set<TopicPartition>> missingReplicas(List<Integer> brokers, Set<TopicPartition> partitions)
            throws Exception {
        Map<Integer, Set<TopicPartition>> missing = new HashMap<>();
        oracle.describeLogDirs(brokers).allDescriptions().get(30, TimeUnit.SECONDS).forEach((broker, dirs) -> {
            Set<TopicPartition> absent = new HashSet<>(partitions);
            dirs.values().forEach(dir -> absent.removeAll(dir.replicaInfos().keySet()));
            if (!absent.isEmpty()) {
                missing.put(broker, absent);
            }
        });
        return missing;
    }

    /**
     * The layouts of the named topics, read until {@code expected} accepts them or {@link Eventually#PATIENCE} has
     * passed: the broker that answers may not have applied the latest change yet. Returns the last layouts read.
     */
    Map<String, Layout> awaitLayouts(Collection<String> topics, Predicate<Map<String, Layout>> expected)
            throws Exception {
        return Eventually.await(() -> layouts(topics), expected);
    }

    /** What the oracle sees now; read again while a broker answers with an error (e.g. one just restarted). */
    BrokerSnapshot snapshot(Predicate<String> ignored) throws Exception {
        return Eventually.await(() -> BrokerSnapshot.take(oracle, ignored), snapshot -> true);
    }

    /** The layout of each named topic that exists. */
    Map<String, Layout> layouts(Collection<String> topics) {
        try {
            Set<String> existing = listedWithin(topics, Duration.ofSeconds(30));
            Map<String, TopicDescription> descriptions = oracle.describeTopics(existing).allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            Map<ConfigResource, Config> configs = oracle.describeConfigs(existing.stream()
                    .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList())
                    .all().get(30, TimeUnit.SECONDS);
            Map<String, Layout> layouts = new HashMap<>();
            configs.forEach((resource, config) -> {
                TopicDescription description = descriptions.get(resource.name());
                layouts.put(resource.name(), new Layout(description.partitions().size(),
                        description.partitions().stream().mapToInt(p -> p.replicas().size()).min().orElse(0),
                        value(config, "retention.ms"), value(config, "min.insync.replicas")));
            });
            return layouts;
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe the topics", e);
        }
    }

    /**
     * The named topics that exist. Metadata of a topic created a moment ago reaches the brokers one by one, so a
     * listing answered by a broker that has not heard of all of them is asked again, up to {@code patience}.
     */
    private Set<String> listedWithin(Collection<String> topics, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Set<String> existing = new TreeSet<>(oracle.listTopics().names().get(20, TimeUnit.SECONDS));
            existing.retainAll(topics);
            if (existing.size() == topics.size() || System.nanoTime() > deadline) {
                return existing;
            }
            sleep(200);
        }
    }

    private static String value(Config config, String name) {
        ConfigEntry entry = config.get(name);
        return entry == null ? null : entry.value();
    }

    /** Every decision in the journal, read back through the project's own store. */
    List<Decision> journal(Map<String, String> environment) {
        try (KafkaClients clients = new KafkaClients(KafkaClients.factoryFor(environment));
             StateStore store = StateStore.open(clients.factory(), clients.admin(),
                     StateStoreSettings.fromEnv(environment), Deadline.after(Duration.ofSeconds(60),
                             Duration.ofSeconds(20)))) {
            return store.journal().all();
        }
    }

    /** Kafka's own TopicCommand, as the oracle for one topic: its describe output. */
    String topicCommandDescribe(String topic) {
        return cluster.runTool("org.apache.kafka.tools.TopicCommand", "--bootstrap-server", bootstrapServers(),
                "--describe", "--topic", topic).requireSuccess().stdout();
    }

    /** Kafka's own ConfigCommand: the topic's dynamic configs. */
    String configCommandDescribe(String topic) {
        return cluster.runTool("org.apache.kafka.tools.ConfigCommand", "--bootstrap-server", bootstrapServers(),
                "--entity-type", "topics", "--entity-name", topic, "--describe").requireSuccess().stdout();
    }

    /**
     * The message of a typed failure names what was being done: the function's own operation (e.g. "provisioning
     * topics") or, for an error typed deeper down and passed through, the Kafka step it came from (KafkaErrors says
     * "... while describing the state topic ..." or "adding partitions failed: ...").
     */
    static void assertNamesWhatWasDone(LogwiseException error, String functionOperation) {
        String message = String.valueOf(error.getMessage());
        boolean names = message.contains(functionOperation)
                || java.util.regex.Pattern.compile("(while|for) [a-z]+ing |^[a-z]+ing [^:]+ failed").matcher(message)
                .find();
        if (!names) {
            throw new AssertionError("the message does not say what was being done: " + message);
        }
    }

    static String describe(Map<String, Layout> layouts) {
        return layouts.entrySet().stream().collect(Collectors.groupingBy(Map.Entry::getValue, Collectors.counting()))
                .toString();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        oracle.close(Duration.ofSeconds(2));
        cluster.close();
    }
}
