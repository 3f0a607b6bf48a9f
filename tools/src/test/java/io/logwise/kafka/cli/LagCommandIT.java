package io.logwise.kafka.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.json.Json;
import io.logwise.kafka.testkit.ConsumerGroupCommandOutput;
import io.logwise.kafka.testkit.KafkaTestCluster;
import io.logwise.kafka.testkit.LagFixtures;
import io.logwise.kafka.testkit.RealKafka;
import io.logwise.kafka.testkit.SparkCheckpointFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code scripts/lag --partitions} against a real broker: a Kafka group and a Spark checkpoint (files written in
 * Spark's format) on one topic, a partition the group never committed on and a log start moved by deleteRecords.
 * Kafka's own tools are the oracles: ConsumerGroupCommand for the group's positions, log end offsets and lag,
 * GetOffsetShell for the log start and end offsets.
 */
@RealKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LagCommandIT {

    private static final String CGC = "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand";
    private static final String GET_OFFSETS = "org.apache.kafka.tools.GetOffsetShell";

    private KafkaTestCluster cluster;
    private LagFixtures fixtures;
    private Path checkpoints;

    @BeforeAll
    void start(KafkaTestCluster cluster) throws Exception {
        this.cluster = cluster;
        this.fixtures = new LagFixtures(cluster.bootstrapServers());
        this.checkpoints = Files.createTempDirectory("lag-command-checkpoints");
    }

    @AfterAll
    void stop() {
        fixtures.close();
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run lag(Map<String, String> env, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit = LagCommand.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private ConsumerGroupCommandOutput describe(String group) {
        return ConsumerGroupCommandOutput.parse(cluster.runTool(CGC, "--bootstrap-server",
                cluster.bootstrapServers(), "--describe", "--group", group).requireSuccess().stdout());
    }

    /** GetOffsetShell's {@code topic:partition:offset} lines: {@code --time -2} the log start, -1 the log end. */
    private long[] offsets(String topic, String time, int partitions) {
        String stdout = cluster.runTool(GET_OFFSETS, "--bootstrap-server", cluster.bootstrapServers(), "--topic",
                topic, "--time", time).requireSuccess().stdout();
        long[] result = new long[partitions];
        java.util.Arrays.fill(result, -1);
        for (String line : stdout.split("\n")) {
            String[] parts = line.strip().split(":");
            if (parts.length == 3 && parts[0].equals(topic)) {
                result[Integer.parseInt(parts[1])] = Long.parseLong(parts[2]);
            }
        }
        return result;
    }

    private static String sourceLine(String topic, long... offsets) {
        StringBuilder json = new StringBuilder("{\"" + topic + "\":{");
        for (int p = 0; p < offsets.length; p++) {
            json.append(p > 0 ? "," : "").append('"').append(p).append("\":").append(offsets[p]);
        }
        return json.append("}}").toString();
    }

    private static List<JsonNode> rows(JsonNode view, String consumer) {
        List<JsonNode> rows = new ArrayList<>();
        view.get("partitions").forEach(row -> {
            if (consumer.equals(row.path("consumer").asText(null))) {
                rows.add(row);
            }
        });
        return rows;
    }

    /** The table's cells: columns are separated by at least two spaces, a note has single spaces only. */
    private static List<String> tableRow(String table, String consumer, int partition) {
        for (String line : table.split("\n")) {
            List<String> cells = List.of(line.strip().split("\\s{2,}"));
            if (cells.size() > 3 && cells.get(1).equals(consumer) && cells.get(3).equals(Integer.toString(partition))) {
                return cells;
            }
        }
        throw new AssertionError(consumer + " partition " + partition + " not in\n" + table);
    }

    @Test
    void positionsPerPartitionForAGroupAndASparkCheckpointAreKafkasOwnFigures() throws Exception {
        String prefix = "logs.pv-" + unique() + ".";
        String topic = prefix + "orders";
        String group = "group-" + unique();
        fixtures.createTopics(Map.of(topic, 3), Map.of("retention.ms", "3600000"));
        fixtures.produce(Map.of(topic, new int[] {1200, 250, 40}));
        // Partition 2 without a commit; partition 1's log start then moves past the group's position: 80 lost.
        fixtures.commit(group, Map.of(new TopicPartition(topic, 0), 1000L, new TopicPartition(topic, 1), 100L));
        fixtures.deleteRecordsBefore(new TopicPartition(topic, 1), 180);
        // Batch 4 committed (its end offsets are the query's position); batch 5 planned, still running.
        Path checkpoint = new SparkCheckpointFiles()
                .file("metadata", "{\"id\":\"" + UUID.randomUUID() + "\"}")
                .batch(3, 1700000000000L, sourceLine(topic, 500, 100, 10)).commit(3)
                .batch(4, 1700000060000L, sourceLine(topic, 1100, 250, 30)).commit(4)
                .batch(5, 1700000120000L, sourceLine(topic, 1200, 250, 40))
                .writeTo(checkpoints.resolve("orders-" + unique()));
        Map<String, String> env = new HashMap<>(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", cluster.bootstrapServers(),
                "MANAGED_TOPIC_PREFIX", prefix,
                "STATE_TOPIC", "logwise-state-" + unique(),
                "SPARK_CHECKPOINT_SOURCES", "[{\"name\":\"spark-orders\",\"location\":\"" + checkpoint + "\"}]"));

        Run json = lag(env, "--partitions", "--json", "--topics", topic);
        assertEquals(0, json.exit(), json.err());
        JsonNode view = Json.MAPPER.readTree(json.out());
        assertFalse(view.get("partial").asBoolean(), json.out());
        assertTrue(view.get("narrowed").asBoolean());
        assertEquals("earliest", view.get("noCommitPolicy").asText());
        assertEquals(6, view.get("partitions").size(), json.out());

        long[] logStart = offsets(topic, "-2", 3);
        long[] logEnd = offsets(topic, "-1", 3);
        assertEquals(180, logStart[1], "deleteRecords moved the log start");
        ConsumerGroupCommandOutput oracle = describe(group);
        List<JsonNode> groupRows = rows(view, group);
        assertEquals(3, groupRows.size(), json.out());
        for (int p = 0; p < 3; p++) {
            JsonNode row = groupRows.get(p);
            assertEquals(p, row.get("partition").asInt());
            assertEquals("group", row.get("source").asText());
            assertEquals(logStart[p], row.get("logStart").asLong(), "log start of partition " + p);
            assertEquals(logEnd[p], row.get("logEnd").asLong(), "log end of partition " + p);
        }
        for (int p = 0; p < 2; p++) {
            JsonNode row = groupRows.get(p);
            ConsumerGroupCommandOutput.Row kafka = oracle.row(group, topic, p);
            assertEquals(kafka.current(), row.get("position").asLong(), "CURRENT-OFFSET of partition " + p);
            assertEquals(kafka.logEnd(), row.get("logEnd").asLong(), "LOG-END-OFFSET of partition " + p);
            assertEquals(kafka.lag(), row.get("lag").asLong(), "LAG of partition " + p);
        }
        assertEquals(0, groupRows.get(0).get("lostRecords").asLong());
        assertEquals(80, groupRows.get(1).get("lostRecords").asLong(), "offsets 100..179 were deleted unread");
        assertEquals("below log start: 80 lost", groupRows.get(1).get("note").asText());
        assertNull(oracle.row(group, topic, 2), "ConsumerGroupCommand omits a partition without a commit");
        assertTrue(groupRows.get(2).path("position").isMissingNode(), groupRows.get(2).toString());
        assertEquals(40, groupRows.get(2).get("lag").asLong(), "earliest: counted from the log start");
        assertEquals("no commit: lag counted from log start", groupRows.get(2).get("note").asText());

        List<JsonNode> sparkRows = rows(view, "spark-orders");
        assertEquals(3, sparkRows.size(), json.out());
        long[] sparkPositions = {1100, 250, 30};
        for (int p = 0; p < 3; p++) {
            JsonNode row = sparkRows.get(p);
            assertEquals("spark-checkpoint", row.get("source").asText());
            assertEquals(4, row.get("committedBatchId").asLong());
            assertEquals(5, row.get("plannedBatchId").asLong());
            assertEquals(sparkPositions[p], row.get("position").asLong(), "the committed batch's end offset");
            assertEquals(logStart[p], row.get("logStart").asLong());
            assertEquals(logEnd[p] - sparkPositions[p], row.get("lag").asLong());
            assertEquals(0, row.get("lostRecords").asLong());
        }

        // The summary scripts/lag prints adds up the same partitions.
        Run summary = lag(env, "--json", "--topics", topic);
        assertEquals(0, summary.exit(), summary.err());
        for (JsonNode consumer : Json.MAPPER.readTree(summary.out()).get("topics").get(0).get("consumers")) {
            List<JsonNode> partitions = rows(view, consumer.get("consumer").asText());
            assertEquals(consumer.get("lag").asLong(), partitions.stream().mapToLong(r -> r.get("lag").asLong())
                    .sum(), consumer.toString());
            assertEquals(consumer.get("lostRecords").asLong(), partitions.stream()
                    .mapToLong(r -> r.path("lostRecords").asLong(0)).sum(), consumer.toString());
        }

        // The table: the same figures, with thousands separators.
        Run table = lag(env, "--partitions", "--topics", topic);
        assertEquals(0, table.exit(), table.err());
        assertEquals(List.of(topic, group, "group", "0", "1,000", "0", "1,200", "200"), tableRow(table.out(), group, 0));
        assertEquals(List.of(topic, group, "group", "1", "100", "180", "250", "150", "below log start: 80 lost"),
                tableRow(table.out(), group, 1));
        assertEquals(List.of(topic, group, "group", "2", "-", "0", "40", "40", "no commit: lag counted from log start"),
                tableRow(table.out(), group, 2));
        assertEquals(List.of(topic, "spark-orders", "spark", "0", "1,100", "0", "1,200", "100"),
                tableRow(table.out(), "spark-orders", 0));
        assertTrue(table.out().contains("spark-orders: batch 4 committed (5 planned)"), table.out());

        // Combined with --groups: only the Spark checkpoint.
        Run narrowed = lag(env, "--partitions", "--json", "--topics", topic, "--groups", "spark-orders");
        assertEquals(0, narrowed.exit(), narrowed.err());
        JsonNode onlySpark = Json.MAPPER.readTree(narrowed.out());
        assertEquals(3, onlySpark.get("partitions").size(), narrowed.out());
        onlySpark.get("partitions").forEach(row -> assertEquals("spark-orders", row.get("consumer").asText()));
    }

    @Test
    void aTopicNobodyReadsShowsItsLogsAndABadOptionStillExits2() throws Exception {
        String prefix = "logs.pv-" + unique() + ".";
        String topic = prefix + "unread";
        fixtures.createTopics(Map.of(topic, 2), Map.of());
        fixtures.produce(Map.of(topic, new int[] {3, 1500}));
        Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", cluster.bootstrapServers(),
                "MANAGED_TOPIC_PREFIX", prefix, "STATE_TOPIC", "logwise-state-" + unique());

        Run table = lag(env, "--partitions");
        assertEquals(0, table.exit(), table.err());
        List<String> lines = List.of(table.out().split("\n"));
        assertEquals(List.of(topic, "-", "1", "0", "1,500", "no consumer"), List.of(lines.get(3).strip().split("\\s{2,}")),
                table.out());
        assertEquals(4, lines.size(), table.out());

        Run bad = lag(env, "--partitions", "--per-partition");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("usage: scripts/lag"), bad.err());
        assertEquals("", bad.out());
    }
}
