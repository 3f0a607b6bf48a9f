package io.logwise.kafka.gateway;

import io.logwise.kafka.service.TopicProvisioningService;
import static io.logwise.kafka.gateway.TopicFixture.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.client.Deadline;
import io.logwise.kafka.client.KafkaClients;
import io.logwise.kafka.gateway.TopicFixture.Observed;
import io.logwise.kafka.state.StateStoreSettings;
import io.logwise.kafka.testkit.KafkaTestCluster;
import io.logwise.kafka.testkit.RealKafka;
import io.logwise.kafka.testkit.TopicReads;
import io.logwise.kafka.topics.ProvisionReport;
import io.logwise.kafka.topics.ProvisionRequest;
import io.logwise.kafka.topics.ProvisionerSettings;
import io.logwise.kafka.topics.TopicResult.Status;
import io.logwise.kafka.topics.TopicResult;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Batching on a real broker: one Admin call per kind of work for the whole batch, counted on a real client. */
@RealKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TopicsKafkaGatewayIT {

    private static final Duration GENEROUS = Duration.ofMinutes(5);

    private TopicFixture kafka;
    private CountingAdmin counter;
    /** The decision journal the provisioner records in: opened once, outside the counted Admin client. */
    private KafkaClients stateClients;
    private StateStore state;

    @BeforeAll
    void connect(KafkaTestCluster cluster) {
        kafka = new TopicFixture(cluster);
        counter = CountingAdmin.around(kafka.admin());
        Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", cluster.bootstrapServers(),
                "STATE_TOPIC", "logwise-ops.gateway-it-" + unique("state"));
        stateClients = new KafkaClients(KafkaClients.factoryFor(env));
        state = StateStore.open(stateClients.factory(), stateClients.admin(), StateStoreSettings.fromEnv(env),
                deadline());
    }

    private ProvisionReport run(TopicProvisioningService service, ProvisionRequest request) {
        return service.run(request, new TopicsKafkaGateway(counter.admin(), deadline()), state.journal(),
                unique("trigger"));
    }

    @BeforeEach
    void resetCounts() {
        counter.reset();
    }

    @AfterAll
    void close() {
        state.close();
        stateClients.close();
        kafka.close();
    }

    @Test
    void fiveHundredServicesInOneInvocationUseOneCreateTopicsCall() throws Exception {
        String batch = unique("batch");
        List<String> services = IntStream.range(0, 500).mapToObj(i -> String.format("%s-svc-%03d", batch, i)).toList();
        var service = new TopicProvisioningService(ProvisionerSettings.fromEnv(Map.of()), Clock.systemUTC());

        long started = System.nanoTime();
        ProvisionReport first = run(service, ProvisionRequest.of(services, false));
        long firstMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertEquals(500, first.count(Status.CREATED), () -> failures(first));
        assertEquals(Map.of("createTopics", 1, "describeCluster", 1, "listTopics", 1), counter.calls());

        List<String> topics = services.stream().map(name -> "logs." + name).toList();
        Map<String, Observed> expected = topics.stream().collect(Collectors.toMap(topic -> topic,
                topic -> new Observed(3, 1, Map.of("retention.ms", "3600000"))));
        assertEquals(expected, kafka.awaitObserved(expected));

        counter.reset();
        started = System.nanoTime();
        ProvisionReport second = run(service, ProvisionRequest.of(services, false));
        long secondMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertEquals(500, second.count(Status.EXISTS), () -> failures(second));
        assertEquals(Map.of("describeCluster", 1, "describeConfigs", 1, "describeTopics", 1, "listTopics", 1),
                counter.calls());
        System.err.printf(Locale.ROOT, "[topic-provisioner] 500-service batch on one broker: created 500 topics x 3"
                + " partitions in %d ms; the same request again (all exist) in %d ms%n", firstMs, secondMs);
    }

    @Test
    void aSweepAdoptsEveryAutoCreatedTopicWithOneCallPerKindAndLeavesOtherPrefixesAlone() throws Exception {
        String prefix = unique("swp").replace("-", "") + ".";
        String bare = prefix.substring(0, prefix.length() - 1);
        List<String> managed = IntStream.range(0, 40).mapToObj(i -> prefix + "svc-" + i).toList();
        kafka.autoCreateByProducing(managed.toArray(String[]::new));
        List<String> outside = List.of(bare + "x.a", bare.toUpperCase(Locale.ROOT) + ".a", bare, "other-" + bare,
                "x" + prefix + "a");
        kafka.autoCreateByProducing(outside.get(0), outside.get(1));
        kafka.createBare(1, 1, outside.get(2), outside.get(3), outside.get(4));
        Map<String, Observed> outsideBefore = kafka.observe(outside);
        outsideBefore.values().forEach(topic -> assertEquals(new Observed(1, 1, Map.of()), topic));

        var sweeper = new TopicProvisioningService(
                ProvisionerSettings.fromEnv(Map.of("MANAGED_TOPIC_PREFIX", prefix)), Clock.systemUTC());
        ProvisionReport sweep = run(sweeper, ProvisionRequest.sweep(false));
        assertEquals(managed, sweep.topics().stream().map(TopicResult::topic).sorted(this::byNumber).toList());
        assertEquals(40, sweep.count(Status.ADOPTED), () -> failures(sweep));
        assertEquals(Map.of("createPartitions", 1, "describeCluster", 1, "describeConfigs", 1, "describeTopics", 1,
                "incrementalAlterConfigs", 1, "listTopics", 1), counter.calls());
        Map<String, Observed> adopted = managed.stream().collect(Collectors.toMap(topic -> topic,
                topic -> new Observed(3, 1, Map.of("retention.ms", "604800000"))));
        assertEquals(adopted, kafka.awaitObserved(adopted));
        assertEquals(outsideBefore, kafka.observe(outside));

        counter.reset();
        ProvisionReport again = run(sweeper, ProvisionRequest.sweep(false));
        assertEquals(40, again.count(Status.EXISTS), () -> failures(again));
        assertEquals(Map.of("describeCluster", 1, "describeConfigs", 1, "describeTopics", 1, "listTopics", 1),
                counter.calls());
        assertEquals(outsideBefore, kafka.observe(outside));
    }

    @Test
    void pinningLeavesTheTopicsOtherOverridesAsTheyAre() throws Exception {
        String topic = "logs." + unique("overrides");
        kafka.createBare(1, 1, topic);
        new TopicReads(kafka.admin()).setConfig(topic, "cleanup.policy", "compact,delete");
        var service = new TopicProvisioningService(ProvisionerSettings.fromEnv(Map.of()), Clock.systemUTC());
        ProvisionReport report = run(service, ProvisionRequest.of(List.of(topic), false));
        assertEquals(1, report.count(Status.ADOPTED), () -> failures(report));
        Observed expected = new Observed(3, 1, Map.of("cleanup.policy", "compact,delete",
                "retention.ms", "604800000"));
        assertEquals(expected, kafka.awaitObserved(topic, expected));
    }

    private static Deadline deadline() {
        return Deadline.after(GENEROUS, GENEROUS.minusSeconds(10));
    }

    private int byNumber(String left, String right) {
        return Integer.compare(number(left), number(right));
    }

    private static int number(String topic) {
        return Integer.parseInt(topic.substring(topic.lastIndexOf('-') + 1));
    }

    private static String failures(ProvisionReport report) {
        return report.counts() + " " + report.topics().stream()
                .filter(topic -> topic.status() == Status.FAILED || topic.status() == Status.INVALID)
                .limit(5).map(TopicResult::toString).toList();
    }
}
