package io.logwise.kafka.sizing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Invariants checked over a grid of inputs that straddles every band and rounding boundary. */
class SizingSweepTest {
    /** One size per band; the band boundaries themselves are tested in SizingCalculatorTest. */
    private static final long[] SIZES = {1023, 1024, 5120, 10240, 20480};
    private static final String[] PEAKS = {"1", "1.1", "1.5", "2.0", "3.3", "10"};
    private static final String[] HEADROOMS = {"0", "0.01", "0.07", "0.1", "0.2", "0.3", "1", "5"};
    /** 1..2,000,000 msgs/s: every rate up to 300, then steps of 9,973 (prime, so it lands on uneven values). */
    private static final List<Long> RATES = LongStream.concat(LongStream.rangeClosed(1, 300),
            LongStream.iterate(301, rate -> rate <= 2_000_000, rate -> rate + 9_973)).boxed().toList();

    private static SizingResult size(long rate, long bytes, String peak, String headroom) {
        return SizingCalculator.calculate(new SizingInput(BigDecimal.valueOf(rate), bytes, new BigDecimal(peak),
                new BigDecimal(headroom), Environment.PROD, List.of()));
    }

    @Test
    void partitionsNeverDecreaseAsTheRateGrows() {
        for (long bytes : SIZES) {
            for (String peak : PEAKS) {
                for (String headroom : HEADROOMS) {
                    long previous = 0;
                    for (long rate : RATES) {
                        long partitions = size(rate, bytes, peak, headroom).partitions();
                        assertTrue(partitions >= previous, rate + " msgs/s of " + bytes + " B, peak " + peak
                                + ", headroom " + headroom + ": " + partitions + " < " + previous);
                        previous = partitions;
                    }
                }
            }
        }
    }

    @Test
    void partitionsCarryThePeakRateAndNeverFallBelowThree() {
        for (long bytes : SIZES) {
            for (String peak : PEAKS) {
                for (String headroom : HEADROOMS) {
                    for (long rate : RATES) {
                        SizingResult result = size(rate, bytes, peak, headroom);
                        BigDecimal capacity = BigDecimal.valueOf(result.partitionsForPeak())
                                .multiply(BigDecimal.valueOf(result.sizeBand().maxMessagesPerSecond()));
                        String label = rate + " msgs/s of " + bytes + " B, peak " + peak + ", headroom " + headroom;
                        assertTrue(capacity.compareTo(result.peakMessagesPerSecond()) >= 0, label);
                        assertTrue(result.partitionsWithHeadroom() >= result.partitionsForPeak(), label);
                        assertTrue(result.partitions() >= SizingCalculator.MIN_PARTITIONS, label);
                        assertTrue(result.partitions() >= result.partitionsWithHeadroom(), label);
                    }
                }
            }
        }
    }
}
