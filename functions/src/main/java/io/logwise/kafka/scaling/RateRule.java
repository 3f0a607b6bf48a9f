package io.logwise.kafka.scaling;

import io.logwise.kafka.time.HumanDuration;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Sizes a topic from its record rates. Kafka never moves records already written, so the backlog of a
 * lagging partition stays on that partition; more partitions help it only by taking new records away:
 * it drains at {@code capacity - ingest / partitions}. The rule asks for the partitions that make the
 * worst partition's backlog drain within the drain target:
 * <pre>
 *   ingestShare = max(capacity - maxPartitionLag / drainTarget, capacity / 4)
 *   partitions  = ceil(ingest / ingestShare), rounded up to a multiple of step when above the current count
 * </pre>
 * The floor {@code capacity / 4} applies when the target cannot be met at any partition count; a partition
 * then still keeps 3/4 of its consumer's capacity for its backlog, and doubling the partitions again would
 * raise that only to 7/8.
 */
public final class RateRule {

    /** Partitions never exceed this multiple of what the ingest rate alone needs. */
    static final double MAX_INGEST_HEADROOM = 4.0;

    private final int step;
    private final Duration drainTarget;
    private final OptionalDouble configuredPartitionRate;

    /** How the rule answered: a sized target, a stalled consumer, or rates it cannot use. */
    public sealed interface Outcome {
        record Sized(Target target) implements Outcome {
        }

        record Stalled(String explanation) implements Outcome {
        }

        record Unusable(String explanation) implements Outcome {
        }
    }

    /**
     * @param configuredPartitionRate records per second one partition's consumer can read, when known;
     *                                empty to estimate it from the scan
     */
    public RateRule(int step, Duration drainTarget, OptionalDouble configuredPartitionRate) {
        if (step < 1 || drainTarget.isNegative() || drainTarget.isZero()) {
            throw new IllegalArgumentException(
                    "need step >= 1 and a positive drain target: " + step + ", " + drainTarget);
        }
        this.step = step;
        this.drainTarget = drainTarget;
        this.configuredPartitionRate = configuredPartitionRate;
    }

    public Outcome evaluate(int currentPartitions, LagFigures lag, Rates rates) {
        double ingest = rates.ingestPerSecond();
        double consume = rates.consumePerSecond();
        if (consume == 0 && lag.lagTotal() > 0) {
            return new Outcome.Stalled(String.format(
                    "the consumer read 0 records/s with %d records of lag: more partitions would not drain it",
                    lag.lagTotal()));
        }
        double capacity;
        String capacitySource;
        if (configuredPartitionRate.isPresent()) {
            capacity = configuredPartitionRate.getAsDouble();
            capacitySource = "configured";
        } else {
            int lagging = lag.laggingPartitions();
            if (lagging == 0) {
                return new Outcome.Unusable("no partition lags, so how fast the consumer can read is unknown");
            }
            // Partitions without lag consume exactly what arrives; the lagging ones consume at full capacity.
            double keptUp = (double) (currentPartitions - lagging) * ingest / currentPartitions;
            capacity = (consume - keptUp) / lagging;
            if (!(capacity > 0)) {
                return new Outcome.Unusable(String.format("the consumer reads %.0f records/s, no more than the"
                        + " %.0f/s arriving on its %d partitions without lag, so how fast it can read the lagging"
                        + " ones is unknown", consume, keptUp, currentPartitions - lagging));
            }
            capacitySource = String.format("estimated from consume %.0f/s with %d of %d partitions lagging",
                    consume, lagging, currentPartitions);
        }

        double drainSeconds = drainTarget.toMillis() / 1000.0;
        double wantedDrain = lag.maxPartitionLag() / drainSeconds;
        double ingestShare = Math.max(capacity - wantedDrain, capacity / MAX_INGEST_HEADROOM);
        double needed = ingest / ingestShare;
        int target = needed <= currentPartitions ? (int) Math.ceil(needed) : Target.roundUpToStep(needed, step);

        Map<String, Number> inputs = new LinkedHashMap<>();
        inputs.put("currentPartitions", currentPartitions);
        inputs.put("ingestPerSecond", round(ingest));
        inputs.put("consumePerSecond", round(consume));
        inputs.put("partitionCapacityPerSecond", round(capacity));
        inputs.put("maxPartitionLag", lag.maxPartitionLag());
        inputs.put("drainTargetSeconds", round(drainSeconds));
        inputs.put("ingestSharePerPartition", round(ingestShare));
        inputs.put("step", step);
        String limit = capacity - wantedDrain >= capacity / MAX_INGEST_HEADROOM
                ? String.format("draining the worst partition's %d records within %s "
                                + "leaves each partition %.0f/s of ingest",
                        lag.maxPartitionLag(), HumanDuration.format(drainTarget), ingestShare)
                : String.format("draining the worst partition's %d records within %s is beyond its %.0f/s capacity; "
                        + "keeping 3/4 of it for the backlog leaves each partition %.0f/s of ingest",
                        lag.maxPartitionLag(), HumanDuration.format(drainTarget), capacity, ingestShare);
        String explanation = String.format(
                "rate rule: ingest %.0f/s, consumer capacity %.0f/s per partition (%s); "
                        + "%s, so %.1f partitions are needed -> %d",
                ingest, capacity, capacitySource, limit, needed, target);
        return new Outcome.Sized(new Target(target, TargetRule.RATE, inputs, explanation));
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
