package io.logwise.kafka.gateway;

import io.logwise.kafka.client.Deadline;
import io.logwise.kafka.error.ConfigurationException;
import io.logwise.kafka.error.KafkaErrors;
import io.logwise.kafka.error.KafkaOperationException;
import io.logwise.kafka.state.StateStoreSettings;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the state topic, or creates it with safe settings when it is absent. It never alters or deletes a topic: an
 * existing state topic that is not compacted is refused, for a person to fix.
 */
public final class StateTopicKafkaGateway {

    private static final Logger LOG = LoggerFactory.getLogger(StateTopicKafkaGateway.class);
    private static final long METADATA_POLL_MS = 100;

    private final Admin admin;
    private final AdminReads reads;
    private final StateStoreSettings settings;

    public StateTopicKafkaGateway(Admin admin, StateStoreSettings settings) {
        this.admin = admin;
        this.reads = new AdminReads(admin);
        this.settings = settings;
    }

    /** The state topic when it exists (and is usable), else empty. */
    public Optional<StateTopic> describe(Deadline deadline) {
        String topic = settings.topic();
        String operation = "describing the state topic " + topic;
        KafkaFuture<TopicDescription> description = reads.topics(List.of(topic), deadline.callTimeoutMs(operation))
                .get(topic);
        KafkaFuture<Config> config = reads.topicConfigs(List.of(topic), deadline.callTimeoutMs(operation)).get(topic);
        int partitions;
        try {
            partitions = description.get().partitions().size();
        } catch (ExecutionException e) {
            if (KafkaErrors.unwrap(e) instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw KafkaErrors.translate(operation, e);
        } catch (InterruptedException e) {
            throw KafkaErrors.translate(operation, e);
        }
        String compression;
        try {
            requireCompacted(config.get());
            compression = value(config.get(), "compression.type");
        } catch (ExecutionException e) {
            if (KafkaErrors.unwrap(e) instanceof UnknownTopicOrPartitionException) {
                return Optional.empty(); // just created, and this broker does not know its configs yet
            }
            throw KafkaErrors.translate("reading the configs of the state topic " + topic, e);
        } catch (InterruptedException e) {
            throw KafkaErrors.translate("reading the configs of the state topic " + topic, e);
        }
        return Optional.of(new StateTopic(topic, partitions, false, compression));
    }

    /** The state topic, created first when absent. Another function creating it at the same time is fine. */
    public StateTopic ensure(Deadline deadline) {
        Optional<StateTopic> existing = describe(deadline);
        if (existing.isPresent()) {
            return existing.get();
        }
        boolean createdNow = create(deadline);
        while (true) {
            // Metadata reaches every broker a moment after creation: poll until this one answers.
            Optional<StateTopic> created = describe(deadline);
            if (created.isPresent()) {
                StateTopic topic = new StateTopic(created.get().name(), created.get().partitions(), createdNow,
                        created.get().compressionType());
                topic.creationNotice().ifPresent(LOG::warn);
                return topic;
            }
            sleep(METADATA_POLL_MS);
        }
    }

    /** True when this call created the topic, false when another invocation did so concurrently. */
    private boolean create(Deadline deadline) {
        String topic = settings.topic();
        String operation = "creating the state topic " + topic;
        int replication = settings.replicationFactor().isPresent()
                ? settings.replicationFactor().getAsInt() : settings.replicationFor(brokerCount(deadline));
        NewTopic newTopic = new NewTopic(topic, StateTopic.PARTITIONS, (short) replication)
                .configs(StateTopic.creationConfigs(replication));
        try {
            admin.createTopics(List.of(newTopic), new CreateTopicsOptions().timeoutMs(deadline.callTimeoutMs(operation))
                    .retryOnQuotaViolation(false)).all().get();
            LOG.info("created the state topic {} ({} partitions, replication {}, configs {})", topic,
                    StateTopic.PARTITIONS, replication, newTopic.configs());
            return true;
        } catch (ExecutionException e) {
            Throwable cause = KafkaErrors.unwrap(e);
            if (cause instanceof TopicExistsException) {
                LOG.info("the state topic {} was created concurrently by another invocation", topic);
                return false;
            }
            if (cause instanceof InvalidReplicationFactorException) {
                throw new KafkaOperationException(operation + " failed: replication factor " + replication
                        + " is not possible on this cluster (" + cause.getMessage() + "); set "
                        + StateStoreSettings.REPLICATION + " to at most the number of brokers", cause);
            }
            throw KafkaErrors.translate(operation, e);
        } catch (InterruptedException e) {
            throw KafkaErrors.translate(operation, e);
        }
    }

    private int brokerCount(Deadline deadline) {
        return reads.registeredBrokers(deadline, "counting the brokers for the state topic's replication");
    }


    /**
     * A state topic whose records Kafka may delete would lose decisions and extensions: it must be compacted only.
     * {@code compact,delete} is refused whatever its retention.ms and retention.bytes: with finite values Kafka
     * deletes whole segments by time or size, and with -1 one config change away from doing so.
     */
    private void requireCompacted(Config config) {
        Set<String> policy = Arrays.stream(value(config, "cleanup.policy").split(","))
                .map(String::trim).filter(part -> !part.isEmpty()).collect(Collectors.toSet());
        if (!policy.contains("compact") || policy.contains("delete")) {
            throw new ConfigurationException("the state topic " + settings.topic() + " (" + StateStoreSettings.TOPIC
                    + ") exists but is not a compacted topic that keeps its records: Kafka may delete them"
                    + " (cleanup.policy=" + value(config, "cleanup.policy") + ", retention.ms="
                    + value(config, "retention.ms") + ", retention.bytes=" + value(config, "retention.bytes")
                    + "): decisions and extensions would be lost. LogWise never"
                    + " alters it; set cleanup.policy=compact on it, or choose another " + StateStoreSettings.TOPIC);
        }
    }

    private static String value(Config config, String name) {
        ConfigEntry entry = config.get(name);
        return entry == null || entry.value() == null ? "" : entry.value();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw KafkaErrors.translate("waiting for the new state topic", e);
        }
    }
}
