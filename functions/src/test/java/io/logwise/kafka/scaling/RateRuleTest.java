package io.logwise.kafka.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateRuleTest {

    private static final long MAX_LAG = 50_000;

    private static Target sized(RateRule.Outcome outcome) {
        return assertInstanceOf(RateRule.Outcome.Sized.class, outcome).target();
    }

    private static RateRule estimating(Duration drainTarget) {
        return new RateRule(3, drainTarget, OptionalDouble.empty());
    }

    @ParameterizedTest(name = "{0} of {1} lagging, ingest {2}/s, consume {3}/s, worst {4}, drain {5}s -> {6} ({7}/s)")
    @CsvSource({
            // current, lagging, ingest, consume, maxPartitionLag, drainSeconds, expected, capacity
            "3,  3, 10000, 3000, 140000, 300, 21, 1000",  // 10000 / (1000 - 466.7) = 18.75 -> 21
            "3,  3, 10000, 3000, 140000, 180, 42, 1000",  // 778/s drain > 3/4 capacity: 10000 / 250 = 40 -> 42
            "10, 2, 8000,  8000, 60000,  300, 15, 800",   // 8 partitions keep up at 800/s: capacity (8000-6400)/2; 8000/600
            "12, 12, 2000, 12000, 60000, 180, 3,  1000",  // 2000 / 666.7 = 3: current partitions suffice
            "4,  4, 4000,  4000, 60000,  300, 6,  1000",  // 4000 / 800 = 5 -> next step multiple 6
            "1,  1, 1500,  1000, 60000,  600, 3,  1000",  // single partition: 1500 / 900 = 1.67 -> 3
            "6,  6, 0,     6000, 600000, 300, 0,  1000",  // no ingest: nothing to absorb, more partitions useless
    })
    void sizesSoTheWorstPartitionDrainsWithinTheTarget(int current, int lagging, double ingest, double consume,
                                                       long worst, long drainSeconds, int expected, double capacity) {
        LagFigures lag = new LagFigures(lagging, worst, worst, worst * lagging, MAX_LAG);

        Target target = sized(estimating(Duration.ofSeconds(drainSeconds)).evaluate(current, lag, new Rates(ingest, consume)));

        assertEquals(expected, target.partitions());
        assertEquals(TargetRule.RATE, target.rule());
        assertEquals(capacity, target.inputs().get("partitionCapacityPerSecond").doubleValue(), 0.01);
    }

    @Test
    void configuredCapacityWinsOverTheEstimate() {
        RateRule rule = new RateRule(3, Duration.ofMinutes(5), OptionalDouble.of(1_000));
        // The consumer read only 1,500/s: the estimate would say 500/s per partition.
        LagFigures lag = new LagFigures(3, 140_000, 140_000, 420_000, MAX_LAG);

        Target target = sized(rule.evaluate(3, lag, new Rates(10_000, 1_500)));

        assertEquals(21, target.partitions());
        assertTrue(target.explanation().contains("(configured)"), target.explanation());
    }

    @Test
    void aConsumerReadingNothingIsStalledNotSized() {
        LagFigures lag = new LagFigures(3, 140_000, 140_000, 420_000, MAX_LAG);

        RateRule.Outcome outcome = estimating(Duration.ofMinutes(3)).evaluate(3, lag, new Rates(10_000, 0));

        assertInstanceOf(RateRule.Outcome.Stalled.class, outcome);
    }

    @Test
    void withoutLaggingPartitionsCapacityCannotBeMeasured() {
        RateRule.Outcome outcome = estimating(Duration.ofMinutes(3))
                .evaluate(3, LagFigures.none(MAX_LAG), new Rates(1_000, 1_000));

        assertInstanceOf(RateRule.Outcome.Unusable.class, outcome);
    }

    @Test
    void consumeBelowWhatTheKeptUpPartitionsReceiveIsInconsistent() {
        // 9 of 10 partitions have no lag, so they alone consume 9 x 1000 = 9000/s, more than the 5000/s reported.
        LagFigures lag = new LagFigures(1, 80_000, 80_000, 80_000, MAX_LAG);

        RateRule.Outcome outcome = estimating(Duration.ofMinutes(3)).evaluate(10, lag, new Rates(10_000, 5_000));

        assertEquals("the consumer reads 5000 records/s, no more than the 9000/s arriving on its 9 partitions without"
                + " lag, so how fast it can read the lagging ones is unknown",
                assertInstanceOf(RateRule.Outcome.Unusable.class, outcome).explanation());
    }

    @Test
    void neverAsksMoreThanFourTimesWhatTheIngestNeeds() {
        // A backlog no partition count can drain in a minute: the floor of capacity / 4 per partition holds.
        LagFigures lag = new LagFigures(3, 5_000_000, 5_000_000, 15_000_000, MAX_LAG);

        Target target = sized(estimating(Duration.ofMinutes(1)).evaluate(3, lag, new Rates(9_000, 3_000)));

        assertEquals(36, target.partitions()); // 4 x 9000 / 1000
    }
}
