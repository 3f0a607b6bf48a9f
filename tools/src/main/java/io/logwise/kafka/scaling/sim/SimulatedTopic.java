package io.logwise.kafka.scaling.sim;

import io.logwise.kafka.scaling.LagFigures;
import io.logwise.kafka.scaling.Rates;
import io.logwise.kafka.scaling.TopicScan;
import io.logwise.kafka.scan.Verdict;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Optional;

/**
 * A topic and its consumer group, one second at a time. Producers spread records evenly over the
 * partitions they know (no keys); each partition has one consumer reading at most the scenario's capacity.
 * Records stay on the partition they were written to, as in Kafka.
 */
final class SimulatedTopic {

    static final String NAME = "logs.simulated-service";

    private final Scenario scenario;
    private double[] lag;
    private int partitions;
    private int usedPartitions;
    /** Increases not yet used by clients: {second they take effect, partition count}, oldest first. */
    private final Deque<long[]> pending = new ArrayDeque<>();
    private double producedSinceScan;
    private double consumedSinceScan;
    private long secondsSinceScan;

    SimulatedTopic(Scenario scenario) {
        this.scenario = scenario;
        this.partitions = scenario.initialPartitions();
        this.usedPartitions = partitions;
        this.lag = new double[partitions];
    }

    /** Kafka has the partitions at once; producers and consumers use each increase after the scenario's delay. */
    void increaseTo(int newCount, long second) {
        if (newCount <= partitions) {
            throw new IllegalArgumentException("increase only: " + partitions + " -> " + newCount);
        }
        lag = Arrays.copyOf(lag, newCount);
        partitions = newCount;
        pending.addLast(new long[] {second + scenario.effectDelay().toSeconds(), newCount});
    }

    void advanceOneSecond(long second) {
        while (!pending.isEmpty() && pending.peekFirst()[0] <= second) {
            usedPartitions = (int) pending.removeFirst()[1];
        }
        double perPartition = scenario.ingestAt(second) / usedPartitions;
        for (int p = 0; p < usedPartitions; p++) {
            double backlog = lag[p] + perPartition;
            double consumed = Math.min(backlog, scenario.partitionCapacity());
            lag[p] = backlog - consumed;
            consumedSinceScan += consumed;
        }
        producedSinceScan += scenario.ingestAt(second);
        secondsSinceScan++;
    }

    /**
     * What the lag scanner would report now, judged as it judges: LAGGING when a partition's lag is above the
     * threshold, with the figures of those partitions. Resets the rate counters.
     */
    TopicScan scan() {
        int lagging = 0;
        long laggingSum = 0;
        long max = 0;
        long total = 0;
        for (double value : lag) {
            long records = (long) Math.floor(value);
            total += records;
            max = Math.max(max, records);
            if (records > scenario.maxLagPerPartition()) {
                lagging++;
                laggingSum += records;
            }
        }
        long average = lagging == 0 ? 0 : laggingSum / lagging;
        LagFigures figures = new LagFigures(lagging, average, max, total, scenario.maxLagPerPartition());
        Rates rates = new Rates(producedSinceScan / secondsSinceScan, consumedSinceScan / secondsSinceScan);
        producedSinceScan = 0;
        consumedSinceScan = 0;
        secondsSinceScan = 0;
        Verdict verdict = lagging > 0 ? Verdict.LAGGING : Verdict.OK;
        return new TopicScan(NAME, verdict, false, partitions, figures, Optional.of(rates));
    }

    int partitions() {
        return partitions;
    }

    double totalLag() {
        return Arrays.stream(lag).sum();
    }

    double maxPartitionLag() {
        return Arrays.stream(lag).max().orElse(0);
    }
}
