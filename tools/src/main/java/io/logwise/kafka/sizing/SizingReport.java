package io.logwise.kafka.sizing;

import io.logwise.kafka.time.HumanDuration;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.stream.Collectors;

/** Renders a {@link SizingResult}: a readable summary, the matching settings, and a provisioning event. */
public final class SizingReport {
    private static final String[] BINARY_UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    private SizingReport() {
    }

    public static String summary(SizingResult result) {
        SizingInput input = result.input();
        String maxRate = grouped(result.sizeBand().maxMessagesPerSecond());
        StringBuilder text = new StringBuilder();
        text.append("LogWise sizing for ").append(input.environment().label()).append('\n');
        line(text, "input", plain(input.messagesPerSecond()) + " msgs/s of " + grouped(input.averageMessageBytes())
                + " B, peak x" + plain(input.peakFactor()) + ", headroom " + percent(input.headroom()));
        line(text, "size band", result.sizeBand().description() + ": at most " + maxRate + " msgs/s per partition");
        line(text, "partitions", result.partitions() + "  = max(" + SizingCalculator.MIN_PARTITIONS
                + ", ceil(" + result.partitionsForPeak() + " x " + plain(BigDecimal.ONE.add(input.headroom()))
                + ") = " + result.partitionsWithHeadroom() + "); " + result.partitionsForPeak() + " = ceil("
                + plain(result.peakMessagesPerSecond()) + " msgs/s at peak / " + maxRate + ")");
        line(text, "max lag", grouped(result.maxLagPerPartition()) + " messages per partition (" + maxRate
                + " msgs/s x " + SizingCalculator.MAX_LAG_SECONDS + " s)");
        line(text, "replication", "factor " + result.replicationFactor() + ", min.insync.replicas "
                + result.minInsyncReplicas() + ", at least " + result.minBrokers()
                + (result.minBrokers() == 1 ? " broker" : " brokers"));
        String retention = HumanDuration.format(result.retention());
        line(text, "retention", retention + " (retention.ms=" + result.retentionMs() + ")");
        line(text, "disk", "about " + binary(result.estimatedDiskBytes()) + " uncompressed (average ingest "
                + binary(result.averageIngestBytesPerSecond()) + "/s x " + retention + " x "
                + result.replicationFactor() + (result.replicationFactor() == 1 ? " replica)" : " replicas)"));
        return text.toString();
    }

    /** The settings to copy: the lag scanner's threshold and the topic-level configuration. */
    public static String settings(SizingResult result) {
        return "MAX_LAG_PER_PARTITION=" + result.maxLagPerPartition() + '\n'
                + "partitions=" + result.partitions() + '\n'
                + "replication.factor=" + result.replicationFactor() + '\n'
                + "min.insync.replicas=" + result.minInsyncReplicas() + '\n'
                + "retention.ms=" + result.retentionMs() + '\n';
    }

    /**
     * A topic-provisioner request. Service names are validated to {@code [a-zA-Z0-9._-]}, so they need no JSON
     * escaping.
     */
    public static String provisioningEvent(SizingResult result) {
        String services = result.input().services().stream()
                .map(service -> '"' + service + '"')
                .collect(Collectors.joining(","));
        return "{\"services\":[" + services + "],\"partitions\":" + result.partitions()
                + ",\"retentionMs\":" + result.retentionMs() + "}";
    }

    static String binary(BigDecimal bytes) {
        BigDecimal value = bytes;
        int unit = 0;
        BigDecimal step = BigDecimal.valueOf(1024);
        while (value.compareTo(step) >= 0 && unit < BINARY_UNITS.length - 1) {
            value = value.divide(step, 10, RoundingMode.HALF_UP);
            unit++;
        }
        return value.setScale(unit == 0 ? 0 : 1, RoundingMode.HALF_UP).toPlainString() + " " + BINARY_UNITS[unit];
    }

    private static void line(StringBuilder text, String label, String value) {
        text.append(String.format(Locale.ROOT, "  %-12s %s\n", label, value));
    }

    private static String grouped(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    private static String percent(BigDecimal fraction) {
        return plain(fraction.movePointRight(2)) + "%";
    }
}
