package io.logwise.kafka.scaling.sim;

import io.logwise.kafka.scaling.ScalingSettings;
import io.logwise.kafka.scaling.TopicScan;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * Runs a simulated topic through traffic bursts under three scalers (this project's policy, LogWise's lag
 * rule without cooldown or cap, LogWise's rate orchestrator), one scan per simulated minute, and prints
 * what each achieved. Deterministic: no randomness, no wall clock.
 */
public final class PolicySimulator {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final long SCAN_INTERVAL_SECONDS = 60;
    /**
     * Three kafka.m5.large brokers hold at most 1,500 partition replicas each while still supporting updates
     * (MSK guidance); with replication factor 3 that is 1,500 partitions. Requests beyond it are cut to it.
     */
    static final int SIMULATED_CLUSTER_LIMIT = 1_500;

    private PolicySimulator() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        Scenario issue = Scenario.fiveFoldBurst();
        List<Scenario> scenarios = List.of(
                issue,
                issue.withEffectDelay(Duration.ofMinutes(2)),
                issue.withBurst("10x burst for 10m", 10, Duration.ofMinutes(10)),
                issue.withBurst("2x burst for 60m", 2, Duration.ofMinutes(60)));
        for (Scenario scenario : scenarios) {
            List<SimulationResult> results = new ArrayList<>(compare(scenario));
            results.add(run(scenario, Scaler.policy("this policy, " + ScalingSettings.DRAIN_TARGET + "=5m",
                    ScalingSettings.fromEnv(Map.of(ScalingSettings.MODE, "on", ScalingSettings.DRAIN_TARGET, "5m")))));
            printTable(out, scenario, results);
            out.println();
        }
        out.println("this policy: " + describe(ScalingSettings.fromEnv(Map.of(ScalingSettings.MODE, "on"))));
    }

    /** The three scalers of the comparison, this project's policy first, with its default settings. */
    static List<SimulationResult> compare(Scenario scenario) {
        List<Function<Scenario, Scaler>> scalers = List.of(
                s -> Scaler.policy("this policy (defaults)",
                        ScalingSettings.fromEnv(Map.of(ScalingSettings.MODE, "on"))),
                s -> Scaler.lagRuleOnly(3),
                s -> Scaler.rateOrchestrator(s.partitionCapacity()));
        return scalers.stream().map(factory -> run(scenario, factory.apply(scenario))).toList();
    }

    static SimulationResult run(Scenario scenario, Scaler scaler) {
        SimulatedTopic topic = new SimulatedTopic(scenario);
        long lastSecondOverThreshold = -1;
        double peakLag = 0;
        int actions = 0;
        boolean hitLimit = false;
        for (long second = 0; second < scenario.length().toSeconds(); second++) {
            topic.advanceOneSecond(second);
            peakLag = Math.max(peakLag, topic.totalLag());
            if (topic.maxPartitionLag() > scenario.maxLagPerPartition()) {
                lastSecondOverThreshold = second;
            }
            if ((second + 1) % SCAN_INTERVAL_SECONDS == 0) {
                Instant now = START.plusSeconds(second + 1);
                TopicScan scan = topic.scan();
                OptionalInt target = scaler.onScan(scan, topic.partitions(), now);
                if (target.isPresent() && target.getAsInt() > topic.partitions()) {
                    hitLimit |= target.getAsInt() > SIMULATED_CLUSTER_LIMIT;
                    int granted = Math.min(target.getAsInt(), SIMULATED_CLUSTER_LIMIT);
                    if (granted > topic.partitions()) {
                        topic.increaseTo(granted, second + 1);
                        actions++;
                    }
                }
            }
        }
        Optional<Duration> recovered;
        long end = scenario.length().toSeconds() - 1;
        if (lastSecondOverThreshold == end) {
            recovered = Optional.empty();
        } else if (lastSecondOverThreshold < 0) {
            recovered = Optional.of(Duration.ZERO);
        } else {
            recovered = Optional.of(Duration.ofSeconds(lastSecondOverThreshold
                    + 1 - scenario.burstStart().toSeconds()));
        }
        return new SimulationResult(scaler.name(), recovered, Math.round(peakLag), topic.partitions(),
                scenario.neededPartitions(), actions, hitLimit);
    }

    static void printTable(PrintStream out, Scenario s, List<SimulationResult> results) {
        out.printf("Scenario: %s. Ingest %.0f/s -> %.0f/s at %s for %s; consumers read %.0f records/s per partition;%n",
                s.name(), s.baseIngestPerSecond(), s.peakIngest(), minutes(s.burstStart()), minutes(s.burstDuration()),
                s.partitionCapacity());
        out.printf("%d partitions at start; lag threshold %d records per partition; needed = ceil(%.0f / %.0f) = %d "
                        + "partitions; one scan per minute for %s.%n",
                s.initialPartitions(), s.maxLagPerPartition(), s.peakIngest(), s.partitionCapacity(),
                s.neededPartitions(), minutes(s.length()));
        String format = "%-42s %22s %14s %28s %16s%n";
        out.printf(format, "scaler", "back under threshold", "peak lag", "final partitions (overshoot)",
                "scaling actions");
        for (SimulationResult r : results) {
            String recovered = r.backUnderThreshold().map(PolicySimulator::minutesSeconds).orElse("not within run");
            String partitions = r.finalPartitions() + " (+" + r.overshoot() + ")" + (r.hitClusterLimit() ? " *" : "");
            out.printf(format, r.scaler(), recovered, String.format("%,d", r.peakLag()), partitions,
                    r.scalingActions());
        }
        if (results.stream().anyMatch(SimulationResult::hitClusterLimit)) {
            out.printf("* asked for more than the simulated cluster's %,d partitions and was cut to it%n",
                    SIMULATED_CLUSTER_LIMIT);
        }
    }

    private static String describe(ScalingSettings settings) {
        return "step " + settings.step() + ", ceiling " + settings.defaultMaxPartitions() + ", cooldown "
                + minutesSeconds(settings.cooldown()) + ", drain target " + minutesSeconds(settings.drainTarget())
                + ", per-partition consume rate " + (settings.partitionConsumeRate().isPresent()
                ? settings.partitionConsumeRate().getAsDouble() + "/s" : "estimated from each scan")
                + "; time measured from the burst's start, at one-second resolution";
    }

    private static String minutes(Duration duration) {
        return duration.toMinutes() + "m";
    }

    static String minutesSeconds(Duration duration) {
        return duration.toMinutes() + "m" + String.format("%02d", duration.toSecondsPart()) + "s";
    }
}
