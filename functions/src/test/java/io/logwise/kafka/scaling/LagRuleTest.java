package io.logwise.kafka.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LagRuleTest {

    @ParameterizedTest(name = "{0} partitions, avg lag {1} / {2}, step {3} -> {4}")
    @CsvSource({
            // current, avgLag, maxLag, step, expected
            "3,  140000, 50000, 3, 12",   // 3 x 3.8 = 11.4 -> 12
            "3,  100000, 50000, 3, 9",    // 3 x 3 = 9 exactly: no extra step
            "30, 5000,   50000, 3, 33",   // 30 x 1.1 = 33 exactly (no floating-point 36)
            "30, 5001,   50000, 3, 36",   // just above 33 -> next multiple
            "1,  60000,  50000, 3, 4",    // single partition: ceil(2.2 / 3) x 3 = 3, but at least 1 + 3
            "12, 0,      50000, 3, 15",   // zero lag: the current + step floor
            "4,  50001,  50000, 3, 9",    // 4 x 2.00002 -> 9, above 4 + 3
            "10, 200000, 50000, 3, 51",   // 10 x 5 = 50 -> 51
            "5,  50000,  50000, 1, 10",   // step 1: 5 x 2
            "7,  0,      50000, 4, 11",   // a count off the step grid stays off it: 7 + 4
    })
    void targetFollowsLogWiseFormula(int current, long avgLag, long maxLag, int step, int expected) {
        Target target = new LagRule(step).target(current, avgLag, maxLag);

        assertEquals(expected, target.partitions());
        assertEquals(TargetRule.LAG, target.rule());
        assertEquals(current, target.inputs().get("currentPartitions"));
        assertEquals(avgLag, target.inputs().get("avgLagOfLaggingPartitions"));
    }

    @Test
    void hugeLagSaturatesAtTheLargestStepMultipleInsteadOfOverflowing() {
        Target target = new LagRule(3).target(1_000, Long.MAX_VALUE / 2, 1);

        assertEquals(Integer.MAX_VALUE / 3 * 3, target.partitions());
    }

    @Test
    void explanationShowsTheFigures() {
        String explanation = new LagRule(3).target(3, 140_000, 50_000).explanation();

        assertTrue(explanation.contains("140000") && explanation.contains("2.80x") && explanation.contains("= 12"),
                explanation);
    }

    @Test
    void rejectsImpossibleInputs() {
        LagRule rule = new LagRule(3);
        assertThrows(IllegalArgumentException.class, () -> rule.target(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> rule.target(3, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> rule.target(3, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new LagRule(0));
    }
}
