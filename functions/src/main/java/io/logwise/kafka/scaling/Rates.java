package io.logwise.kafka.scaling;

/**
 * Record rates of one topic over the scanner's last interval, summed over all partitions.
 *
 * @param ingestPerSecond   records produced per second (growth of the log-end offsets)
 * @param consumePerSecond  records consumed per second (growth of the committed offsets)
 */
public record Rates(double ingestPerSecond, double consumePerSecond) {

    public Rates {
        if (!(ingestPerSecond >= 0) || !(consumePerSecond >= 0)
                || Double.isInfinite(ingestPerSecond) || Double.isInfinite(consumePerSecond)) {
            throw new IllegalArgumentException(
                    "rates must be finite and not negative: ingest " + ingestPerSecond
                            + ", consume " + consumePerSecond);
        }
    }
}
