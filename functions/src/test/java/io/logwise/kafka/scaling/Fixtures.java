package io.logwise.kafka.scaling;

import io.logwise.kafka.scan.Verdict;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builders for the policy's inputs, so each test states only the figures it is about. */
final class Fixtures {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final long MAX_LAG = 50_000;

    private Fixtures() {
    }

    /** Mode on, other settings at their defaults, plus {@code name, value} pairs. */
    static ScalingSettings settings(String... nameValuePairs) {
        Map<String, String> env = new HashMap<>();
        env.put(ScalingSettings.MODE, "on");
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            env.put(nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return ScalingSettings.fromEnv(env);
    }

    /** Every partition lags by {@code avgLag}; rates unknown. */
    static TopicScan lagging(String topic, int partitions, long avgLag) {
        return new TopicScan(topic, Verdict.LAGGING, false, partitions,
                new LagFigures(partitions, avgLag, avgLag, avgLag * partitions, MAX_LAG), Optional.empty());
    }

    static TopicScan laggingWithRates(String topic, int partitions, long avgLag, double ingest, double consume) {
        return new TopicScan(topic, Verdict.LAGGING, false, partitions,
                new LagFigures(partitions, avgLag, avgLag, avgLag * partitions, MAX_LAG),
                Optional.of(new Rates(ingest, consume)));
    }

    static TopicScan healthy(String topic, int partitions) {
        return new TopicScan(topic, Verdict.OK, false, partitions, LagFigures.none(MAX_LAG), Optional.empty());
    }

    /** A scan's time and its topics, as the policy takes them. */
    record Scanned(Instant at, List<TopicScan> topics) {
        ScalingPlan decidedBy(PartitionScalingPolicy policy, ClusterState cluster, JournalView journal) {
            return policy.decide(at, topics, cluster, journal, NOW);
        }
    }

    static Scanned scanAt(Instant scannedAt, TopicScan... topics) {
        return new Scanned(scannedAt, List.of(topics));
    }

    static Scanned scan(TopicScan... topics) {
        return scanAt(NOW, topics);
    }

    /** Replication factor 3 on 3 brokers; the cluster holds only these topics. */
    static ClusterState cluster(Map<String, Integer> partitionsByTopic) {
        return clusterWithReplicas(partitionsByTopic,
                3L * partitionsByTopic.values().stream().mapToInt(Integer::intValue).sum());
    }

    static ClusterState clusterWithReplicas(Map<String, Integer> partitionsByTopic, long totalReplicas) {
        Map<String, ClusterState.TopicLayout> layouts = new HashMap<>();
        partitionsByTopic.forEach((topic, count) -> layouts.put(topic, new ClusterState.TopicLayout(count, 3)));
        return new ClusterState(layouts, totalReplicas, 3);
    }

    static ClusterState cluster(String topic, int partitions) {
        return cluster(Map.of(topic, partitions));
    }

    /** The one decision of a plan that holds exactly one. */
    static ScalingDecision only(ScalingPlan plan) {
        if (plan.decisions().size() != 1) {
            throw new AssertionError("expected one decision, got " + plan.decisions());
        }
        return plan.decisions().get(0);
    }

    static <T extends ScalingDecision> T as(Class<T> type, ScalingDecision decision) {
        if (!type.isInstance(decision)) {
            throw new AssertionError("expected " + type.getSimpleName() + ", got " + decision);
        }
        return type.cast(decision);
    }
}
