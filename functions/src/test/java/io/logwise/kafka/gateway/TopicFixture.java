package io.logwise.kafka.gateway;

import io.logwise.kafka.testkit.Eventually;
import io.logwise.kafka.testkit.KafkaTestCluster;
import io.logwise.kafka.testkit.ToolResult;
import io.logwise.kafka.testkit.TopicReads;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Test-side access to a real cluster: makes topics the way the provisioner finds them in production (auto-created
 * by a producer, or created bare), and reads them back independently of the code under test.
 */
public final class TopicFixture implements AutoCloseable {

    private final KafkaTestCluster cluster;
    private final Admin admin;

    public TopicFixture(KafkaTestCluster cluster) {
        this.cluster = cluster;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
    }

    public static String unique(String base) {
        return base + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public Admin admin() {
        return admin;
    }

    public Map<String, String> environment(String... extra) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("KAFKA_BOOTSTRAP_SERVERS",
                cluster.bootstrapServers()));
        for (int i = 0; i < extra.length; i += 2) {
            env.put(extra[i], extra[i + 1]);
        }
        return env;
    }

    /** The way Vector makes a topic today: produce to it and let the broker auto-create it with its defaults. */
    public void autoCreateByProducing(String... topics) throws Exception {
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            for (String topic : topics) {
                producer.send(new ProducerRecord<>(topic, "{\"msg\":\"hello\"}")).get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** A topic made outside the provisioner, with broker defaults and no topic-level configs. */
    public void createBare(int partitions, int replicationFactor, String... topics) throws Exception {
        // The controller has committed the topics when this returns; it waits until the brokers serve them too.
        new TopicReads(admin).create(java.util.Arrays.stream(topics)
                .map(topic -> new NewTopic(topic, partitions, (short) replicationFactor)).toList());
    }

    public Set<String> topicNames() throws Exception {
        return admin.listTopics().names().get(30, TimeUnit.SECONDS);
    }

    /**
     * Partitions, replication factor and topic-level (DYNAMIC_TOPIC_CONFIG) configs, read with a separate client, as
     * the broker answers now. A topic created a moment ago may not be in the broker's metadata yet: retried.
     */
    public Map<String, Observed> observe(Collection<String> topics) throws Exception {
        return Eventually.await(() -> observeOnce(topics), seen -> true);
    }

    /**
     * The topics as seen once each looks as expected, or as last seen after {@link Eventually#PATIENCE}: a change
     * reaches the broker that answers a moment after the call that made it returned.
     */
    public Map<String, Observed> awaitObserved(Map<String, Observed> expected) throws Exception {
        return Eventually.awaitEquals(expected, () -> observeOnce(expected.keySet()));
    }

    private Map<String, Observed> observeOnce(Collection<String> topics) throws Exception {
        Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames()
                .get(60, TimeUnit.SECONDS);
        Map<ConfigResource, Config> configs = admin.describeConfigs(topics.stream()
                .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList())
                .all().get(60, TimeUnit.SECONDS);
        return topics.stream().collect(Collectors.toMap(topic -> topic, topic -> {
            TopicDescription description = descriptions.get(topic);
            Map<String, String> overrides = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic))
                    .entries().stream()
                    .filter(entry -> entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG)
                    .collect(Collectors.toMap(ConfigEntry::name, ConfigEntry::value));
            return new Observed(description.partitions().size(),
                    description.partitions().get(0).replicas().size(), overrides);
        }));
    }

    public Observed observe(String topic) throws Exception {
        return observe(List.of(topic)).get(topic);
    }

    /** The topic as seen once it looks as {@code expected}, or as last seen after {@link Eventually#PATIENCE}. */
    public Observed awaitObserved(String topic, Observed expected) throws Exception {
        return awaitObserved(Map.of(topic, expected)).get(topic);
    }

    /** Kafka's own TopicCommand --describe, the first line (the topic summary). */
    public String topicCommandDescribe(String topic) {
        ToolResult result = cluster.runTool("org.apache.kafka.tools.TopicCommand", "--bootstrap-server",
                cluster.bootstrapServers(), "--describe", "--topic", topic).requireSuccess();
        return result.stdout().lines().filter(line -> line.startsWith("Topic: " + topic + "\t")).findFirst()
                .orElseThrow(() -> new AssertionError("TopicCommand did not describe " + topic + ":\n"
                        + result.stdout()));
    }

    /** Kafka's own ConfigCommand --describe (org.apache.kafka.tools since Kafka 4.x): the topic's dynamic configs. */
    public String configCommandDescribe(String topic) {
        return cluster.runTool("org.apache.kafka.tools.ConfigCommand", "--bootstrap-server", cluster.bootstrapServers(),
                "--describe", "--entity-type", "topics", "--entity-name", topic).requireSuccess().stdout();
    }

    @Override
    public void close() {
        admin.close();
    }

    /** What a topic looks like from outside: partitions, replicas, topic-level overrides only. */
    public record Observed(int partitions, int replicationFactor, Map<String, String> overrides) {
    }
}
