package io.logwise.kafka.gateway;

import io.logwise.kafka.service.LagScanService;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.client.Deadline;
import io.logwise.kafka.lag.LagScannerSettings;
import io.logwise.kafka.lag.ScanRequest;
import io.logwise.kafka.scan.ScanResult;
import io.logwise.kafka.testkit.KafkaTestCluster;
import io.logwise.kafka.testkit.LagFixtures;
import io.logwise.kafka.testkit.RealKafka;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The scan makes a constant number of Admin calls whatever the number of topics (up to 500, one describeConfigs
 * request), and one listConsumerGroupOffsets call per 20 groups: counted by a java.lang.reflect.Proxy around a real
 * Admin client talking to a real broker (shared with other test classes, whose groups it also lists).
 */
@RealKafka
class LagKafkaGatewayRoundTripsIT {

    private static Map<String, Integer> expectedCalls(Admin admin) throws Exception {
        // Every group the cluster lists, plus the expected consumer, which does not exist.
        int groups = admin.listGroups(ListGroupsOptions.forConsumerGroups()).valid().get().size() + 1;
        int offsetCalls = (groups + LagKafkaGateway.GROUPS_PER_OFFSETS_CALL - 1) / LagKafkaGateway.GROUPS_PER_OFFSETS_CALL;
        return new TreeMap<>(Map.of("listTopics", 1, "describeTopics", 1, "describeConfigs", 1, "listGroups", 1,
                "listConsumerGroupOffsets", offsetCalls, "listOffsets", 2));
    }

    @Test
    void sevenBatchedCallsForThreeTopicsAndForFortyThree(KafkaTestCluster cluster) throws Exception {
        String prefix = "logs.count-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        LagScannerSettings settings = LagScannerSettings.fromEnv(Map.of("MANAGED_TOPIC_PREFIX", prefix,
                "LAG_EXPECTED_CONSUMERS", "*=" + prefix + "expected"));
        try (LagFixtures fixtures = new LagFixtures(cluster.bootstrapServers())) {
            addTopicsAndGroups(fixtures, prefix, 0, 3, 2);
            Map<String, Integer> small = countCalls(fixtures.admin(), settings);
            assertEquals(expectedCalls(fixtures.admin()), small);

            addTopicsAndGroups(fixtures, prefix, 3, 43, 20);
            Map<String, Integer> large = countCalls(fixtures.admin(), settings);
            Map<String, Integer> expected = expectedCalls(fixtures.admin());
            assertEquals(expected, large);
            assertTrue(expected.get("listConsumerGroupOffsets") >= 2, "22 groups or more need two offset calls");
        }
    }

    private static void addTopicsAndGroups(LagFixtures fixtures, String prefix, int from, int to, int groups) {
        Map<String, Integer> topics = new HashMap<>();
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (int t = from; t < to; t++) {
            topics.put(prefix + t, 2);
            offsets.put(new TopicPartition(prefix + t, 0), 0L);
        }
        fixtures.createTopics(topics, Map.of());
        for (int g = 0; g < groups; g++) {
            fixtures.commit(prefix + "group-" + from + "-" + g, offsets);
        }
    }

    private static Map<String, Integer> countCalls(Admin real, LagScannerSettings settings) {
        Map<String, Integer> calls = new TreeMap<>();
        Admin counted = (Admin) Proxy.newProxyInstance(Admin.class.getClassLoader(), new Class<?>[] {Admin.class},
                (proxy, method, args) -> {
                    synchronized (calls) {
                        calls.merge(method.getName(), 1, Integer::sum);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        LagKafkaGateway gateway = new LagKafkaGateway(counted, Deadline.after(Duration.ofMinutes(1),
                Duration.ofSeconds(20)));
        ScanResult result = LagScanService.forKafkaGroups(gateway, settings).scan(ScanRequest.FULL);
        assertEquals(false, result.partial(), result.problems().toString());
        return calls;
    }
}
