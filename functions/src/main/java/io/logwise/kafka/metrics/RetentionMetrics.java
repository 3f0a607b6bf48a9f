package io.logwise.kafka.metrics;

import io.logwise.kafka.retention.RetentionReport;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The retention updater's EMF metrics: changes applied and refusals (the refusal alarm reads these). */
public final class RetentionMetrics {

    private RetentionMetrics() {
    }

    public static List<EmfDocument> documents(RetentionReport report, Instant at) {
        return List.of(new EmfDocument(LagMetrics.NAMESPACE, at, Map.of(), List.of(
                new EmfDocument.Metric("RetentionChanges", EmfDocument.Unit.COUNT, report.count("applied")),
                new EmfDocument.Metric("RetentionRefusals", EmfDocument.Unit.COUNT, report.count("refused")))));
    }
}
