package io.logwise.kafka.metrics;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
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
        COUNT("Count"), MILLISECONDS("Milliseconds"), SECONDS("Seconds"), COUNT_PER_SECOND("Count/Second");

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

    /** The same document with one more dimension, placed first (e.g. the environment every series belongs to). */
    public EmfDocument withFirstDimension(String name, String value) {
        Map<String, String> widened = new LinkedHashMap<>();
        widened.put(name, value);
        dimensions.forEach((key, existing) -> {
            if (!key.equals(name)) {
                widened.put(key, existing);
            }
        });
        return new EmfDocument(namespace, timestamp, widened, metrics);
    }

    /** The document as one line of JSON, written directly (thousands per scan: no intermediate tree). */
    public String toJsonLine() {
        StringBuilder json = new StringBuilder(160 + 64 * (dimensions.size() + metrics.size()));
        json.append("{\"_aws\":{\"Timestamp\":").append(timestamp.toEpochMilli())
                .append(",\"CloudWatchMetrics\":[{\"Namespace\":");
        quote(json, namespace).append(",\"Dimensions\":[[");
        int i = 0;
        for (String key : dimensions.keySet()) {
            quote(i++ > 0 ? json.append(',') : json, key);
        }
        json.append("]],\"Metrics\":[");
        i = 0;
        for (Metric metric : metrics) {
            quote((i++ > 0 ? json.append(',') : json).append("{\"Name\":"), metric.name()).append(",\"Unit\":");
            quote(json, metric.unit().cloudWatchName()).append('}');
        }
        json.append("]}]}");
        dimensions.forEach((key, value) -> quote(quote(json.append(','), key).append(':'), value));
        for (Metric metric : metrics) {
            quote(json.append(','), metric.name()).append(':');
            double value = metric.value();
            if (value == Math.rint(value) && Math.abs(value) < 1e15) {
                json.append((long) value);
            } else {
                json.append(value);
            }
        }
        return json.append('}').toString();
    }

    private static StringBuilder quote(StringBuilder json, String text) {
        json.append('"');
        JsonStringEncoder.getInstance().quoteAsString(text, json);
        return json.append('"');
    }
}
