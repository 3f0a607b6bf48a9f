package io.logwise.kafka.demo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes Vector-like JSON log records to one service's topic at a steady rate, in a background thread. */
final class LogTraffic implements AutoCloseable {

    private final String service;
    private final String topic;
    private final int recordsPerSecond;
    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong sent = new AtomicLong();
    private final Thread thread;

    LogTraffic(String bootstrap, String service, String topic, int recordsPerSecond) {
        this.service = service;
        this.topic = topic;
        this.recordsPerSecond = recordsPerSecond;
        Properties props = new Properties();
        props.putAll(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, "20",
                ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"));
        // The demo runs on the deployment jar, which leaves out the client-metrics-push protobuf (see the pom).
        props.put("enable.metrics.push", "false");
        producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        thread = new Thread(this::run, "traffic-" + service);
        thread.setDaemon(true);
    }

    LogTraffic start() {
        thread.start();
        return this;
    }

    long sent() {
        return sent.get();
    }

    String topic() {
        return topic;
    }

    int recordsPerSecond() {
        return recordsPerSecond;
    }

    private void run() {
        long started = System.nanoTime();
        String[] levels = {"INFO", "INFO", "INFO", "WARN", "ERROR", "DEBUG"};
        while (running.get()) {
            long due = (System.nanoTime() - started) * recordsPerSecond / 1_000_000_000L;
            List<ProducerRecord<byte[], byte[]>> batch = new ArrayList<>();
            for (long i = sent.get(); i < due; i++) {
                String json = "{\"timestamp\":\"" + Instant.now() + "\",\"host\":\"" + service + "-7d9f8\","
                        + "\"service_name\":\"" + service + "\",\"level\":\"" + levels[(int) (i % levels.length)]
                        + "\",\"message\":\"request " + i + " handled in " + (i % 97) + " ms\","
                        + "\"source_type\":\"kubernetes_logs\"}";
                batch.add(new ProducerRecord<>(topic, json.getBytes(StandardCharsets.UTF_8)));
            }
            batch.forEach(record -> {
                var unused = producer.send(record); // traffic: a lost record changes nothing
            });
            sent.addAndGet(batch.size());
            sleep(Duration.ofMillis(50));
        }
    }

    @Override
    public void close() {
        running.set(false);
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(2));
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
