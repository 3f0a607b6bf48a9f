package io.logwise.kafka.gateway;

import io.logwise.kafka.client.Deadline;
import io.logwise.kafka.client.KafkaClientFactory;
import io.logwise.kafka.error.KafkaErrors;
import io.logwise.kafka.error.KafkaUnavailableException;
import io.logwise.kafka.error.LogwiseException;
import io.logwise.kafka.state.StateLog;
import io.logwise.kafka.state.StatePart;
import io.logwise.kafka.state.StateRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes the state topic within the invocation's deadline. Writes go through the idempotent producer
 * (acks=all) and wait for every acknowledgement; reads use a group-less consumer (assign, no commits) from the start
 * of the partition to its end offset as captured when the read began. Clients are built on first use and closed
 * with the store; one instance serves one invocation.
 */
public final class StateLogKafkaGateway implements StateLog, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StateLogKafkaGateway.class);
    private static final Duration MAX_POLL = Duration.ofMillis(500);
    /** Room for the record framing around key and value. */
    private static final int RECORD_OVERHEAD_BYTES = 1024;
    /**
     * The largest journal value read: a decision or an extension is a few KiB. A larger one is not the store's own
     * writing; it is skipped and named, never decoded.
     */
    static final int MAX_JOURNAL_VALUE_BYTES = 1024 * 1024;
    /** The largest key read; keys are a topic name and an id. */
    static final int MAX_KEY_BYTES = 4096;

    private final KafkaClientFactory factory;
    private final StateTopic topic;
    private final Deadline deadline;
    private KafkaProducer<byte[], byte[]> producer;
    private KafkaConsumer<byte[], byte[]> consumer;
    private final SizeLimitedBytes values = new SizeLimitedBytes(StateTopic.MAX_MESSAGE_BYTES);
    private final Map<StatePart, List<String>> skipped = new java.util.EnumMap<>(StatePart.class);

    public StateLogKafkaGateway(KafkaClientFactory factory, StateTopic topic, Deadline deadline) {
        this.factory = factory;
        this.topic = topic;
        this.deadline = deadline;
    }

    @Override
    public void write(StatePart part, List<StateRecord> records) {
        int partition = topic.partitionOf(part);
        String operation = "writing " + records.size() + " record(s) to the state topic " + topic.name();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        try {
            for (StateRecord record : records) {
                byte[] key = record.key().text().getBytes(StandardCharsets.UTF_8);
                requireFits(record, key);
                acks.add(producer().send(new ProducerRecord<>(topic.name(), partition, key, record.value())));
            }
            for (Future<RecordMetadata> ack : acks) {
                // The producer gives up by itself after delivery.timeout.ms; waiting past the deadline would not help.
                ack.get(Math.max(1, deadline.remaining().toMillis()), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException | InterruptedException | RuntimeException e) {
            abandonProducer();
            throw KafkaErrors.translate(operation + " (the write may or may not have happened)", e);
        } catch (TimeoutException e) {
            abandonProducer();
            throw new KafkaUnavailableException(operation + ": not acknowledged before the function's deadline;"
                    + " the write may or may not have happened", e);
        }
    }

    @Override
    public Map<String, byte[]> read(StatePart part) {
        TopicPartition partition = new TopicPartition(topic.name(), topic.partitionOf(part));
        String operation = "reading the state topic " + partition;
        long started = System.nanoTime();
        Map<String, byte[]> latest = new LinkedHashMap<>();
        long records = 0;
        List<String> skippedHere = new ArrayList<>();
        int valueLimit = part == StatePart.JOURNAL ? MAX_JOURNAL_VALUE_BYTES : StateTopic.MAX_MESSAGE_BYTES;
        try {
            values.limit(valueLimit);
            KafkaConsumer<byte[], byte[]> reader = consumer();
            reader.assign(List.of(partition));
            long end = reader.endOffsets(List.of(partition), timeout(operation)).get(partition);
            reader.seekToBeginning(List.of(partition));
            while (reader.position(partition, timeout(operation)) < end) {
                for (ConsumerRecord<byte[], byte[]> record : reader.poll(pollTimeout(operation))) {
                    if (record.offset() >= end) {
                        break;
                    }
                    records++;
                    if (record.key() == null || record.key() == SizeLimitedBytes.TOO_LARGE) {
                        skippedHere.add("state record at " + partition + " offset " + record.offset()
                                + " skipped: its key has " + record.serializedKeySize() + " bytes (at most "
                                + MAX_KEY_BYTES + " read)");
                        continue;
                    }
                    String key = new String(record.key(), StandardCharsets.UTF_8);
                    latest.remove(key);
                    if (record.value() == SizeLimitedBytes.TOO_LARGE || record.serializedValueSize() > valueLimit) {
                        // The older value of the key is not used either: it is not the latest claim.
                        skippedHere.add("state record " + key + " at " + partition + " offset " + record.offset()
                                + " skipped: its value has " + record.serializedValueSize() + " bytes, more than the "
                                + valueLimit + " read for the " + part.name().toLowerCase(java.util.Locale.ROOT)
                                + " part");
                    } else if (record.value() != null) {
                        latest.put(key, record.value());
                    }
                }
            }
        } catch (RuntimeException e) {
            discardConsumer();
            throw KafkaErrors.translate(operation, e);
        }
        topic.compressionNotice().ifPresent(skippedHere::add);
        skippedHere.forEach(problem -> LOG.warn("{}", problem));
        skipped.put(part, List.copyOf(skippedHere));
        LOG.debug("read {} records ({} live keys) of {} in {} ms", records, latest.size(), partition,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return latest;
    }

    @Override
    public List<String> skipped(StatePart part) {
        return skipped.getOrDefault(part, List.of());
    }

    @Override
    public void close() {
        discardProducer();
        discardConsumer();
    }

    private static void requireFits(StateRecord record, byte[] key) {
        long size = key.length + (record.value() == null ? 0L : record.value().length) + RECORD_OVERHEAD_BYTES;
        if (size > StateTopic.MAX_MESSAGE_BYTES) {
            throw new LogwiseException(LogwiseException.Reason.INTERNAL, "the state record " + record.key().text()
                    + " has " + record.value().length + " bytes, more than the state topic's limit of "
                    + StateTopic.MAX_MESSAGE_BYTES + " bytes; nothing was written");
        }
    }

    private Duration timeout(String operation) {
        return Duration.ofMillis(deadline.callTimeoutMs(operation));
    }

    /** Short polls, so a dead cluster is noticed at the deadline instead of hanging. */
    private Duration pollTimeout(String operation) {
        Duration left = timeout(operation);
        return left.compareTo(MAX_POLL) < 0 ? left : MAX_POLL;
    }

    private KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            Properties props = factory.producerProperties();
            props.put(ProducerConfig.CLIENT_ID_CONFIG, factory.settings().clientId() + "-state-writer");
            props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(StateTopic.MAX_MESSAGE_BYTES));
            props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip");
            long maxBlock = Long.parseLong(props.getProperty(ProducerConfig.MAX_BLOCK_MS_CONFIG));
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG,
                    Long.toString(Math.min(maxBlock, deadline.callTimeoutMs("connecting to the state topic"))));
            producer = new KafkaProducer<>(props);
        }
        return producer;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        if (consumer == null) {
            Properties props = factory.consumerProperties();
            props.put(ConsumerConfig.CLIENT_ID_CONFIG, factory.settings().clientId() + "-state-reader");
            props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
            props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(StateTopic.MAX_MESSAGE_BYTES));
            props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(StateTopic.MAX_MESSAGE_BYTES));
            // Reads stop at an end offset taken first, so waiting for newer records never helps; and a fetch waiting
            // at the broker holds back the next request on its connection (listOffsets of the next part read): with
            // the default 500 ms, reading the journal after the snapshots took 270-380 ms of nothing.
            props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
            // Values above the writer's own limit are never copied out of the fetched batch (see SizeLimitedBytes).
            consumer = new KafkaConsumer<>(props, new SizeLimitedBytes(MAX_KEY_BYTES), values);
        }
        return consumer;
    }

    private void discardProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(1));
            } catch (RuntimeException e) {
                LOG.debug("ignored while closing the state writer", e);
            }
            producer = null;
        }
    }

    /**
     * After a failed write. Closing an idempotent producer joins its I/O thread, which may be blocked getting a
     * producer id from a broker that does not answer (Sender.awaitNodeReady, up to request.timeout.ms) whatever
     * timeout close is given: measured 7 s past a failed send with the default 10 s request timeout. The invocation
     * must not wait for that past its deadline, so the close ends on a daemon thread; unsent records are dropped (the
     * caller reports the write as uncertain).
     */
    private void abandonProducer() {
        if (producer != null) {
            KafkaProducer<byte[], byte[]> failed = producer;
            producer = null;
            Thread closer = new Thread(() -> {
                try {
                    failed.close(Duration.ZERO);
                } catch (RuntimeException e) {
                    LOG.debug("ignored while closing the failed state writer", e);
                }
            }, "logwise-state-writer-close");
            closer.setDaemon(true);
            closer.start();
        }
    }

    private void discardConsumer() {
        if (consumer != null) {
            try {
                consumer.close(CloseOptions.timeout(Duration.ofSeconds(1)));
            } catch (RuntimeException e) {
                LOG.debug("ignored while closing the state reader", e);
            }
            consumer = null;
        }
    }
}
