package io.logwise.kafka.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.testkit.LocalKafkaCluster;
import io.logwise.kafka.testkit.TcpProxy;
import io.logwise.kafka.testkit.TopicReads;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A private one-node broker whose client listener is advertised at a {@link TcpProxy}'s port: a client that
 * bootstraps at {@link #proxiedBootstrap()} reaches the broker only through the proxy, for every connection it opens.
 * The test itself sets up and inspects the broker through its own listener ({@link #direct()}), which the proxy never
 * touches.
 */
final class ProxiedBroker implements AutoCloseable {

    static final String DAY_MS = "86400000";
    private static final String PROXIED = "PROXIED";

    private final TcpProxy proxy;
    private final LocalKafkaCluster kafka;
    private final Admin direct;
    private final TopicReads reads;
    private final MetadataBarrier barrier;
    private final String stateTopic = "logwise-ops.slow-" + UUID.randomUUID();
    private final AtomicInteger sequence = new AtomicInteger();

    private ProxiedBroker(TcpProxy proxy, LocalKafkaCluster kafka) throws Exception {
        this.proxy = proxy;
        this.kafka = kafka;
        this.direct = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
        this.reads = new TopicReads(direct);
        this.barrier = new MetadataBarrier(reads);
    }

    /** Free ports are taken by binding and releasing: on a busy machine another process may win one, so retry. */
    static ProxiedBroker start(int attempts) {
        for (int attempt = 1; ; attempt++) {
            TcpProxy proxy = TcpProxy.listening();
            LocalKafkaCluster kafka = LocalKafkaCluster.builder().listener(PROXIED, "PLAINTEXT")
                    .advertise(PROXIED, List.of(proxy.port())).build();
            String[] target = kafka.bootstrapServers(PROXIED).split(":");
            proxy.forwardTo(new InetSocketAddress(target[0], Integer.parseInt(target[1])));
            try {
                kafka.start();
            } catch (IllegalStateException e) {
                kafka.close();
                proxy.close();
                if (attempt == attempts) {
                    throw e;
                }
                continue;
            }
            try {
                return new ProxiedBroker(proxy, kafka);
            } catch (Exception e) {
                kafka.close();
                proxy.close();
                throw new IllegalStateException("the proxied broker started but cannot be set up", e);
            }
        }
    }

    TcpProxy proxy() {
        return proxy;
    }

    String proxiedBootstrap() {
        return proxy.address();
    }

    Admin direct() {
        return direct;
    }

    String stateTopic() {
        return stateTopic;
    }

    /**
     * Everything but internal topics, the functions' state topic and the barrier topic, once the broker has applied
     * every metadata change committed before this call (see {@link MetadataBarrier}).
     */
    BrokerSnapshot snapshot() {
        try {
            barrier.pass();
        } catch (Exception e) {
            throw new IllegalStateException("the broker did not apply the metadata barrier", e);
        }
        return BrokerSnapshot.take(direct, topic -> BrokerSnapshot.internalOr(stateTopic, topic)
                || topic.equals(barrier.topic()));
    }

    BrokerSnapshot.TopicShape shape(String topic) {
        BrokerSnapshot.TopicShape shape = snapshot().topics().get(topic);
        assertTrue(shape != null, topic + " exists");
        return shape;
    }

    String unique(String prefix) {
        return prefix + "-" + sequence.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    /** Creates a topic (retention one day) and returns once the broker serves it: metadata follows the controller. */
    void createTopic(String topic, int partitions) throws Exception {
        reads.create(List.of(new NewTopic(topic, partitions, (short) 1).configs(Map.of("retention.ms", DAY_MS))));
    }

    /** Real lag behind a scan's claim: {@code unread} records on each partition that {@code group} has not read. */
    void addUnreadRecords(String topic, int partitions, int unread, String group) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            for (int p = 0; p < partitions; p++) {
                for (int i = 0; i < unread; i++) {
                    producer.send(new ProducerRecord<>(topic, p, null, ("line " + i).getBytes()));
                }
            }
            producer.flush();
        }
        Map<TopicPartition, OffsetAndMetadata> start = new java.util.HashMap<>();
        for (int p = 0; p < partitions; p++) {
            start.put(new TopicPartition(topic, p), new OffsetAndMetadata(0));
        }
        direct.alterConsumerGroupOffsets(group, start).all().get(30, TimeUnit.SECONDS);
    }

    /** A topic with {@code retentionMs}, ten records written three hours ago, and a group that read two of them. */
    void createTopicWithUnreadRecords(String topic, String retentionMs) throws Exception {
        createTopic(topic, 1);
        reads.setConfig(topic, "retention.ms", retentionMs);
        long writtenAt = Instant.now().minus(Duration.ofHours(3)).toEpochMilli();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(topic, 0, writtenAt, null, ("line " + i).getBytes()));
            }
            producer.flush();
        }
        direct.alterConsumerGroupOffsets("spark-" + topic, Map.of(new TopicPartition(topic, 0),
                new OffsetAndMetadata(2))).all().get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        direct.close();
        kafka.close();
        proxy.close();
    }
}
