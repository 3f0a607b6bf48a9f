package io.logwise.kafka.service;

import io.logwise.kafka.gateway.LagKafkaGateway;
import static io.logwise.kafka.testkit.LagFixtures.offsets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.client.Deadline;
import io.logwise.kafka.error.InvalidRequestException;
import io.logwise.kafka.handler.LagScannerHandler;
import io.logwise.kafka.json.Json;
import io.logwise.kafka.lag.Action;
import io.logwise.kafka.lag.ActionPlanner;
import io.logwise.kafka.lag.ConsumerPositions;
import io.logwise.kafka.lag.ConsumerScope;
import io.logwise.kafka.lag.LagScannerSettings;
import io.logwise.kafka.lag.PartitionLog;
import io.logwise.kafka.lag.PositionsReading;
import io.logwise.kafka.lag.TopicLog;
import io.logwise.kafka.metrics.EmfOutput;
import io.logwise.kafka.scan.ConsumerSummary;
import io.logwise.kafka.scan.ScanResult;
import io.logwise.kafka.scan.ScansOnRealKafka;
import io.logwise.kafka.scan.TopicSummary;
import io.logwise.kafka.scan.Verdict;
import io.logwise.kafka.testkit.ConsumerGroupCommandOutput;
import io.logwise.kafka.testkit.RealKafka;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The scanner against a real broker, with Kafka's own ConsumerGroupCommand as the oracle for every number.
 */
@RealKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LagScanIT extends ScansOnRealKafka {

    private static final String CGC = "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand";

    private static String unique(String name) {
        return name + "-" + unique();
    }

    private ScanResult invoke(Map<String, String> environment, String event) throws Exception {
        LagScannerHandler handler = new LagScannerHandler(LagScannerSettings.fromEnv(environment), clients,
                EmfOutput.OFF);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return Json.MAPPER.readValue(out.toByteArray(), ScanResult.class);
    }

    private ConsumerGroupCommandOutput describe(String group) {
        var result = cluster.runTool(CGC, "--bootstrap-server", cluster.bootstrapServers(), "--describe", "--group",
                group).requireSuccess();
        return ConsumerGroupCommandOutput.parse(result.stdout());
    }

    private static ConsumerSummary consumer(TopicSummary topic, String name) {
        return topic.consumers().stream().filter(c -> c.consumer().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + topic.consumers()));
    }

    @Test
    void lagIsExactlyWhatConsumerGroupCommandPrints() throws Exception {
        String topic = unique("logs.exact");
        String group = unique("spark-exact");
        String partly = unique("partly");
        fixtures.createTopics(Map.of(topic, 3), Map.of());
        fixtures.produce(Map.of(topic, new int[] {100, 250, 40}));
        fixtures.commit(group, offsets(topic, 60, 250, 0));
        fixtures.commit(partly, Map.of(new TopicPartition(topic, 0), 100L));

        // Per partition, through the gateway: committed, log end and lag as ConsumerGroupCommand prints them.
        LagKafkaGateway gateway = new LagKafkaGateway(clients.admin(), Deadline.after(Duration.ofMinutes(1),
                Duration.ofSeconds(20)));
        LagKafkaGateway.Description description = gateway.describe(List.of(topic));
        PositionsReading positions = gateway.read(topic::equals,
                new ConsumerScope(Optional.of(Set.of(group)), Set.of()));
        TopicLog log = gateway.logs(description, description.layouts(), new java.util.ArrayList<>()).get(0);
        ConsumerPositions.Read read = (ConsumerPositions.Read) positions.consumers().get(0);
        ConsumerGroupCommandOutput oracle = describe(group);
        long oracleLag = 0;
        long oracleMax = 0;
        for (int p = 0; p < 3; p++) {
            ConsumerGroupCommandOutput.Row row = oracle.row(group, topic, p);
            long committed = read.committed(topic, p).orElseThrow();
            long end = ((PartitionLog.Range) log.partitions().get(p)).end();
            assertEquals(row.current(), committed, "CURRENT-OFFSET of partition " + p);
            assertEquals(row.logEnd(), end, "LOG-END-OFFSET of partition " + p);
            assertEquals(row.lag(), end - committed, "LAG of partition " + p);
            oracleLag += row.lag();
            oracleMax = Math.max(oracleMax, row.lag());
        }
        assertEquals(3, oracle.rows().size());

        // The summary through the handler, a narrowed request as an operator would send it.
        ScanResult result = invoke(Map.of("MAX_LAG_PER_PARTITION", "30"), "{\"topics\": [\"" + topic + "\"]}");
        TopicSummary summary = topic(result, topic);
        ConsumerSummary exact = consumer(summary, group);
        assertEquals(oracleLag, exact.lag());
        assertEquals(oracleMax, exact.maxPartitionLag());
        assertEquals(Verdict.LAGGING, exact.verdict());
        assertEquals(2, exact.laggingPartitions(), "40 and 40 are over 30");
        assertEquals(40, exact.avgLagOfLaggingPartitions());
        assertEquals(0, exact.noCommitPartitions());
        assertEquals(0, exact.lostRecords());
        assertNull(exact.consumeRatePerSec());

        // A group committed on one partition only: the other two are never lag 0. Under the default policy
        // (earliest) they count from the log start offset, which puts them over the threshold: LAGGING.
        ConsumerSummary noCommit = consumer(summary, partly);
        assertEquals(Verdict.LAGGING, noCommit.verdict());
        assertEquals(2, noCommit.noCommitPartitions());
        assertEquals(2, noCommit.laggingPartitions());
        ConsumerGroupCommandOutput partlyOracle = describe(partly);
        assertEquals(0L, partlyOracle.row(partly, topic, 0).lag());
        assertNull(partlyOracle.row(partly, topic, 1), "ConsumerGroupCommand omits partitions without a commit");
        assertEquals(0 + 250 + 40, noCommit.lag(), "earliest: counted from the log start offset");

        ScanResult ignoring = invoke(Map.of("MAX_LAG_PER_PARTITION", "30", "NO_COMMIT_POLICY", "ignore"),
                "{\"topics\": [\"" + topic + "\"], \"groups\": [\"" + partly + "\"]}");
        ConsumerSummary ignored = consumer(topic(ignoring, topic), partly);
        assertEquals(Verdict.NO_COMMIT, ignored.verdict());
        assertEquals(0, ignored.lag());
        assertEquals(2, ignored.noCommitPartitions());
        assertTrue(ignoring.narrowed());
        assertFalse(ignoring.partial());
    }

    @Test
    void aTopicNobodyReadsIsReportedWithItsExpectedConsumer() throws Exception {
        String unread = unique("logs.unread");
        String orphan = unique("logs.orphan");
        fixtures.createTopics(Map.of(unread, 2, orphan, 1), Map.of());
        fixtures.produce(Map.of(unread, new int[] {7, 5}, orphan, new int[] {3}));
        ScanResult result = invoke(Map.of("LAG_EXPECTED_CONSUMERS", unread + "=spark-unread"),
                "{\"topics\": [\"" + unread + "\", \"" + orphan + "\"]}");

        TopicSummary expected = topic(result, unread);
        assertEquals(Verdict.NO_CONSUMER, expected.verdict());
        assertEquals("spark-unread", expected.worst().consumer());
        assertEquals(2, expected.worst().noCommitPartitions());
        assertEquals(12, expected.worst().lag(), "every retained record is unread");
        TopicSummary nobody = topic(result, orphan);
        assertEquals(Verdict.NO_CONSUMER, nobody.verdict());
        assertNull(nobody.worst());
        assertTrue(ActionPlanner.actionsFor(result).contains(new Action(orphan, Action.Kind.INVESTIGATE,
                "nobody reads this topic: no consumer group has committed offsets on it")), ActionPlanner.actionsFor(result).toString());
    }

    @Test
    void recordsDeletedBeforeTheyWereReadAreDataLostWithTheExactCount() throws Exception {
        String topic = unique("logs.lost");
        String group = unique("spark-lost");
        fixtures.createTopics(Map.of(topic, 2), Map.of("retention.ms", "3600000"));
        fixtures.produce(Map.of(topic, new int[] {100, 100}));
        fixtures.commit(group, offsets(topic, 30, 100));
        fixtures.deleteRecordsBefore(new TopicPartition(topic, 0), 80);

        ScanResult result = invoke(Map.of(), "{\"topics\": [\"" + topic + "\"]}");
        TopicSummary summary = topic(result, topic);
        ConsumerSummary lost = consumer(summary, group);
        assertEquals(Verdict.DATA_LOST, summary.verdict());
        assertEquals(Verdict.DATA_LOST, lost.verdict());
        assertEquals(50, lost.lostRecords(), "offsets 30..79 were deleted unread");
        assertEquals(3_600_000L, summary.retentionMs());
        ConsumerGroupCommandOutput oracle = describe(group);
        assertEquals(oracle.row(group, topic, 0).lag() + oracle.row(group, topic, 1).lag(), lost.lag());
        assertTrue(ActionPlanner.actionsFor(result).stream().anyMatch(a -> a.topic().equals(topic)
                && a.kind() == Action.Kind.PROTECT_RETENTION && a.reason().contains("50 records")));
    }

    @Test
    void aNarrowedRequestReportsUnknownNamesPerItemAndScansTheRest() throws Exception {
        String topic = unique("logs.narrow");
        String group = unique("narrow");
        fixtures.createTopics(Map.of(topic, 1), Map.of());
        fixtures.produce(Map.of(topic, new int[] {5}));
        fixtures.commit(group, offsets(topic, 5));
        String missingTopic = unique("logs.missing");
        String missingGroup = unique("missing");
        ScanResult result = invoke(Map.of(), "{\"topics\": [\"" + topic + "\", \"" + missingTopic
                + "\", \"other.topic\"], \"groups\": [\"" + group + "\", \"" + missingGroup + "\"]}");
        assertEquals(1, result.topicCount());
        assertEquals(Verdict.OK, topic(result, topic).verdict());
        assertEquals(List.of(group), topic(result, topic).consumers().stream().map(ConsumerSummary::consumer).toList());
        assertTrue(result.problems().contains("topic " + missingTopic + ": no such topic"), result.problems().toString());
        assertTrue(result.problems().contains("topic other.topic: not scanned, outside the managed prefix 'logs.'"));
        assertTrue(result.problems().contains("group " + missingGroup + ": no such consumer group"));
        assertFalse(result.partial(), "names that do not exist are not unmeasured partitions");
    }

    @Test
    void malformedEventsFailClearlyBeforeKafkaIsCalled() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> invoke(Map.of(), "{\"topics\": \"logs.a\"}"));
        assertTrue(e.getMessage().contains("topics: expected a list"), e.getMessage());
        assertThrows(InvalidRequestException.class, () -> invoke(Map.of(), "not json"));
    }

    @Test
    void aScheduledScanCoversEveryManagedTopicAndNothingElse() throws Exception {
        String managed = unique("logs.sched");
        String outside = unique("other.sched");
        fixtures.createTopics(Map.of(managed, 1, outside, 1), Map.of());
        ScanResult result = invoke(Map.of(), """
                {"version": "0", "id": "1", "detail-type": "Scheduled Event", "source": "aws.events",
                 "account": "123456789012", "time": "2026-11-25T12:00:00Z", "region": "eu-west-1",
                 "resources": [], "detail": {}}""");
        Set<String> names = new java.util.HashSet<>();
        result.topics().forEach(t -> names.add(t.topic()));
        assertTrue(names.contains(managed));
        assertFalse(names.contains(outside));
        assertTrue(names.stream().allMatch(n -> n.startsWith("logs.")));
        assertFalse(result.narrowed());
        Map<Verdict, Integer> counts = new HashMap<>(result.verdictCounts());
        assertEquals(result.topicCount(), counts.values().stream().mapToInt(Integer::intValue).sum());
    }
}
