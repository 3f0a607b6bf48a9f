package io.logwise.kafka.retention;

import io.logwise.kafka.testkit.KafkaTestCluster;
import io.logwise.kafka.testkit.TopicReads;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Topics, records with chosen write times and group positions on a real broker, for the retention tests. */
public final class RetentionFixture implements AutoCloseable {

    private final KafkaTestCluster cluster;
    private final Admin admin;
    private final TopicReads reads;

    public RetentionFixture(KafkaTestCluster cluster) {
        this.cluster = cluster;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
        this.reads = new TopicReads(admin);
    }

    Admin admin() {
        return admin;
    }

    public static String name(String kind) {
        return "logs.retention-" + kind + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A new topic with the given configs, e.g. retention.ms and another override to check it stays. */
    public String topic(String kind, int partitions, Map<String, String> configs) throws Exception {
        String name = name(kind);
        reads.create(List.of(new NewTopic(name, partitions, (short) 1).configs(configs)));
        return name;
    }

    /** {@code count} records to partition 0, written (record timestamp) at {@code writtenAt}. */
    public void produce(String topic, int count, Instant writtenAt) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, 0, writtenAt.toEpochMilli(), null,
                        ("log line " + i).getBytes())).get();
            }
        }
    }

    /** Commits {@code offset} on partition 0 for a group (no members stay behind). */
    void commit(String group, String topic, long offset) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(Set.of(partition));
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(offset)));
        }
    }

    String config(String topic, String name) throws Exception {
        return reads.config(topic, name);
    }

    /** The config once the broker answers {@code expected}, or as last answered (see {@link TopicReads}). */
    public String awaitConfig(String topic, String name, String expected) throws Exception {
        return reads.awaitConfig(topic, name, expected);
    }

    long retentionMs(String topic) throws Exception {
        return Long.parseLong(config(topic, "retention.ms"));
    }

    public long awaitRetentionMs(String topic, long expected) throws Exception {
        return Long.parseLong(awaitConfig(topic, "retention.ms", Long.toString(expected)));
    }

    /** Kafka's own ConfigCommand: the topic's dynamic configs as the tool prints them. */
    String describeWithConfigCommand(String topic) {
        return cluster.runTool("org.apache.kafka.tools.ConfigCommand", "--bootstrap-server",
                cluster.bootstrapServers(), "--describe", "--entity-type", "topics", "--entity-name", topic)
                .requireSuccess().stdout();
    }

    @Override
    public void close() {
        admin.close();
    }
}
