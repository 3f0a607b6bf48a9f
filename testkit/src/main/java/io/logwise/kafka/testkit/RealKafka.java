package io.logwise.kafka.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class a real Kafka cluster as a {@link KafkaTestCluster} (or {@link LocalKafkaCluster}) parameter.
 * The cluster is started once per test JVM and shared by every class asking for the same number of brokers.
 * {@code -Dlogwise.test.broker=local|testcontainers|auto} chooses the broker (default {@code local}: a child JVM
 * from Maven artifacts; {@code testcontainers} needs a Docker engine and skips the tests without one).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(KafkaBrokerExtension.class)
public @interface RealKafka {

    int brokers() default 1;
}
