package io.logwise.kafka.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.json.Json;
import io.logwise.kafka.scaling.ScalingReport.Line;
import io.logwise.kafka.scaling.ScalingReport;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScalingMetricsTest {

    @Test
    void increasesAndRefusalsByReason() throws Exception {
        Instant at = Instant.parse("2026-11-25T12:00:00Z");
        ScalingReport report = new ScalingReport("scan-1", at, "on", List.of(
                new Line("logs.a", "increase", 3, 6, "lag", null, "r", "applied", null),
                new Line("logs.b", "increase", 3, 9, "lag", null, "r", "already-there", null),
                new Line("logs.c", "refused", null, null, null, "COOLDOWN", "r", "refused", null),
                new Line("logs.d", "refused", null, null, null, "COOLDOWN", "r", "refused", null),
                new Line("logs.e", "refused", null, null, null, "CLUSTER_BUDGET", "r", "refused", null),
                new Line("logs.f", "no-change", null, null, null, null, "ok", "none", null)));
        List<EmfDocument> documents = ScalingMetrics.documents(report, at);
        assertEquals(3, documents.size());
        JsonNode totals = Json.MAPPER.readTree(documents.get(0).toJsonLine());
        assertEquals(2, totals.get("PartitionIncreases").asInt());
        assertEquals(0, totals.get("PartitionIncreasesDryRun").asInt());
        JsonNode budget = Json.MAPPER.readTree(documents.get(1).toJsonLine());
        assertEquals("CLUSTER_BUDGET", budget.get("Reason").asText());
        assertEquals(1, budget.get("ScalingRefusals").asInt());
        JsonNode cooldown = Json.MAPPER.readTree(documents.get(2).toJsonLine());
        assertEquals("COOLDOWN", cooldown.get("Reason").asText());
        assertEquals(2, cooldown.get("ScalingRefusals").asInt());
        assertEquals("LogWise/Kafka", cooldown.at("/_aws/CloudWatchMetrics/0/Namespace").asText());
        assertEquals("Reason", cooldown.at("/_aws/CloudWatchMetrics/0/Dimensions/0/0").asText());
    }
}
