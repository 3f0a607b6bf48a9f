package io.logwise.kafka.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A Spark-like batch consumer that reads at most {@code recordsPerSecond}. It keeps its position either as a Kafka
 * group commit (like a job with commits) or in a Spark checkpoint folder (offsets/N and commits/N, Spark's format).
 */
final class SlowConsumer implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final int recordsPerSecond;
    private final Path checkpoint;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private long batchId;

    /** @param checkpoint null: commit to the group; otherwise write Spark checkpoint files there, never commit */
    SlowConsumer(String bootstrap, String group, String topic, int recordsPerSecond, Path checkpoint) {
        this.topic = topic;
        this.recordsPerSecond = recordsPerSecond;
        this.checkpoint = checkpoint;
        Properties props = new Properties();
        props.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(Math.max(1, recordsPerSecond / 2)),
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, "5000"));
        // The demo runs on the deployment jar, which leaves out the client-metrics-push protobuf (see the pom).
        props.put("enable.metrics.push", "false");
        consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        thread = new Thread(this::run, "consumer-" + group);
        thread.setDaemon(true);
    }

    SlowConsumer start() {
        consumer.subscribe(java.util.List.of(topic));
        thread.start();
        return this;
    }

    private void run() {
        try {
            while (running.get()) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                if (!records.isEmpty()) {
                    Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
                    records.forEach(r -> next.put(new TopicPartition(r.topic(), r.partition()),
                            new OffsetAndMetadata(r.offset() + 1)));
                    if (checkpoint == null) {
                        consumer.commitSync(next);
                    } else {
                        writeCheckpointBatch(next);
                    }
                }
                LogTraffic.sleep(Duration.ofMillis(500L * Math.max(1, records.count()) / Math.max(1,
                        recordsPerSecond / 2)));
            }
        } catch (org.apache.kafka.common.errors.WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** Spark's offset log: "v1", the batch metadata, then the Kafka source's {"topic":{"partition":offset}}. */
    private void writeCheckpointBatch(Map<TopicPartition, OffsetAndMetadata> next) {
        Map<TopicPartition, Long> positions = new HashMap<>();
        consumer.assignment().forEach(p -> positions.put(p, consumer.position(p)));
        next.forEach((p, o) -> positions.put(p, o.offset()));
        String offsets = positions.entrySet().stream()
                .map(e -> "\"" + e.getKey().partition() + "\":" + e.getValue())
                .collect(Collectors.joining(",", "{\"" + topic + "\":{", "}}"));
        long now = System.currentTimeMillis();
        try {
            write(checkpoint.resolve("offsets"), "v1\n{\"batchWatermarkMs\":0,\"batchTimestampMs\":" + now
                    + ",\"conf\":{}}\n" + offsets);
            write(checkpoint.resolve("commits"), "v1\n{\"nextBatchWatermarkMs\":0}");
            batchId++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As Spark does: write a hidden temporary file, then rename it to the batch id. */
    private void write(Path dir, String content) throws IOException {
        Files.createDirectories(dir);
        Path temp = dir.resolve("." + batchId + "." + java.util.UUID.randomUUID() + ".tmp");
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        Files.move(temp, dir.resolve(Long.toString(batchId)), StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            thread.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
