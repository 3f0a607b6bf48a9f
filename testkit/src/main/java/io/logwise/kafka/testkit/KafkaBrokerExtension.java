package io.logwise.kafka.testkit;

import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Resolves {@link KafkaTestCluster} parameters to one shared real cluster per broker count and kind. When a test of
 * a class that uses a shared local cluster fails, the end of each node's server log goes to the test's output, so a
 * broker-side cause (a fenced node, a full disk) is in the report beside the failure.
 */
public final class KafkaBrokerExtension implements ParameterResolver, TestWatcher {

    public static final String BROKER_PROPERTY = "logwise.test.broker";
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(KafkaBrokerExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KafkaTestCluster.class || type == LocalKafkaCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        int brokers = context.getTestClass()
                .flatMap(type -> AnnotationSupport.findAnnotation(type, RealKafka.class))
                .map(RealKafka::brokers).orElse(1);
        boolean needsLocal = parameter.getParameter().getType() == LocalKafkaCluster.class;
        String kind = needsLocal ? "local" : chosenKind();
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        KafkaTestCluster cluster = store.getOrComputeIfAbsent(kind + "-" + brokers,
                key -> new SharedCluster(start(kind, brokers)), SharedCluster.class).cluster();
        // Not the cluster itself: JUnit closes AutoCloseable values when the class's store closes.
        context.getStore(NAMESPACE).put(UsedCluster.class, new UsedCluster(cluster));
        return cluster;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        UsedCluster used = context.getStore(NAMESPACE).get(UsedCluster.class, UsedCluster.class);
        if (used != null && used.cluster() instanceof LocalKafkaCluster local) {
            local.nodes().forEach(node -> System.err.println("[kafka-testkit] after the failure of "
                    + context.getDisplayName() + ", the end of node " + node.nodeId() + "'s log:\n"
                    + node.logTail(30)));
        }
    }

    private static String chosenKind() {
        String kind = System.getProperty(BROKER_PROPERTY, "local").toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "local" -> "local";
            case "testcontainers" -> {
                Assumptions.assumeTrue(TestcontainersKafkaCluster.dockerAvailable(),
                        "-D" + BROKER_PROPERTY + "=testcontainers chosen but no Docker engine is available: skipped");
                yield "testcontainers";
            }
            case "auto" -> TestcontainersKafkaCluster.dockerAvailable() ? "testcontainers" : "local";
            default -> throw new IllegalArgumentException("-D" + BROKER_PROPERTY + "=" + kind
                    + ": expected local, testcontainers or auto");
        };
    }

    private static KafkaTestCluster start(String kind, int brokers) {
        if (kind.equals("testcontainers")) {
            if (brokers != 1) {
                throw new IllegalStateException("the Testcontainers broker is single-node; multi-broker tests"
                        + " use the local cluster");
            }
            return TestcontainersKafkaCluster.start();
        }
        return LocalKafkaCluster.startWithFreshPorts(brokers, 3);
    }

    /** Which shared cluster a test class was given, for the failure report; closing it is not the class's job. */
    private record UsedCluster(KafkaTestCluster cluster) {
    }

    /** Closes the cluster when the test JVM's root context closes. */
    private record SharedCluster(KafkaTestCluster cluster)
            implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            cluster.close();
        }
    }
}
