package io.logwise.kafka.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.error.ConfigurationException;
import io.logwise.kafka.json.Json;
import io.logwise.kafka.scan.ConsumerSummary;
import io.logwise.kafka.scan.ScanResult;
import io.logwise.kafka.scan.TopicSummary;
import io.logwise.kafka.scan.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Per-topic and per-consumer series are capped to the worst by lag or time lag; totals and the environment stay. */
class MetricSeriesCapTest {

    private static final Instant AT = Instant.parse("2026-12-07T12:00:00Z");

    private static ConsumerSummary consumer(String name, long lag, Double timeLagSeconds) {
        return new ConsumerSummary(name, "group", Verdict.OK, lag, lag, lag > 100 ? 1 : 0, 0, 0, 0, null,
                timeLagSeconds, null, null);
    }

    private static TopicSummary topic(String name, Double ingestRate, ConsumerSummary... consumers) {
        return new TopicSummary(name, 1, 0, Verdict.OK, null, 100, ingestRate, consumers[0], List.of(consumers), null);
    }

    /**
     * t1..t6 lag 600..100 records with a time lag of 6..1 seconds (a busy topic); slow-a and slow-b have little lag
     * in records but are hours behind in time; unknown is not measured.
     */
    private static ScanResult scan() {
        List<TopicSummary> topics = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            topics.add(topic("logs.t" + i, 10.0, consumer("spark", (7 - i) * 100L, (double) (7 - i))));
        }
        topics.add(topic("logs.slow-a", 10.0, consumer("spark", 5, 7_200.0)));
        topics.add(topic("logs.slow-b", 10.0, consumer("spark", 3, 3_600.0)));
        topics.add(new TopicSummary("logs.unknown", 1, 1, Verdict.UNKNOWN, null, 100, null, null, List.of(), null));
        return ScanResult.builder("s", AT).durationMs(10).partial(true).prefix("logs.").topicCount(topics.size())
                .partitionCount(topics.size()).topics(topics).build();
    }

    private static List<String> topicSeries(List<EmfDocument> documents) {
        return documents.stream().filter(d -> d.dimensions().size() == 1).map(d -> d.dimensions().get("Topic"))
                .toList();
    }

    private static JsonNode totals(List<EmfDocument> documents) throws Exception {
        return Json.MAPPER.readTree(documents.stream().filter(d -> d.dimensions().isEmpty()).findFirst()
                .orElseThrow().toJsonLine());
    }

    @Test
    void topicSeriesAreTheWorstByLagAndByTimeLagInTurn() {
        List<EmfDocument> documents = LagMetrics.documents(scan(), 4, 1000);
        assertEquals(List.of("logs.t1", "logs.slow-a", "logs.t2", "logs.slow-b"), topicSeries(documents));
        assertEquals(List.of("logs.t1", "logs.slow-a", "logs.t2"), topicSeries(LagMetrics.documents(scan(), 3, 1000)));
        assertEquals(8, topicSeries(LagMetrics.documents(scan(), 100, 1000)).size(), "the unknown topic has none");
    }

    @Test
    void consumerSeriesFollowTheSameRule() {
        List<String> consumers = LagMetrics.documents(scan(), 0, 2).stream()
                .filter(d -> d.dimensions().containsKey("ConsumerGroup")).map(d -> d.dimensions().get("Topic"))
                .toList();
        assertEquals(List.of("logs.t1", "logs.slow-a"), consumers);
    }

    @Test
    void totalsCoverEveryMeasuredTopicWhateverTheCap() throws Exception {
        List<EmfDocument> documents = LagMetrics.documents(scan(), 0, 0);
        assertEquals(List.of(), topicSeries(documents));
        assertEquals(1, documents.size(), "only the scan document");
        JsonNode totals = totals(documents);
        assertEquals(600, totals.get("MaxPartitionLag").asLong());
        assertEquals(5, totals.get("PartitionsOverThreshold").asInt(), "t1..t5 have one partition over 100");
        assertEquals(7_200.0, totals.get("MaxTimeLagSeconds").asDouble());
        assertEquals(80.0, totals.get("IngestRate").asDouble(), 1e-9);
        assertEquals(8, totals.get("TopicSeriesOmitted").asInt());
        assertEquals(8, totals.get("ConsumerSeriesOmitted").asInt());
        assertEquals(0, totals(LagMetrics.documents(scan(), 100, 100)).get("TopicSeriesOmitted").asInt());
    }

    @Test
    void theIngestRateTotalIsLeftOutWhenOneMeasuredTopicHasNoRate() throws Exception {
        ScanResult scan = scan();
        List<TopicSummary> topics = new ArrayList<>(scan.topics());
        topics.add(topic("logs.new", null, consumer("spark", 1, null)));
        ScanResult withNewTopic = ScanResult.builder("s", AT).durationMs(10).prefix("logs.").topicCount(topics.size())
                .partitionCount(topics.size()).topics(topics).build();
        assertNull(totals(LagMetrics.documents(withNewTopic, 100, 100)).get("IngestRate"));
    }

    @Test
    void theTopicCapIsReadFromTheEnvironment() {
        assertEquals(LagMetrics.DEFAULT_MAX_TOPIC_SERIES, LagMetrics.maxTopicSeries(Map.of()));
        assertEquals(0, LagMetrics.maxTopicSeries(Map.of("LAG_METRICS_MAX_TOPIC_SERIES", "0")));
        assertEquals(2_000, LagMetrics.maxTopicSeries(Map.of("LAG_METRICS_MAX_TOPIC_SERIES", "2_000")));
        assertThrows(ConfigurationException.class,
                () -> LagMetrics.maxTopicSeries(Map.of("LAG_METRICS_MAX_TOPIC_SERIES", "-1")));
        assertThrows(ConfigurationException.class,
                () -> LagMetrics.maxTopicSeries(Map.of("LAG_METRICS_MAX_TOPIC_SERIES", "many")));
    }

    @Test
    void everyWrittenDocumentCarriesTheEnvironmentFirstAndEnvironmentsNeverShareASeries() throws Exception {
        List<EmfDocument> documents = new ArrayList<>(LagMetrics.documents(scan(), 100, 100));
        documents.add(new EmfDocument(LagMetrics.NAMESPACE, AT, Map.of("Reason", "COOLDOWN"),
                List.of(new EmfDocument.Metric("ScalingRefusals", EmfDocument.Unit.COUNT, 1))));
        Set<Map<String, String>> prod = new HashSet<>();
        Set<Map<String, String>> staging = new HashSet<>();
        for (EmfDocument document : EmfOutput.fromEnv(Map.of("LOGWISE_ENVIRONMENT", "prod")).stamped(documents)) {
            JsonNode json = Json.MAPPER.readTree(document.toJsonLine());
            assertEquals("Environment", json.at("/_aws/CloudWatchMetrics/0/Dimensions/0/0").asText(), json::toString);
            assertEquals("prod", json.get("Environment").asText());
            prod.add(document.dimensions());
        }
        EmfOutput.fromEnv(Map.of("LOGWISE_ENVIRONMENT", "staging")).stamped(documents)
                .forEach(document -> staging.add(document.dimensions()));
        assertEquals(documents.size(), prod.size(), "one series per document");
        assertTrue(prod.stream().noneMatch(staging::contains), "disjoint dimension sets");
        assertEquals(documents, EmfOutput.fromEnv(Map.of()).stamped(documents), "no environment: unchanged");
        assertEquals(Optional.empty(), EmfOutput.fromEnv(Map.of("LOGWISE_ENVIRONMENT", " ")).environment());
        assertTrue(documents.stream().map(EmfDocument::dimensions).allMatch(Objects::nonNull));
    }
}
