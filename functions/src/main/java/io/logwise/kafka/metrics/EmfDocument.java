package io.logwise.kafka.metrics;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logwise.kafka.json.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One CloudWatch Embedded Metric Format document: a JSON log line that CloudWatch Logs turns into metrics, with no
 * PutMetricData call. One dimension set per document (its values are top-level keys), so every distinct set of
 * dimension values is its own document. Limits from the EMF specification are checked on construction.
 */
public record EmfDocument(String namespace, Instant timestamp, Map<String, String> dimensions, List<Metric> metrics) {

    public static final int MAX_METRICS = 100;
    public static final int MAX_DIMENSIONS = 30;
    static final int MAX_DIMENSION_VALUE_LENGTH = 1024;

    public enum Unit {
        COUNT("Count"), MILLISECONDS("Milliseconds");

        private final String cloudWatchName;

        Unit(String cloudWatchName) {
            this.cloudWatchName = cloudWatchName;
        }

        public String cloudWatchName() {
            return cloudWatchName;
        }
    }

    public record Metric(String name, Unit unit, double value) {
    }

    public EmfDocument {
        dimensions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dimensions));
        metrics = List.copyOf(metrics);
        if (namespace == null || namespace.isBlank()) {
            throw new IllegalArgumentException("an EMF namespace must not be empty");
        }
        if (metrics.isEmpty() || metrics.size() > MAX_METRICS) {
            throw new IllegalArgumentException("an EMF document carries 1 to " + MAX_METRICS + " metrics, not "
                    + metrics.size());
        }
        if (dimensions.size() > MAX_DIMENSIONS) {
            throw new IllegalArgumentException("an EMF dimension set has at most " + MAX_DIMENSIONS + " dimensions");
        }
        dimensions.forEach((key, value) -> {
            if (value == null || value.isEmpty() || value.length() > MAX_DIMENSION_VALUE_LENGTH) {
                throw new IllegalArgumentException("dimension " + key + ": a value of 1 to "
                        + MAX_DIMENSION_VALUE_LENGTH + " characters is required");
            }
        });
        for (Metric metric : metrics) {
            if (dimensions.containsKey(metric.name()) || metric.name().equals("_aws")) {
                throw new IllegalArgumentException("metric name " + metric.name() + " clashes with another key");
            }
            if (!Double.isFinite(metric.value())) {
                throw new IllegalArgumentException("metric " + metric.name() + " has no finite value");
            }
        }
    }

    /** The document as one line of JSON. */
    public String toJsonLine() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode aws = root.putObject("_aws");
        aws.put("Timestamp", timestamp.toEpochMilli());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", namespace);
        ArrayNode dimensionSet = directive.putArray("Dimensions").addArray();
        dimensions.keySet().forEach(dimensionSet::add);
        ArrayNode definitions = directive.putArray("Metrics");
        for (Metric metric : metrics) {
            definitions.addObject().put("Name", metric.name()).put("Unit", metric.unit().cloudWatchName());
        }
        dimensions.forEach(root::put);
        for (Metric metric : metrics) {
            if (metric.value() == Math.rint(metric.value()) && Math.abs(metric.value()) < 1e15) {
                root.put(metric.name(), (long) metric.value());
            } else {
                root.put(metric.name(), metric.value());
            }
        }
        return root.toString();
    }
}
