package io.logwise.kafka.sizing;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * LogWise's sizing rules. All arithmetic is exact (BigDecimal), so ceil(13 x 1.2) is 16 and ceil(10 x 1.2) is 12.
 *
 * <ul>
 *   <li>max rate per partition by average message size: see {@link SizeBand}</li>
 *   <li>partitions = max(3, ceil(ceil(rate x peak / maxRate) x (1 + headroom)))</li>
 *   <li>maxLagPerPartition = maxRate x 300 (five minutes of the partition's maximum rate)</li>
 *   <li>retention, replication: see {@link Environment}</li>
 * </ul>
 */
public final class SizingCalculator {
    public static final int MIN_PARTITIONS = 3;
    public static final int MAX_LAG_SECONDS = 300;

    private SizingCalculator() {
    }

    public static SizingResult calculate(SizingInput input) {
        SizeBand band = SizeBand.forMessageBytes(input.averageMessageBytes());
        BigDecimal maxRate = BigDecimal.valueOf(band.maxMessagesPerSecond());
        BigDecimal peakRate = input.messagesPerSecond().multiply(input.peakFactor());

        long forPeak = peakRate.divide(maxRate, 0, RoundingMode.CEILING).longValueExact();
        long withHeadroom = BigDecimal.valueOf(forPeak)
                .multiply(BigDecimal.ONE.add(input.headroom()))
                .setScale(0, RoundingMode.CEILING)
                .longValueExact();
        long partitions = Math.max(MIN_PARTITIONS, withHeadroom);
        long maxLag = (long) band.maxMessagesPerSecond() * MAX_LAG_SECONDS;

        Environment environment = input.environment();
        BigDecimal ingest = input.messagesPerSecond().multiply(BigDecimal.valueOf(input.averageMessageBytes()));
        BigDecimal disk = ingest.multiply(BigDecimal.valueOf(environment.retention().toSeconds()))
                .multiply(BigDecimal.valueOf(environment.replicationFactor()));
        return new SizingResult(input, band, peakRate, forPeak, withHeadroom, partitions, maxLag,
                environment.retention(), environment.replicationFactor(), environment.minInsyncReplicas(),
                environment.minBrokers(), ingest, disk);
    }
}
