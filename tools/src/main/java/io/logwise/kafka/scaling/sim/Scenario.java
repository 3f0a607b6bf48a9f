package io.logwise.kafka.scaling.sim;

import java.time.Duration;

/**
 * One simulated topic: a steady ingest rate that jumps by {@code burstFactor} for {@code burstDuration},
 * consumers that each read at most {@code partitionCapacity} records/s from their partition, and the lag
 * threshold the scanner judges against.
 *
 * @param effectDelay time between an increase and producers and consumers using the new partitions
 */
record Scenario(
        String name,
        int initialPartitions,
        double baseIngestPerSecond,
        double burstFactor,
        Duration burstStart,
        Duration burstDuration,
        double partitionCapacity,
        long maxLagPerPartition,
        Duration length,
        Duration effectDelay) {

    /** The scenario: ingest 1x -> 5x for 30 minutes, then back. */
    static Scenario fiveFoldBurst() {
        return new Scenario("5x burst for 30m", 3, 2_000, 5, Duration.ofMinutes(10), Duration.ofMinutes(30),
                1_000, 50_000, Duration.ofMinutes(120), Duration.ZERO);
    }

    Scenario withEffectDelay(Duration delay) {
        return new Scenario(name + ", new partitions used after " + delay.toMinutes() + "m", initialPartitions,
                baseIngestPerSecond, burstFactor, burstStart, burstDuration, partitionCapacity, maxLagPerPartition,
                length, delay);
    }

    Scenario withBurst(String newName, double factor, Duration duration) {
        return new Scenario(newName, initialPartitions, baseIngestPerSecond, factor, burstStart, duration,
                partitionCapacity, maxLagPerPartition, length, effectDelay);
    }

    double ingestAt(long second) {
        long start = burstStart.toSeconds();
        boolean inBurst = second >= start && second < start + burstDuration.toSeconds();
        return inBurst ? baseIngestPerSecond * burstFactor : baseIngestPerSecond;
    }

    double peakIngest() {
        return baseIngestPerSecond * Math.max(1, burstFactor);
    }

    /** Partitions whose consumers together keep up with the peak ingest rate: ceil(peak / capacity). */
    int neededPartitions() {
        return (int) Math.ceil(peakIngest() / partitionCapacity);
    }
}
