package io.logwise.kafka.scaling.sim;

import java.time.Duration;
import java.util.Optional;

/**
 * What one scaler achieved on one scenario.
 *
 * @param backUnderThreshold time from the burst's start until no partition's lag exceeds the threshold for the
 *                           rest of the run; empty when the run ends above it
 * @param peakLag            highest total lag of the topic, in records
 * @param hitClusterLimit    the scaler asked for more partitions than the simulated cluster holds
 */
record SimulationResult(
        String scaler,
        Optional<Duration> backUnderThreshold,
        long peakLag,
        int finalPartitions,
        int neededPartitions,
        int scalingActions,
        boolean hitClusterLimit) {

    int overshoot() {
        return Math.max(0, finalPartitions - neededPartitions);
    }
}
