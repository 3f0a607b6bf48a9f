package io.logwise.kafka.service;

import io.logwise.kafka.gateway.LagKafkaGateway;
import static io.logwise.kafka.testkit.LagFixtures.offsets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.client.Deadline;
import io.logwise.kafka.client.KafkaClients;
import io.logwise.kafka.lag.ActionPlanner;
import io.logwise.kafka.lag.LagScannerSettings;
import io.logwise.kafka.lag.ScanRequest;
import io.logwise.kafka.scan.ConsumerSummary;
import io.logwise.kafka.scan.ScanResult;
import io.logwise.kafka.scan.TopicSummary;
import io.logwise.kafka.scan.Verdict;
import io.logwise.kafka.testkit.LagFixtures;
import io.logwise.kafka.testkit.LocalKafkaCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A broker of a three-broker cluster stops: the partitions it led are UNKNOWN, the scan is partial, and nothing
 * reports 0 lag for them; partitions on the other brokers are measured exactly. A private cluster (this test kills a
 * node), with short Kafka timeouts so the test stays quick.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LagScanPartialIT {

    private static final String SPREAD = "logs.spread";
    private static final String SAFE = "logs.safe";
    private static final int KILLED = 3;

    private LocalKafkaCluster cluster;
    private KafkaClients clients;
    /** A group whose coordinator is not the broker that gets killed: its positions stay readable. */
    private String group;

    @BeforeAll
    void start() {
        cluster = LocalKafkaCluster.startWithFreshPorts(
                () -> LocalKafkaCluster.builder().brokers(3).quickFailureDetection(), 3);
        try (LagFixtures fixtures = new LagFixtures(cluster.bootstrapServers())) {
            fixtures.createTopicOn(SPREAD, List.of(1, 2, KILLED, 1, 2, KILLED));
            fixtures.createTopicOn(SAFE, List.of(1, 2));
            fixtures.produce(Map.of(SPREAD, new int[] {10, 10, 10, 10, 10, 10}, SAFE, new int[] {8, 8}));
            group = groupNotCoordinatedBy(fixtures, KILLED);
            fixtures.commit(group, offsets(SPREAD, 4, 4, 4, 4, 4, 4));
            fixtures.commit(group, offsets(SAFE, 8, 2));
            int coordinator = fixtures.admin().describeConsumerGroups(List.of(group)).all().get().get(group)
                    .coordinator().id();
            assertNotEquals(KILLED, coordinator, "the test group must survive the broker being killed");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        clients = new KafkaClients(KafkaClients.factoryFor(Map.of("KAFKA_BOOTSTRAP_SERVERS",
                cluster.bootstrapServers(), "KAFKA_API_TIMEOUT_MS", "4000", "KAFKA_REQUEST_TIMEOUT_MS", "2000")));
    }

    /**
     * Kafka's own answer to "which broker coordinates this group": candidates commit on a probe topic outside the
     * managed prefix (never scanned), and the first one coordinated by another broker is kept.
     */
    private static String groupNotCoordinatedBy(LagFixtures fixtures, int broker) throws Exception {
        fixtures.createTopics(Map.of("other.probe", 1), Map.of());
        for (int i = 0; i < 50; i++) {
            String candidate = "spark-spread-" + i;
            fixtures.commit(candidate, offsets("other.probe", 0));
            int coordinator = fixtures.admin().describeConsumerGroups(List.of(candidate)).all().get().get(candidate)
                    .coordinator().id();
            if (coordinator != broker) {
                return candidate;
            }
        }
        throw new AssertionError("no group id out of 50 is coordinated by a broker other than " + broker);
    }

    @AfterAll
    void stop() {
        if (clients != null) {
            clients.close();
        }
        cluster.close();
    }

    private ScanResult scan() {
        LagKafkaGateway gateway = new LagKafkaGateway(clients.admin(), Deadline.after(Duration.ofSeconds(60),
                Duration.ofSeconds(4)));
        return LagScanService.forKafkaGroups(gateway, LagScannerSettings.fromEnv(Map.of("MAX_LAG_PER_PARTITION", "5")))
                .scan(new ScanRequest(Optional.of(Set.of(SPREAD, SAFE)), Optional.empty()));
    }

    private static TopicSummary topic(ScanResult result, String name) {
        return result.topics().stream().filter(t -> t.topic().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void partitionsOfAStoppedBrokerAreUnknownNeverZero() throws Exception {
        ScanResult healthy = scan();
        assertFalse(healthy.partial(), healthy.problems().toString());
        assertEquals(36, topic(healthy, SPREAD).worst().lag());

        int coordinator = clients.admin().describeConsumerGroups(List.of(group)).all().get().get(group)
                .coordinator().id();
        assertNotEquals(KILLED, coordinator, "the test group's coordinator moved to the broker about to be killed");
        cluster.node(KILLED).kill();
        // At once: the broker is still registered, so its partitions time out.
        long started = System.nanoTime();
        assertBrokerThreeUnknown(scan());
        System.out.printf("scan with a dead but registered broker: %d ms%n", (System.nanoTime() - started) / 1_000_000);

        // Once the controller has fenced it: its partitions have no leader and are not even asked for.
        awaitLeaderless(clients.admin(), SPREAD, 2);
        started = System.nanoTime();
        ScanResult fenced = scan();
        System.out.printf("scan with a fenced broker: %d ms%n", (System.nanoTime() - started) / 1_000_000);
        assertBrokerThreeUnknown(fenced);
        assertTrue(fenced.problems().stream().anyMatch(p -> p.startsWith(SPREAD + ": partitions 2, 5 not measured")
                && p.contains("no leader")), fenced.problems().toString());
    }

    private void assertBrokerThreeUnknown(ScanResult result) {
        assertTrue(result.partial());
        TopicSummary spread = topic(result, SPREAD);
        assertEquals(Verdict.UNKNOWN, spread.verdict());
        assertEquals(6, spread.partitions());
        assertEquals(2, spread.unknownPartitions(), "partitions 2 and 5 live on broker 3");
        ConsumerSummary consumer = spread.worst();
        assertEquals(Verdict.UNKNOWN, consumer.verdict());
        assertEquals(4 * 6, consumer.lag(), "the four measured partitions (10 - 4 each), nothing for the other two");
        assertTrue(ActionPlanner.actionsFor(spread).isEmpty(), "no action on an UNKNOWN topic");
        assertTrue(ActionPlanner.actionsFor(result).stream().noneMatch(a -> a.topic().equals(SPREAD)));
        assertTrue(result.problems().stream().anyMatch(p -> p.startsWith(SPREAD + ": partition")),
                result.problems().toString());

        TopicSummary safe = topic(result, SAFE);
        assertEquals(0, safe.unknownPartitions());
        assertEquals(6, safe.worst().lag(), "measured exactly on the live brokers");
        assertEquals(Verdict.LAGGING, safe.verdict());
    }

    private static void awaitLeaderless(Admin admin, String topic, int partition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            var leader = description.partitions().stream().filter(p -> p.partition() == partition).findFirst()
                    .orElseThrow().leader();
            if (leader == null || leader.isEmpty()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("partition " + partition + " of " + topic + " still has a leader after 30 s");
    }
}
