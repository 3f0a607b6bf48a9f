package io.logwise.kafka.metrics;

import io.logwise.kafka.scaling.ScalingReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The partition scaler's EMF metrics: increases applied, and refusals by reason (for the refusal alarm). */
public final class ScalingMetrics {

    private ScalingMetrics() {
    }

    public static List<EmfDocument> documents(ScalingReport report, Instant at) {
        List<EmfDocument> documents = new ArrayList<>();
        long increases = report.decisions().stream()
                .filter(line -> "applied".equals(line.outcome()) || "already-there".equals(line.outcome())).count();
        long dryRuns = report.count("dry-run");
        documents.add(new EmfDocument(LagMetrics.NAMESPACE, at, Map.of(), List.of(
                new EmfDocument.Metric("PartitionIncreases", EmfDocument.Unit.COUNT, increases),
                new EmfDocument.Metric("PartitionIncreasesDryRun", EmfDocument.Unit.COUNT, dryRuns))));
        Map<String, Long> refusals = new TreeMap<>();
        report.decisions().stream().filter(line -> line.refusal() != null)
                .forEach(line -> refusals.merge(line.refusal(), 1L, Long::sum));
        refusals.forEach((reason, count) -> documents.add(new EmfDocument(LagMetrics.NAMESPACE, at,
                Map.of("Reason", reason), List.of(new EmfDocument.Metric("ScalingRefusals", EmfDocument.Unit.COUNT,
                count)))));
        return documents;
    }
}
