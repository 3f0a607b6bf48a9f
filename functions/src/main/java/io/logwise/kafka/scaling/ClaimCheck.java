package io.logwise.kafka.scaling;

import io.logwise.kafka.scaling.ScalingDecision.Increase;
import io.logwise.kafka.scaling.ScalingDecision.NoChange;
import io.logwise.kafka.scaling.ScalingDecision.Refused;
import io.logwise.kafka.scan.ConsumerSummary;
import io.logwise.kafka.scan.ScanResult;
import io.logwise.kafka.scan.TopicSummary;
import io.logwise.kafka.scan.Verdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Treats a scan result as a claim: the topics a plan would increase are measured again in one reading, decided
 * again on the measured lag against this function's own threshold, and raised only as far as that justifies. A
 * claimed increase the measurement does not support becomes a {@link RefusalReason#LAG_NOT_CONFIRMED} refusal that
 * names the claimed and the measured figures.
 */
public final class ClaimCheck {

    private final PartitionScalingPolicy policy;
    private final LagMeter meter;
    private RuntimeException measurementFailure;

    public ClaimCheck(PartitionScalingPolicy policy, LagMeter meter) {
        this.policy = policy;
        this.meter = meter;
    }

    /**
     * @param claimed the scan's topics as the policy read them ({@link ScanAdapter#topicsOf})
     * @param scan    the scan result they were read from (it names the consumers to measure)
     */
    public ScalingPlan confirm(ScalingPlan plan, List<TopicScan> claimed, ScanResult scan, ClusterState cluster,
                        JournalView journal, List<String> problems) {
        Set<String> candidates = new TreeSet<>();
        plan.decisions().stream().filter(Increase.class::isInstance).map(ScalingDecision::topic)
                .forEach(candidates::add);
        if (candidates.isEmpty()) {
            return plan;
        }
        Map<String, TopicScan> claims = new HashMap<>();
        claimed.forEach(topic -> claims.put(topic.topic(), topic));
        ScanResult measured;
        try {
            measured = meter.measure(candidates, consumersNamed(scan, candidates));
        } catch (RuntimeException e) {
            measurementFailure = e;
            problems.add("the lag of " + candidates.size() + " topic(s) could not be measured before increasing: "
                    + e.getMessage());
            return new ScalingPlan(plan.decidedAt(), plan.mode(), plan.decisions().stream()
                    .map(decision -> decision instanceof Increase increase ? new Refused(increase.topic(),
                            RefusalReason.LAG_NOT_CONFIRMED, "the scan's lag could not be measured before"
                            + " increasing (" + e.getMessage() + "): 0 partitions added") : decision)
                    .toList());
        }
        measured.problems().forEach(problem -> problems.add("measuring before increasing: " + problem));
        Map<String, TopicSummary> summaries = new HashMap<>();
        measured.topics().forEach(topic -> summaries.put(topic.topic(), topic));

        List<TopicScan> remeasured = new ArrayList<>();
        for (String topic : candidates) {
            TopicSummary summary = summaries.get(topic);
            TopicScan claim = claims.get(topic);
            remeasured.add(summary == null || summary.partitions() < 1
                    ? new TopicScan(topic, Verdict.UNKNOWN, true, claim.partitions(), claim.lag(), Optional.empty())
                    : withClaimedRates(ScanAdapter.toTopicScan(summary), claim));
        }
        ScalingPlan confirmed = policy.decideMeasured(measured.scannedAt(), remeasured, cluster, journal,
                plan.decidedAt());
        Map<String, ScalingDecision> byTopic = new LinkedHashMap<>();
        confirmed.decisions().forEach(decision -> byTopic.put(decision.topic(), decision));
        List<ScalingDecision> decisions = new ArrayList<>();
        for (ScalingDecision decision : plan.decisions()) {
            decisions.add(decision instanceof Increase
                    ? settle(claims.get(decision.topic()), summaries.get(decision.topic()),
                    byTopic.get(decision.topic()))
                    : decision);
        }
        return new ScalingPlan(plan.decidedAt(), plan.mode(), decisions);
    }

    /** Why the measurement failed, when it did: the caller decides whether the invocation fails too. */
    public Optional<RuntimeException> measurementFailure() {
        return Optional.ofNullable(measurementFailure);
    }

    /** The measured decision, with the claim beside it in the journal's figures or the refusal's reason. */
    private static ScalingDecision settle(TopicScan claim, TopicSummary summary, ScalingDecision measured) {
        String claimText = "the scan claimed avg lag " + claim.lag().avgLagOfLaggingPartitions()
                + " on " + claim.lag().laggingPartitions() + " lagging partition(s) against a threshold of "
                + claim.lag().maxLagPerPartition();
        if (measured instanceof Increase increase) {
            Map<String, Number> inputs = new LinkedHashMap<>(increase.inputs());
            inputs.put("claimedAvgLagOfLaggingPartitions", claim.lag().avgLagOfLaggingPartitions());
            inputs.put("claimedMaxLagPerPartition", claim.lag().maxLagPerPartition());
            return new Increase(increase.topic(), increase.from(), increase.to(), increase.rule(), inputs,
                    "measured before increasing: " + increase.reason() + " (" + claimText + ")");
        }
        String measuredText = "measured now: " + describe(summary);
        if (measured instanceof Refused refused && refused.reason() != RefusalReason.PARTIAL_SCAN
                && refused.reason() != RefusalReason.UNKNOWN_TOPIC) {
            return new Refused(refused.topic(), refused.reason(), refused.explanation() + " (" + measuredText
                    + "; " + claimText + ")");
        }
        String why = measured instanceof Refused refused ? refused.explanation() : ((NoChange) measured).reason();
        return new Refused(claim.topic(), RefusalReason.LAG_NOT_CONFIRMED, claimText + "; " + measuredText
                + ": 0 partitions added (" + why + ")");
    }

    private static TopicScan withClaimedRates(TopicScan measured, TopicScan claim) {
        if (measured.lag().laggingPartitions() == 0 || claim.rates().isEmpty()) {
            return measured;
        }
        return new TopicScan(measured.topic(), measured.verdict(), measured.partial(), measured.partitions(),
                measured.lag(), claim.rates());
    }

    /** Every consumer the scan result names on the topics: the most severe one and the listed ones. */
    private static Set<String> consumersNamed(ScanResult scan, Set<String> topics) {
        Set<String> consumers = new TreeSet<>();
        for (TopicSummary topic : scan.topics()) {
            if (topics.contains(topic.topic())) {
                Stream.concat(Stream.ofNullable(topic.worst()),
                                topic.consumers() == null ? Stream.empty() : topic.consumers().stream())
                        .map(ConsumerSummary::consumer).forEach(consumers::add);
            }
        }
        return consumers;
    }

    private static String describe(TopicSummary summary) {
        if (summary == null) {
            return "the topic could not be measured";
        }
        Optional<ConsumerSummary> worst = Stream.concat(Stream.ofNullable(summary.worst()),
                        summary.consumers() == null ? Stream.empty() : summary.consumers().stream())
                .max((a, b) -> Long.compare(a.avgLagOfLaggingPartitions(), b.avgLagOfLaggingPartitions()));
        String figures = worst.map(c -> c.consumer() + " (" + c.source() + ") lags " + c.lag() + " in total, "
                + c.maxPartitionLag() + " at most on a partition, avg " + c.avgLagOfLaggingPartitions() + " on "
                + c.laggingPartitions() + " partition(s) above the threshold").orElse("no consumer measured");
        return "verdict " + summary.verdict() + ", " + figures + ", threshold " + summary.maxLagPerPartition()
                + " (MAX_LAG_PER_PARTITION of this function)";
    }
}
