package io.logwise.kafka.handler;

import io.logwise.kafka.client.KafkaClients;
import io.logwise.kafka.gateway.TopicFixture;
import io.logwise.kafka.testkit.KafkaTestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * What the topic-provisioner's broker tests share: for a {@code @RealKafka} class with a per-class lifecycle, a
 * {@link TopicFixture} on its cluster, one {@link KafkaClients} and a handler with the fixture's environment, opened
 * before the class's tests and closed after them.
 */
abstract class ProvisionerOnRealKafka {

    protected TopicFixture kafka;
    protected KafkaClients clients;
    protected TopicProvisionerHandler handler;

    @BeforeAll
    void connectProvisioner(KafkaTestCluster cluster) {
        kafka = new TopicFixture(cluster);
        clients = new KafkaClients(KafkaClients.factoryFor(kafka.environment()));
        handler = new TopicProvisionerHandler(kafka.environment(), clients);
    }

    @AfterAll
    void closeProvisioner() {
        clients.close();
        kafka.close();
    }
}
