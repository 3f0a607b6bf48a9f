package io.logwise.kafka.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logwise.kafka.json.Json;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One function of {@link SlowBrokerIT}: a fresh event for it that changes the cluster (or, for the lag scanner, reads
 * it), and how to see that the change was made. Each event names its own new topic, so a retry of it is recognisable.
 */
enum SlowBrokerScenario {

    PROVISIONER("topic-provisioner") {
        @Override
        Object event(ProxiedBroker broker) {
            return Map.of("services", List.of(broker.unique("slow")));
        }

        @Override
        void assertApplied(ProxiedBroker broker, JsonNode event) {
            broker.shape("logs." + event.at("/services/0").asText());
        }
    },

    LAG_SCANNER("lag-scanner") {
        @Override
        Object event(ProxiedBroker broker) {
            return Map.of("detail-type", "Scheduled Event", "source", "aws.events", "detail", Map.of());
        }

        @Override
        void assertApplied(ProxiedBroker broker, JsonNode event) {
            // read-only on the managed topics: its answer is the check
        }
    },

    /** A fresh AT_RISK scan result of a new three-partition topic, as the on-success destination delivers it. */
    SCALER("partition-scaler") {
        @Override
        Object event(ProxiedBroker broker) throws Exception {
            String topic = "logs." + broker.unique("scale");
            broker.createTopic(topic, 3);
            // The scaler measures before it acts: real lag over its MAX_LAG_PER_PARTITION (10 in SlowBrokerIT).
            broker.addUnreadRecords(topic, 3, 30, "logwise-spark-order-service");
            ObjectNode scan = (ObjectNode) Json.MAPPER.readTree(EVENTS.resolve("lag-scan-result.json").toFile());
            scan.put("scanId", "slow-broker-" + UUID.randomUUID());
            scan.put("scannedAt", Instant.now().toString());
            ((ObjectNode) scan.get("topics").get(0)).put("topic", topic);
            return Map.of("version", "0", "id", UUID.randomUUID().toString(),
                    "detail-type", "Lambda Function Invocation Result - Success", "source", "lambda",
                    "detail", Map.of("responsePayload", scan));
        }

        @Override
        void assertApplied(ProxiedBroker broker, JsonNode event) {
            String topic = event.at("/detail/responsePayload/topics/0/topic").asText();
            int partitions = broker.shape(topic).partitions();
            assertTrue(partitions > 3, topic + " scaled up from 3, has " + partitions);
        }
    },

    /** A day up to a week: a raise, which no guard holds back. */
    RETENTION("retention-updater") {
        @Override
        Object event(ProxiedBroker broker) throws Exception {
            String topic = "logs." + broker.unique("keep");
            broker.createTopic(topic, 1);
            return Map.of("topics", List.of(topic), "retention", "7d", "reason", "slow broker test");
        }

        @Override
        void assertApplied(ProxiedBroker broker, JsonNode event) {
            String topic = event.at("/topics/0").asText();
            assertEquals(WEEK_MS, broker.shape(topic).dynamicConfigs().get("retention.ms"), topic);
        }
    },

    /** A week down to a day on a topic whose consumer has not read records written three hours ago. */
    RETENTION_LOWERING("retention-updater") {
        @Override
        Object event(ProxiedBroker broker) throws Exception {
            String topic = "logs." + broker.unique("lower");
            broker.createTopicWithUnreadRecords(topic, WEEK_MS);
            return Map.of("topics", List.of(topic), "retention", "1d", "reason", "slow broker test");
        }

        @Override
        void assertApplied(ProxiedBroker broker, JsonNode event) {
            String topic = event.at("/topics/0").asText();
            assertEquals(ProxiedBroker.DAY_MS, broker.shape(topic).dynamicConfigs().get("retention.ms"),
                    topic + ": three hours of unread records fit in a day");
        }
    };

    private static final Path EVENTS = Path.of(System.getProperty("logwise.root", ".."), "events");
    private static final String WEEK_MS = "604800000";

    final String function;

    SlowBrokerScenario(String function) {
        this.function = function;
    }

    abstract Object event(ProxiedBroker broker) throws Exception;

    abstract void assertApplied(ProxiedBroker broker, JsonNode event);

    @Override
    public String toString() {
        return function + (this == RETENTION_LOWERING ? " (lowering)" : "");
    }
}
