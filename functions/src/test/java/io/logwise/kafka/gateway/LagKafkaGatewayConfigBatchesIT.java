package io.logwise.kafka.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logwise.kafka.client.Deadline;
import io.logwise.kafka.lag.TopicLog;
import io.logwise.kafka.testkit.KafkaTestCluster;
import io.logwise.kafka.testkit.LagFixtures;
import io.logwise.kafka.testkit.RealKafka;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/**
 * describeConfigs goes out in requests of {@link LagKafkaGateway#CONFIG_BATCH} topics: every topic's retention is
 * still read, from whichever request carried it.
 */
@RealKafka
class LagKafkaGatewayConfigBatchesIT {

    private static final long OVERRIDDEN_RETENTION_MS = 123_456_789L;

    @Test
    void readsTheRetentionOfEveryTopicAcrossConfigRequests(KafkaTestCluster cluster) throws Exception {
        String prefix = "logs.batches-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        int plain = LagKafkaGateway.CONFIG_BATCH;
        List<String> topics = new ArrayList<>();
        try (LagFixtures fixtures = new LagFixtures(cluster.bootstrapServers())) {
            Map<String, Integer> plainTopics = new HashMap<>();
            for (int t = 0; t < plain; t++) {
                plainTopics.put(String.format("%sa%04d", prefix, t), 1);
            }
            fixtures.createTopics(plainTopics, Map.of());
            // Sorted after the plain ones, so they travel in the second request.
            fixtures.createTopics(Map.of(prefix + "z1", 1, prefix + "z2", 1),
                    Map.of("retention.ms", Long.toString(OVERRIDDEN_RETENTION_MS)));
            topics.addAll(plainTopics.keySet());
            topics.sort(null);
            topics.add(prefix + "z1");
            topics.add(prefix + "z2");

            Admin real = fixtures.admin();
            awaitConfigs(real, topics);

            AtomicInteger describeConfigsCalls = new AtomicInteger();
            Admin counted = (Admin) Proxy.newProxyInstance(Admin.class.getClassLoader(), new Class<?>[] {Admin.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("describeConfigs")) {
                            describeConfigsCalls.incrementAndGet();
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            LagKafkaGateway gateway = new LagKafkaGateway(counted, Deadline.after(Duration.ofMinutes(2),
                    Duration.ofSeconds(60)));
            LagKafkaGateway.Description description = gateway.describe(topics);
            List<String> problems = new ArrayList<>();
            List<TopicLog> logs = gateway.logs(description, description.layouts(), problems);

            assertEquals(List.of(), problems);
            assertEquals(2, describeConfigsCalls.get());
            Map<String, Long> retentions = new HashMap<>();
            logs.forEach(log -> retentions.put(log.topic(), log.retentionMs()));
            Long brokerDefault = retentions.get(topics.get(0));
            assertEquals(604_800_000L, brokerDefault);
            for (String topic : topics.subList(0, plain)) {
                assertEquals(brokerDefault, retentions.get(topic), topic);
            }
            assertEquals(OVERRIDDEN_RETENTION_MS, retentions.get(prefix + "z1"));
            assertEquals(OVERRIDDEN_RETENTION_MS, retentions.get(prefix + "z2"));
        }
    }

    /** createTopics returns once the controller has the topics; the broker serves their configs a little later. */
    private static void awaitConfigs(Admin admin, List<String> topics) throws InterruptedException {
        List<ConfigResource> resources = topics.stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | TimeoutException e) {
                if (System.nanoTime() > giveUp) {
                    throw new AssertionError("the broker did not serve the topics' configs within 60 s", e);
                }
                Thread.sleep(200);
            }
        }
    }
}
