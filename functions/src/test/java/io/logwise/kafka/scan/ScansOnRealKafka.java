package io.logwise.kafka.scan;

import io.logwise.kafka.client.KafkaClients;
import io.logwise.kafka.testkit.KafkaTestCluster;
import io.logwise.kafka.testkit.LagFixtures;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * What the broker tests of scans share: the cluster of a {@code @RealKafka} class with a per-class lifecycle, lag
 * fixtures on it and one {@link KafkaClients} for the handlers, opened before the class's tests and closed after
 * them (a subclass's own {@code @BeforeAll} runs after this one, its {@code @AfterAll} before).
 */
public abstract class ScansOnRealKafka {

    protected KafkaTestCluster cluster;
    protected LagFixtures fixtures;
    protected KafkaClients clients;

    @BeforeAll
    void openScanClients(KafkaTestCluster cluster) {
        this.cluster = cluster;
        this.fixtures = new LagFixtures(cluster.bootstrapServers());
        this.clients = new KafkaClients(KafkaClients.factoryFor(
                Map.of("KAFKA_BOOTSTRAP_SERVERS", cluster.bootstrapServers())));
    }

    @AfterAll
    void closeScanClients() {
        clients.close();
        fixtures.close();
    }

    /** Eight random characters, to keep one test's topics, groups and state topic apart from another's. */
    protected static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** The summary of topic {@code name} in a scan result; an assertion error naming the topics there if absent. */
    protected static TopicSummary topic(ScanResult result, String name) {
        return result.topics().stream().filter(t -> t.topic().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + result.topics()));
    }
}
