package io.logwise.kafka.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

@RealKafka
class KafkaTestkitIT {

    private final KafkaTestCluster kafka;

    KafkaTestkitIT(KafkaTestCluster kafka) {
        this.kafka = kafka;
    }

    @Test
    void aRealBrokerOfTheResolvedVersionAnswersKafkasOwnTools() throws Exception {
        assertEquals(KafkaDistribution.fromEnvironment().version(), kafka.brokerVersion());
        String topic = "testkit." + UUID.randomUUID();
        kafka.runTool("org.apache.kafka.tools.TopicCommand", "--bootstrap-server", kafka.bootstrapServers(),
                "--create", "--topic", topic, "--partitions", "2").requireSuccess();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Set<String> topics = admin.listTopics().names().get();
            assertTrue(topics.contains(topic), topics.toString());
            assertEquals(2, admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic).partitions().size());
        }
        ToolResult describe = kafka.runTool("org.apache.kafka.tools.TopicCommand", "--bootstrap-server",
                kafka.bootstrapServers(), "--describe", "--topic", topic).requireSuccess();
        assertTrue(describe.stdout().contains("PartitionCount: 2"), describe.stdout());
    }
}
