package io.logwise.kafka.testkit;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A real Kafka cluster a test talks to: a local child-JVM cluster, or a Testcontainers broker. */
public interface KafkaTestCluster extends AutoCloseable {

    String bootstrapServers();

    int brokerCount();

    /** The version the running broker reports. */
    String brokerVersion();

    /** Kafka's own tools (same version as the local broker), usable against any cluster as an oracle. */
    KafkaDistribution distribution();

    /** Runs one of Kafka's tools, e.g. {@code org.apache.kafka.tools.TopicCommand}, against this cluster. */
    default ToolResult runTool(String mainClass, String... args) {
        return Tools.run(distribution(), mainClass, List.of(args), Map.of(),
                Path.of(System.getProperty("java.io.tmpdir")));
    }

    @Override
    void close();
}
