package io.logwise.kafka.scaling.sim;

import io.logwise.kafka.scaling.ClusterState;
import io.logwise.kafka.scaling.JournalView;
import io.logwise.kafka.scaling.LagRule;
import io.logwise.kafka.scaling.PartitionScalingPolicy;
import io.logwise.kafka.scaling.ScalingDecision;
import io.logwise.kafka.scaling.ScalingPlan;
import io.logwise.kafka.scaling.ScalingSettings;
import io.logwise.kafka.scaling.TopicScan;
import io.logwise.kafka.scan.Verdict;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Something that looks at one scan of the simulated topic and may ask for more partitions. */
interface Scaler {

    String name();

    /** The partition count to increase to, or empty for no change. */
    OptionalInt onScan(TopicScan scan, int currentPartitions, Instant now);

    /** This project's policy, through the real classes: settings, cluster state, journal, plan. */
    static Scaler policy(String name, ScalingSettings settings) {
        PartitionScalingPolicy policy = new PartitionScalingPolicy(settings);
        Map<String, Instant> journal = new HashMap<>();
        return new Scaler() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public OptionalInt onScan(TopicScan scan, int currentPartitions, Instant now) {
                int replicationFactor = 3;
                ClusterState cluster = new ClusterState(
                        Map.of(scan.topic(), new ClusterState.TopicLayout(currentPartitions, replicationFactor)),
                        (long) currentPartitions * replicationFactor, 3);
                ScalingPlan plan = policy.decide(now, List.of(scan), cluster, JournalView.of(journal), now);
                Optional<ScalingDecision.Increase> increase = plan.increases().stream().findFirst();
                increase.ifPresent(applied -> journal.put(applied.topic(), now));
                return increase.map(applied -> OptionalInt.of(applied.to())).orElse(OptionalInt.empty());
            }
        };
    }

    /** LogWise's lag rule on every lagging scan: no cooldown, no ceiling. */
    static Scaler lagRuleOnly(int step) {
        LagRule rule = new LagRule(step);
        return new Scaler() {
            @Override
            public String name() {
                return "LogWise lag rule (no cooldown, no cap)";
            }

            @Override
            public OptionalInt onScan(TopicScan scan, int currentPartitions, Instant now) {
                if (scan.verdict() != Verdict.LAGGING) {
                    return OptionalInt.empty();
                }
                int target = rule.target(currentPartitions, scan.lag().avgLagOfLaggingPartitions(),
                        scan.lag().maxLagPerPartition()).partitions();
                return target > currentPartitions ? OptionalInt.of(target) : OptionalInt.empty();
            }
        };
    }

    /** LogWise's rate orchestrator: required = ceil(ingest rate / partitionRatePerSecond), increase only. */
    static Scaler rateOrchestrator(double partitionRatePerSecond) {
        return new Scaler() {
            @Override
            public String name() {
                return "LogWise rate orchestrator";
            }

            @Override
            public OptionalInt onScan(TopicScan scan, int currentPartitions, Instant now) {
                double ingest = scan.rates().orElseThrow().ingestPerSecond();
                int required = (int) Math.ceil(ingest / partitionRatePerSecond);
                return required > currentPartitions ? OptionalInt.of(required) : OptionalInt.empty();
            }
        };
    }
}
