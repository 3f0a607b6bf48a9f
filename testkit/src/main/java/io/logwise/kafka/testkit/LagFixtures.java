package io.logwise.kafka.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Known lag on a real broker, set up with batched calls: topics, N records per partition, M committed per partition.
 * Test and benchmark code only.
 */
public final class LagFixtures implements AutoCloseable {

    private final Admin admin;
    private final KafkaProducer<byte[], byte[]> producer;

    public LagFixtures(String bootstrapServers) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "120000",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "60000"));
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, "20",
                ProducerConfig.BATCH_SIZE_CONFIG, "65536",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
    }

    public Admin admin() {
        return admin;
    }

    /** One createTopics call per 1,000 topics, replication factor 1, optional configs. */
    public void createTopics(Map<String, Integer> partitionsByTopic, Map<String, String> configs) {
        List<NewTopic> topics = new ArrayList<>();
        partitionsByTopic.forEach((name, partitions) -> topics.add(new NewTopic(name, partitions, (short) 1)
                .configs(configs)));
        for (int i = 0; i < topics.size(); i += 1000) {
            get(admin.createTopics(topics.subList(i, Math.min(topics.size(), i + 1000))).all());
        }
        awaitServed(partitionsByTopic.keySet());
    }

    /** The controller has committed new topics when createTopics returns; the broker serves them a moment later. */
    private void awaitServed(java.util.Collection<String> topics) {
        try {
            new TopicReads(admin).awaitServed(topics);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka fixture topics not served: " + e, e);
        }
    }

    /** A topic whose partition p lives on broker {@code brokers.get(p)} only. */
    public void createTopicOn(String name, List<Integer> brokers) {
        Map<Integer, List<Integer>> assignment = new HashMap<>();
        for (int p = 0; p < brokers.size(); p++) {
            assignment.put(p, List.of(brokers.get(p)));
        }
        get(admin.createTopics(List.of(new NewTopic(name, assignment))).all());
        awaitServed(List.of(name));
    }

    /** Sends {@code counts[p]} records to partition p of each topic, then waits for every acknowledgement. */
    public void produce(Map<String, int[]> countsByTopic) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        byte[] value = "a log line of some length for the lag scanner tests".getBytes(StandardCharsets.UTF_8);
        countsByTopic.forEach((topic, counts) -> {
            for (int p = 0; p < counts.length; p++) {
                for (int i = 0; i < counts[p]; i++) {
                    sent.add(producer.send(new ProducerRecord<>(topic, p, null, value)));
                }
            }
        });
        producer.flush();
        sent.forEach(LagFixtures::get);
    }

    /**
     * Sends {@code count} records to partition 0 of {@code topic} with timestamps spread evenly over
     * ({@code from}, {@code to}]: a producer writing at a steady rate during that time. Waits for every
     * acknowledgement.
     */
    public void produceDuring(String topic, int count, java.time.Instant from, java.time.Instant to) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        byte[] value = "a log line of some length for the lag scanner tests".getBytes(StandardCharsets.UTF_8);
        long spanMs = to.toEpochMilli() - from.toEpochMilli();
        for (int i = 0; i < count; i++) {
            long timestamp = from.toEpochMilli() + spanMs * (i + 1) / count;
            sent.add(producer.send(new ProducerRecord<>(topic, 0, timestamp, null, value)));
        }
        producer.flush();
        sent.forEach(LagFixtures::get);
    }

    /** Commits offsets for a group that has no members (as ConsumerGroupCommand --reset-offsets would). */
    public void commit(String group, Map<TopicPartition, Long> offsets) {
        Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
        offsets.forEach((tp, offset) -> committed.put(tp, new OffsetAndMetadata(offset)));
        // createTopics returns once the controller has committed the topics; the group coordinator checks the
        // partitions against its own broker's metadata, which can still lag behind on a loaded machine.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                admin.alterConsumerGroupOffsets(group, committed).all().get(5, TimeUnit.MINUTES);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw new IllegalStateException("Kafka fixture call failed: " + e.getCause(), e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("Kafka fixture call timed out", e);
            }
            sleep(100);
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

    /** Moves the log start offset of a partition, as retention would: records before it are gone. */
    public void deleteRecordsBefore(TopicPartition partition, long offset) {
        get(admin.deleteRecords(Map.of(partition, RecordsToDelete.beforeOffset(offset))).all());
    }

    public static Map<TopicPartition, Long> offsets(String topic, long... perPartition) {
        Map<TopicPartition, Long> result = new HashMap<>();
        for (int p = 0; p < perPartition.length; p++) {
            result.put(new TopicPartition(topic, p), perPartition[p]);
        }
        return result;
    }

    private static <T> T get(Future<T> future) {
        try {
            return future.get(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka fixture call failed: " + e.getCause(), e);
        }
    }

    @Override
    public void close() {
        producer.close();
        admin.close();
    }
}
