package io.logwise.kafka.bench;

import io.logwise.kafka.metrics.EmfDocument;
import io.logwise.kafka.metrics.EmfOutput;
import io.logwise.kafka.metrics.LagMetrics;
import io.logwise.kafka.scan.ConsumerSummary;
import io.logwise.kafka.scan.ScanResult;
import io.logwise.kafka.scan.TopicSummary;
import io.logwise.kafka.scan.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the scanner's EMF metrics cost in CloudWatch per month, beside the Lambda cost scripts/bench measured: the
 * metric series are counted from the documents the real {@link LagMetrics} writes for a scan of N topics, each read
 * by one consumer whose rates and time lag are known (the most series a topic can have), and the EMF log bytes from
 * their lines. Prices are written here by hand, not fetched: check them before quoting.
 *
 * <p>{@code java ... MetricCostModel [TOPICS=LAMBDA_DOLLARS ...]} prints the markdown table scripts/bench appends.
 */
public final class MetricCostModel {

    static final String PRICE_DATE = "CloudWatch list prices for us-east-1 (aws.amazon.com/cloudwatch/pricing),"
            + " unchanged there since 2019 as far as the author knows; written from that page's last known version on"
            + " 2026-12-07, NOT re-checked on that date (this machine cannot reach aws.amazon.com)";
    /** Per metric-month, by tier: the first 10,000 metrics, the next 240,000, the next 750,000, above 1,000,000. */
    static final long[] TIER_SIZES = {10_000, 240_000, 750_000, Long.MAX_VALUE};
    static final double[] TIER_PRICES = {0.30, 0.10, 0.05, 0.02};
    /** CloudWatch Logs ingestion (Standard log class), per GB: EMF lines are billed as log data, not PutMetricData. */
    static final double LOG_INGESTION_PER_GB = 0.50;
    static final int SCANS_PER_MONTH = 30 * 24 * 60;
    /** The scaler's and the retention updater's series (increases, dry runs, changes, refusals). */
    static final int OTHER_FUNCTION_METRICS = 4;
    static final int DEFAULT_MAX_CONSUMER_SERIES = 1000;

    private static final Instant AT = Instant.parse("2026-12-07T12:00:00Z");

    /** The caps a row is computed with; {@code Integer.MAX_VALUE} for none. */
    record Caps(String label, int topics, int consumers) {
    }

    record Row(int topics, Caps caps, int metrics, double metricDollars, double logGigabytes, double logDollars) {
        double total() {
            return metricDollars + logDollars;
        }
    }

    private MetricCostModel() {
    }

    static double monthlyMetricPrice(long metrics) {
        double dollars = 0;
        long left = metrics;
        for (int tier = 0; tier < TIER_SIZES.length && left > 0; tier++) {
            long inTier = Math.min(left, TIER_SIZES[tier]);
            dollars += inTier * TIER_PRICES[tier];
            left -= inTier;
        }
        return dollars;
    }

    /** A scan of {@code topics} topics, each with one consumer lagging by a distinct amount, history known. */
    static ScanResult scan(int topics) {
        List<TopicSummary> summaries = new ArrayList<>(topics);
        for (int i = 0; i < topics; i++) {
            ConsumerSummary consumer = new ConsumerSummary("spark-logs-" + i, "group", Verdict.OK, i, i, 0, 0, 0, 0,
                    12.5, (double) i, null, null);
            summaries.add(new TopicSummary("logs.service-" + i, 3, 0, Verdict.OK, 86_400_000L, 50_000, 12.5,
                    consumer, List.of(consumer), null));
        }
        return ScanResult.builder("cost-model", AT).durationMs(1000).prefix("logs.").topics(summaries).build();
    }

    static Row row(int topics, Caps caps) {
        List<EmfDocument> documents = new EmfOutput(EmfOutput.Target.OFF, Optional.of("prod"))
                .stamped(LagMetrics.documents(scan(topics), caps.topics(), caps.consumers()));
        Set<String> series = new HashSet<>();
        long bytes = 0;
        for (EmfDocument document : documents) {
            document.metrics().forEach(metric -> series.add(metric.name() + document.dimensions()));
            bytes += document.toJsonLine().getBytes(StandardCharsets.UTF_8).length + 1;
        }
        int metrics = series.size() + OTHER_FUNCTION_METRICS;
        double gigabytes = bytes * (double) SCANS_PER_MONTH / 1e9;
        return new Row(topics, caps, metrics, monthlyMetricPrice(metrics), gigabytes,
                gigabytes * LOG_INGESTION_PER_GB);
    }

    static List<Caps> caps() {
        return List.of(new Caps("before: no topic cap, 1,000 consumers", Integer.MAX_VALUE,
                DEFAULT_MAX_CONSUMER_SERIES),
                new Caps("defaults: 100 topics, 1,000 consumers", LagMetrics.DEFAULT_MAX_TOPIC_SERIES,
                        DEFAULT_MAX_CONSUMER_SERIES),
                new Caps("lean: 100 topics, 100 consumers", 100, 100));
    }

    /** {@code 100=0.17} pairs: the Lambda total per month scripts/bench measured at that topic count. */
    static Map<Integer, Double> lambdaCosts(String[] args) {
        Map<Integer, Double> costs = new LinkedHashMap<>();
        for (String arg : args) {
            String[] pair = arg.split("=", 2);
            if (pair.length != 2) {
                throw new IllegalArgumentException("expected TOPICS=DOLLARS, got: " + arg);
            }
            costs.put(Integer.parseInt(pair[0].replace(",", "")), Double.parseDouble(pair[1].replace("$", "")));
        }
        return costs;
    }

    static List<String> table(Map<Integer, Double> lambdaCosts) {
        List<String> lines = new ArrayList<>(List.of(
                "## Cost model: the scanner's CloudWatch metrics beside its Lambda cost (per 30-day month)",
                "",
                "Prices: custom metrics $0.30 / $0.10 / $0.05 / $0.02 per metric-month (first 10,000 / next 240,000 /"
                        + " next 750,000 / above), log ingestion $0.50 per GB; " + PRICE_DATE + ". Series counted"
                        + " from the documents the real LagMetrics writes for N topics, each read by one consumer with"
                        + " known rates and time lag (3 metrics per topic, 3 per consumer), plus 16 scan totals and 4"
                        + " scaler/retention metrics; every series carries the Environment dimension. EMF bytes: the"
                        + " lines as written, 43,200 scans. Lambda: the measured total from the table above.",
                "",
                "| topics | caps | metric series | metrics / month | EMF log GB | log ingestion | CloudWatch total |"
                        + " Lambda (scanner) |",
                "|---:|---|---:|---:|---:|---:|---:|---:|"));
        for (int topics : List.of(100, 1_000, 10_000)) {
            for (Caps caps : caps()) {
                Row row = row(topics, caps);
                Double lambda = lambdaCosts.get(topics);
                lines.add(String.format(java.util.Locale.ROOT,
                        "| %,d | %s | %,d | $%,.2f | %.1f | $%,.2f | **$%,.2f** | %s |", topics, caps.label(),
                        row.metrics(), row.metricDollars(), row.logGigabytes(), row.logDollars(), row.total(),
                        lambda == null ? "-" : String.format(java.util.Locale.ROOT, "$%.2f", lambda)));
            }
        }
        return lines;
    }

    public static void main(String[] args) {
        table(lambdaCosts(args)).forEach(System.out::println);
    }
}
