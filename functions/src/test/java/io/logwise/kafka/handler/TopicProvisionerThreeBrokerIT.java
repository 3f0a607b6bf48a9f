package io.logwise.kafka.handler;

import static io.logwise.kafka.gateway.TopicFixture.unique;
import static io.logwise.kafka.handler.TopicProvisionerIT.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.error.InvalidRequestException;
import io.logwise.kafka.gateway.TopicFixture.Observed;
import io.logwise.kafka.testkit.RealKafka;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Replication rules on a real three-broker cluster: RF min(3, brokers), min.insync.replicas 2 where RF >= 3. */
@RealKafka(brokers = 3)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TopicProvisionerThreeBrokerIT extends ProvisionerOnRealKafka {

    @Test
    void createsWithReplicationThreeAndMinInsyncReplicasTwo() throws Exception {
        String topic = "logs." + unique("replicated");
        JsonNode report = HandlerCalls.invoke(handler, "{\"services\": [\"" + topic + "\"]}");
        assertEquals("created", result(report, topic).path("status").asText());
        assertEquals("{\"partitions\":3,\"retentionMs\":3600000,\"replicationFactor\":3,\"minInsyncReplicas\":2}",
                report.path("policy").toString());
        Observed expected = new Observed(3, 3, Map.of("retention.ms", "3600000", "min.insync.replicas", "2"));
        assertEquals(expected, kafka.awaitObserved(topic, expected));
        String summary = kafka.topicCommandDescribe(topic);
        assertTrue(summary.contains("\tPartitionCount: 3\tReplicationFactor: 3\t"), summary);
        String configs = kafka.configCommandDescribe(topic);
        assertTrue(configs.contains("min.insync.replicas=2 sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:"
                + "min.insync.replicas=2"), configs);
    }

    @Test
    void aSweepReportsReplicationBelowPolicyAsDriftAndDoesNotPinAnUnsafeMinInsync() throws Exception {
        String topic = "logs." + unique("single-replica");
        kafka.createBare(1, 1, topic);
        JsonNode item = result(sweepUntilListed(topic), topic);
        assertEquals("adopted", item.path("status").asText());
        String drift = item.path("drift").toString();
        assertTrue(drift.contains("replication factor 1 is below the policy's 3"), drift);
        assertTrue(drift.contains("min.insync.replicas 2 not pinned: the topic has only 1 replica(s)"), drift);
        Observed expected = new Observed(3, 1, Map.of("retention.ms", "604800000"));
        assertEquals(expected, kafka.awaitObserved(topic, expected));

        JsonNode again = HandlerCalls.invoke(handler, "{\"sweep\": true}");
        assertEquals("exists", result(again, topic).path("status").asText());
        assertTrue(result(again, topic).path("drift").toString().contains("replication factor 1 is below"));
    }

    /**
     * Topic metadata reaches the three brokers one by one: a sweep answered by a broker that has not heard of a
     * topic created a moment ago leaves it to the next sweep. Sweep until it is listed (bounded).
     */
    private JsonNode sweepUntilListed(String topic) throws Exception {
        JsonNode report = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            report = HandlerCalls.invoke(handler, "{\"sweep\": true}");
            if (report.toString().contains("\"topic\":\"" + topic + "\"")) {
                return report;
            }
            Thread.sleep(100);
        }
        return report;
    }

    @Test
    void aReplicationFactorAboveTheBrokerCountIsRefusedAndNothingIsCreated() throws Exception {
        String topic = "logs." + unique("too-many-replicas");
        Set<String> before = kafka.topicNames();
        var error = assertThrows(InvalidRequestException.class, () -> HandlerCalls.invoke(handler,
                "{\"services\": [\"" + topic + "\"], \"replicationFactor\": 4}"));
        assertEquals("replicationFactor: 4 is above the 3 broker(s) of the cluster", error.getMessage());
        assertEquals(before, kafka.topicNames());
    }
}
