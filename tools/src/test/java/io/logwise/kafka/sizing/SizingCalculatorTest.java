package io.logwise.kafka.sizing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SizingCalculatorTest {

    private static SizingResult size(String rate, long messageBytes, String peak, String headroom, Environment env) {
        return SizingCalculator.calculate(new SizingInput(new BigDecimal(rate), messageBytes, new BigDecimal(peak),
                new BigDecimal(headroom), env, List.of()));
    }

    @Test
    void workedExampleFromTheIssue() {
        SizingResult result = size("50000", 2048, "2.0", "0.2", Environment.PROD);

        assertEquals(SizeBand.UNDER_5_KIB, result.sizeBand());
        assertEquals(13, result.partitionsForPeak(), "ceil(50,000 x 2.0 / 8,000) = ceil(12.5)");
        assertEquals(16, result.partitionsWithHeadroom(), "ceil(13 x 1.2) = ceil(15.6)");
        assertEquals(16, result.partitions());
        assertEquals(2_400_000, result.maxLagPerPartition());
        assertEquals(86_400_000, result.retentionMs());
        assertEquals(3, result.replicationFactor());
        assertEquals(2, result.minInsyncReplicas());
        assertEquals(3, result.minBrokers());
    }

    @ParameterizedTest(name = "{0} bytes -> {1} msgs/s per partition")
    @CsvSource({
        "1,        10000",
        "1023,     10000",
        "1024,      8000", // exactly 1 KiB is not "<1 KiB"
        "5119,      8000",
        "5120,      5000",
        "10239,     5000",
        "10240,     3000",
        "20479,     3000",
        "20480,     2000",
        "1048576,   2000",
    })
    void sizeBandBoundariesAreExclusiveUpperBounds(long messageBytes, int expectedMaxRate) {
        SizingResult result = size("1000", messageBytes, "1", "0", Environment.DEV);

        assertEquals(expectedMaxRate, result.sizeBand().maxMessagesPerSecond());
        assertEquals(expectedMaxRate * 300L, result.maxLagPerPartition());
    }

    @ParameterizedTest(name = "{0} msgs/s x peak {1} at 10,000/partition -> {2} before headroom")
    @CsvSource({
        "0.5,    1,    1",
        "10000,  1,    1",
        "10001,  1,    2",
        "15000,  1,    2",
        "20000,  1,    2",
        "20000,  1.5,  3",
        "33333,  3,   10", // 99,999 / 10,000
        "33334,  3,   11", // 100,002 / 10,000
    })
    void peakRateIsDividedAndRoundedUpExactly(String rate, String peak, long expectedForPeak) {
        assertEquals(expectedForPeak, size(rate, 100, peak, "0", Environment.DEV).partitionsForPeak());
    }

    /** Exact rounding: in double arithmetic 100 x (1 + 0.14) is 114.00000000000001, which would round up to 115. */
    @ParameterizedTest(name = "ceil({0} x (1 + {1})) = {2}")
    @CsvSource({
        "10,   0.2,  12",
        "13,   0.2,  16",
        "10,   0.1,  11",
        "100,  0.07, 107",
        "100,  0.14, 114",
        "7,    0.3,  10",
        "50,   0.07, 54",
        "20,   0,    20",
        "4,    1,     8",
        "3,    0.01,  4",
    })
    void headroomIsAppliedWithExactRounding(long forPeak, String headroom, long expected) {
        // 100-byte messages: 10,000 msgs/s per partition, so this rate needs exactly forPeak partitions at peak.
        SizingResult result = size(String.valueOf(forPeak * 10_000), 100, "1", headroom, Environment.PROD);

        assertEquals(forPeak, result.partitionsForPeak());
        assertEquals(expected, result.partitionsWithHeadroom());
        assertEquals(expected, result.partitions());
    }

    @ParameterizedTest(name = "{0} msgs/s, headroom {1} -> at least 3 partitions")
    @CsvSource({
        "1,      0,   3",
        "10000,  0,   3",
        "20000,  0,   3",
        "20000,  0.5, 3",
        "20000,  0.6, 4",
        "30000,  0,   3",
        "30001,  0,   4",
    })
    void neverFewerThanThreePartitions(String rate, String headroom, long expected) {
        assertEquals(expected, size(rate, 100, "1", headroom, Environment.PROD).partitions());
    }

    @ParameterizedTest(name = "{0}: retention {1} ms, RF {2}, min ISR {3}, {4} brokers")
    @CsvSource({
        "PROD,     86400000, 3, 2, 3",
        "STAGING,  43200000, 3, 2, 3",
        "DEV,       3600000, 1, 1, 1",
    })
    void environmentSetsRetentionAndReplication(Environment env, long retentionMs, int rf, int minIsr,
                                                int brokers) {
        SizingResult result = size("50000", 2048, "2.0", "0.2", env);

        assertEquals(retentionMs, result.retentionMs());
        assertEquals(rf, result.replicationFactor());
        assertEquals(minIsr, result.minInsyncReplicas());
        assertEquals(brokers, result.minBrokers());
        assertEquals(16, result.partitions(), "the environment does not change the partition count");
    }

    @Test
    void diskEstimateIsAverageIngestTimesRetentionTimesReplicas() {
        SizingResult result = size("1000", 1000, "3", "0", Environment.STAGING);

        assertEquals(0, new BigDecimal(1_000_000).compareTo(result.averageIngestBytesPerSecond()));
        assertEquals(0, new BigDecimal(1_000_000L * 43_200 * 3).compareTo(result.estimatedDiskBytes()));
    }
}
