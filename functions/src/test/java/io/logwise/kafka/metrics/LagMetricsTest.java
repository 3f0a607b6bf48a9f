package io.logwise.kafka.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.history.HistoryEnricher;
import io.logwise.kafka.history.HistorySettings;
import io.logwise.kafka.history.ScanSnapshots;
import io.logwise.kafka.json.Json;
import io.logwise.kafka.lag.ConsumerPositions;
import io.logwise.kafka.lag.LagScannerSettings;
import io.logwise.kafka.lag.PartitionLog;
import io.logwise.kafka.lag.PositionsReading;
import io.logwise.kafka.lag.ScanAssembler;
import io.logwise.kafka.lag.TopicLog;
import io.logwise.kafka.scan.ScanResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LagMetricsTest {

    private static final Instant AT = Instant.parse("2026-11-25T12:00:00Z");

    private static ScanResult scan() {
        LagScannerSettings settings = LagScannerSettings.fromEnv(Map.of("MAX_LAG_PER_PARTITION", "100"));
        List<TopicLog> logs = List.of(
                new TopicLog("logs.a", null, List.of(new PartitionLog.Range(0, 500), new PartitionLog.Range(0, 300)),
                        null),
                new TopicLog("logs.b", null, List.of(new PartitionLog.Unreadable("down")), null));
        PositionsReading positions = new PositionsReading(List.of(
                new ConsumerPositions.Read("spark-a", "group", Map.of("logs.a", new long[] {100, 300},
                        "logs.b", new long[] {3})),
                new ConsumerPositions.Read("debug", "group", Map.of("logs.a", new long[] {480, 100}))), true, List.of());
        return new ScanAssembler(settings).result("id", AT, 1234, logs, positions, List.of(), false);
    }

    /** Every line must be a valid EMF document: _aws.Timestamp, one directive, declared keys present at top level. */
    private static void assertEmfStructure(JsonNode doc) {
        assertEquals(AT.toEpochMilli(), doc.at("/_aws/Timestamp").asLong());
        JsonNode directives = doc.at("/_aws/CloudWatchMetrics");
        assertEquals(1, directives.size());
        JsonNode directive = directives.get(0);
        assertEquals("LogWise/Kafka", directive.get("Namespace").asText());
        assertEquals(1, directive.get("Dimensions").size(), "one dimension set");
        for (JsonNode dimension : directive.get("Dimensions").get(0)) {
            assertTrue(doc.get(dimension.asText()).isTextual(), "dimension value " + dimension + " is a string");
        }
        assertTrue(directive.get("Metrics").size() >= 1 && directive.get("Metrics").size() <= 100);
        for (JsonNode metric : directive.get("Metrics")) {
            assertTrue(Set.of("Count", "Milliseconds", "Seconds", "Count/Second")
                    .contains(metric.get("Unit").asText()));
            assertTrue(doc.get(metric.get("Name").asText()).isNumber(), "value of " + metric);
        }
    }

    @Test
    void scanTopicAndConsumerDocumentsFollowTheEmfSpecification() throws Exception {
        List<EmfDocument> documents = LagMetrics.documents(scan(), 1000, 1000);
        Map<String, JsonNode> byKey = new HashMap<>();
        for (EmfDocument document : documents) {
            String line = document.toJsonLine();
            assertTrue(!line.contains("\n"), "one document per line");
            JsonNode doc = Json.MAPPER.readTree(line);
            assertEmfStructure(doc);
            byKey.put(doc.path("Topic").asText("-") + "/" + doc.path("ConsumerGroup").asText("-"), doc);
        }
        JsonNode scan = byKey.get("-/-");
        assertEquals(0, scan.at("/_aws/CloudWatchMetrics/0/Dimensions/0").size(), "scan metrics have no dimension");
        assertEquals(1234, scan.get("ScanDurationMs").asLong());
        assertEquals("Milliseconds", scan.at("/_aws/CloudWatchMetrics/0/Metrics/0/Unit").asText());
        assertEquals(2, scan.get("TopicsScanned").asInt());
        assertEquals(400, scan.get("MaxPartitionLag").asLong(), "total over every measured topic");
        assertEquals(1, scan.get("PartitionsOverThreshold").asInt());
        assertEquals(0, scan.get("TopicSeriesOmitted").asInt());
        assertEquals(0, scan.get("ConsumerSeriesOmitted").asInt());
        assertEquals(1, scan.get("TopicsLagging").asInt());
        assertEquals(1, scan.get("TopicsUnknown").asInt());
        assertEquals(0, scan.get("TopicsDataLost").asInt());
        assertEquals(0, scan.get("TopicsAtRisk").asInt());

        JsonNode topic = byKey.get("logs.a/-");
        assertEquals(400, topic.get("MaxPartitionLag").asLong());
        assertEquals(1, topic.get("PartitionsOverThreshold").asInt());
        assertEquals(400, byKey.get("logs.a/spark-a").get("ConsumerLag").asLong());
        assertEquals(220, byKey.get("logs.a/debug").get("ConsumerLag").asLong());
        assertEquals(List.of("Topic", "ConsumerGroup"), List.of(
                byKey.get("logs.a/debug").at("/_aws/CloudWatchMetrics/0/Dimensions/0/0").asText(),
                byKey.get("logs.a/debug").at("/_aws/CloudWatchMetrics/0/Dimensions/0/1").asText()));
        // Nothing for the unmeasured topic: a missing point, never a 0.
        assertTrue(byKey.keySet().stream().noneMatch(k -> k.startsWith("logs.b")), byKey.keySet().toString());
        assertEquals(4, documents.size());
    }

    @Test
    void consumerSeriesAreCappedMostLaggedFirst() {
        List<EmfDocument> documents = LagMetrics.documents(scan(), 1000, 1);
        List<String> consumers = documents.stream().map(d -> d.dimensions().get("ConsumerGroup"))
                .filter(java.util.Objects::nonNull).toList();
        assertEquals(List.of("spark-a"), consumers);
    }

    @Test
    void documentsRespectTheSpecificationLimits() {
        List<EmfDocument.Metric> tooMany = IntStream.range(0, 101)
                .mapToObj(i -> new EmfDocument.Metric("M" + i, EmfDocument.Unit.COUNT, i)).toList();
        assertThrows(IllegalArgumentException.class, () -> new EmfDocument("NS", AT, Map.of(), tooMany));
        Map<String, String> dims = new HashMap<>();
        IntStream.range(0, 31).forEach(i -> dims.put("D" + i, "v"));
        List<EmfDocument.Metric> one = List.of(new EmfDocument.Metric("M", EmfDocument.Unit.COUNT, 1));
        assertThrows(IllegalArgumentException.class, () -> new EmfDocument("NS", AT, dims, one));
        assertThrows(IllegalArgumentException.class, () -> new EmfDocument("NS", AT, Map.of("M", "x"), one));
        assertThrows(IllegalArgumentException.class, () -> new EmfDocument("NS", AT, Map.of("Topic", ""), one));
        assertThrows(IllegalArgumentException.class, () -> new EmfDocument("NS", AT, Map.of(),
                List.of(new EmfDocument.Metric("M", EmfDocument.Unit.COUNT, Double.NaN))));
        Set<String> seen = new HashSet<>(new ArrayList<>(dims.keySet()).subList(0, 30));
        Map<String, String> thirty = new HashMap<>();
        seen.forEach(k -> thirty.put(k, "v"));
        assertEquals(30, new EmfDocument("NS", AT, thirty, one).dimensions().size());
    }

    @Test
    void namesAreEscapedAndValuesKeepTheirPrecision() throws Exception {
        String group = "spark \"quoted\" \\ group\u00e9\n";
        EmfDocument document = new EmfDocument("LogWise/Kafka", AT, Map.of("ConsumerGroup", group), List.of(
                new EmfDocument.Metric("ConsumerLag", EmfDocument.Unit.COUNT, 9_007_199_254_740L),
                new EmfDocument.Metric("Rate", EmfDocument.Unit.COUNT, 0.25)));
        JsonNode doc = Json.MAPPER.readTree(document.toJsonLine());
        assertEmfStructure(doc);
        assertEquals(group, doc.get("ConsumerGroup").asText());
        assertEquals(9_007_199_254_740L, doc.get("ConsumerLag").asLong());
        assertEquals(0.25, doc.get("Rate").asDouble());
        assertTrue(!document.toJsonLine().contains("\n"), "one line");
    }

    @Test
    void outputIsChosenByEnvironment() {
        assertEquals(EmfOutput.STDOUT, EmfOutput.fromEnv(Map.of()));
        assertEquals(EmfOutput.STDERR, EmfOutput.fromEnv(Map.of("EMF_OUTPUT", "stderr")));
        assertEquals(EmfOutput.OFF, EmfOutput.fromEnv(Map.of("EMF_OUTPUT", "off")));
        assertEquals(new EmfOutput(EmfOutput.Target.STDOUT, java.util.Optional.of("prod")),
                EmfOutput.fromEnv(Map.of("LOGWISE_ENVIRONMENT", "prod")));
    }

    /**
     * Two scans 60 s apart: logs.r grows 6,000 records, "slow" reads 3,000, "idle" nothing with a short retention (so
     * it is AT_RISK): rates and time lag are emitted, TopicsAtRisk counts the AT_RISK topic.
     */
    @Test
    void historyFiguresAreEmittedWhenKnownAndAtRiskTopicsCounted() throws Exception {
        LagScannerSettings settings = LagScannerSettings.fromEnv(Map.of());
        List<TopicLog> before = List.of(new TopicLog("logs.r", 60_000L, List.of(new PartitionLog.Range(0, 0)), null),
                new TopicLog("logs.new", null, List.of(new PartitionLog.Range(0, 5)), null));
        List<TopicLog> now = List.of(new TopicLog("logs.r", 60_000L, List.of(new PartitionLog.Range(0, 6000)), null),
                new TopicLog("logs.new", null, List.of(new PartitionLog.Range(0, 5)), null));
        PositionsReading positionsBefore = new PositionsReading(List.of(
                new ConsumerPositions.Read("slow", "group", Map.of("logs.r", new long[] {0})),
                new ConsumerPositions.Read("idle", "group", Map.of("logs.r", new long[] {0}))), true, List.of());
        PositionsReading positionsNow = new PositionsReading(List.of(
                new ConsumerPositions.Read("slow", "group", Map.of("logs.r", new long[] {3000})),
                new ConsumerPositions.Read("idle", "group", Map.of("logs.r", new long[] {0}, "logs.new",
                        new long[] {5}))), true, List.of());
        ScanResult current = new ScanAssembler(settings).result("now", AT, 5, now, positionsNow, List.of(), false);
        // logs.new was not in the earlier snapshot: its rates stay unknown and no rate metric is written for it.
        List<TopicLog> beforeWithoutNew = before.subList(0, 1);
        ScanResult result = new HistoryEnricher(HistorySettings.DEFAULTS).enrich(current, List.of(
                ScanSnapshots.of("before", AT.minusSeconds(60), beforeWithoutNew, positionsBefore),
                ScanSnapshots.of("now", AT, now, positionsNow)));

        Map<String, JsonNode> byKey = new HashMap<>();
        for (EmfDocument document : LagMetrics.documents(result, 1000, 1000)) {
            JsonNode doc = Json.MAPPER.readTree(document.toJsonLine());
            assertEmfStructure(doc);
            byKey.put(doc.path("Topic").asText("-") + "/" + doc.path("ConsumerGroup").asText("-"), doc);
        }
        assertEquals(1, byKey.get("-/-").get("TopicsAtRisk").asInt());
        assertEquals(100.0, byKey.get("logs.r/-").get("IngestRate").asDouble(), 1e-9);
        assertEquals(50.0, byKey.get("logs.r/slow").get("ConsumeRate").asDouble(), 1e-9);
        assertEquals(30.0, byKey.get("logs.r/slow").get("TimeLagSeconds").asDouble(), 1e-9);
        assertEquals(0.0, byKey.get("logs.r/idle").get("ConsumeRate").asDouble(), 1e-9);
        assertEquals(60.0, byKey.get("logs.r/idle").get("TimeLagSeconds").asDouble(), 1e-9);
        assertEquals("Seconds", byKey.get("logs.r/idle").at("/_aws/CloudWatchMetrics/0/Metrics/2/Unit").asText());
        assertTrue(byKey.get("logs.new/-").get("IngestRate") == null, "unknown: no point");
        assertTrue(byKey.get("logs.new/idle").get("ConsumeRate") == null, "unknown: no point");
        assertEquals(0, byKey.get("logs.new/idle").get("ConsumerLag").asLong());
    }
}
