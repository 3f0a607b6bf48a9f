package io.logwise.kafka.testkit;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/** A single Kafka broker in a container, for machines with a Docker engine. */
final class TestcontainersKafkaCluster implements KafkaTestCluster {

    private static final String IMAGE = "apache/kafka:" + KafkaDistribution.fromEnvironment().version();

    private final KafkaContainer container;

    private TestcontainersKafkaCluster(KafkaContainer container) {
        this.container = container;
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    static TestcontainersKafkaCluster start() {
        KafkaContainer container = new KafkaContainer(IMAGE)
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                .withEnv("KAFKA_LOG_RETENTION_CHECK_INTERVAL_MS", "1000");
        container.start();
        System.err.println("[kafka-testkit] Testcontainers " + IMAGE + " ready at " + container.getBootstrapServers());
        return new TestcontainersKafkaCluster(container);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public int brokerCount() {
        return 1;
    }

    @Override
    public String brokerVersion() {
        return IMAGE.substring(IMAGE.indexOf(':') + 1);
    }

    @Override
    public KafkaDistribution distribution() {
        return KafkaDistribution.fromEnvironment();
    }

    @Override
    public void close() {
        container.stop();
    }
}
