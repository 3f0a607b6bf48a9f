package io.logwise.kafka.scaling;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * LogWise's lag rule: {@code new = max(ceil(current x (avgLag / maxLag + 1) / step) x step, current + step)}.
 * Pure; the policy uses it when rates are unknown and the simulator runs it alone as a baseline.
 */
public final class LagRule {

    private final int step;

    public LagRule(int step) {
        if (step < 1) {
            throw new IllegalArgumentException("step must be at least 1, was " + step);
        }
        this.step = step;
    }

    public Target target(int currentPartitions, long avgLagOfLaggingPartitions, long maxLagPerPartition) {
        if (currentPartitions < 1 || avgLagOfLaggingPartitions < 0 || maxLagPerPartition < 1) {
            throw new IllegalArgumentException("need current >= 1, avgLag >= 0, maxLag >= 1: " + currentPartitions
                    + ", " + avgLagOfLaggingPartitions + ", " + maxLagPerPartition);
        }
        double lagRatio = (double) avgLagOfLaggingPartitions / maxLagPerPartition;
        int scaled = scaledByLag(currentPartitions, avgLagOfLaggingPartitions, maxLagPerPartition);
        int target = Math.max(scaled, saturatedAdd(currentPartitions, step));

        Map<String, Number> inputs = new LinkedHashMap<>();
        inputs.put("currentPartitions", currentPartitions);
        inputs.put("avgLagOfLaggingPartitions", avgLagOfLaggingPartitions);
        inputs.put("maxLagPerPartition", maxLagPerPartition);
        inputs.put("step", step);
        String explanation = String.format(
                "lag rule: avg lag %d of lagging partitions is %.2fx the %d threshold; "
                        + "max(ceil(%d x %.2f / %d) x %d, %d + %d) = %d",
                avgLagOfLaggingPartitions, lagRatio, maxLagPerPartition, currentPartitions, lagRatio + 1, step, step,
                currentPartitions, step, target);
        return new Target(target, TargetRule.LAG, inputs, explanation);
    }

    /** ceil(current x (avgLag + maxLag) / (maxLag x step)) x step in integers: 1.1 x 30 must give 33, not 36. */
    private int scaledByLag(int current, long avgLag, long maxLag) {
        try {
            long numerator = Math.multiplyExact((long) current, Math.addExact(avgLag, maxLag));
            long denominator = Math.multiplyExact(maxLag, (long) step);
            long steps = numerator / denominator + (numerator % denominator == 0 ? 0 : 1);
            return (int) Math.min(Math.multiplyExact(steps, (long) step), (long) Integer.MAX_VALUE / step * step);
        } catch (ArithmeticException overflow) {
            return Integer.MAX_VALUE / step * step;
        }
    }

    private static int saturatedAdd(int a, int b) {
        long sum = (long) a + b;
        return sum > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) sum;
    }
}
