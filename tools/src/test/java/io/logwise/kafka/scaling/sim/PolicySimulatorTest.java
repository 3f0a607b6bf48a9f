package io.logwise.kafka.scaling.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.scaling.TopicScan;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicySimulatorTest {

    @Test
    void onTheIssuesBurstThisPolicyDrainsNoSlowerThanTheLagRuleWithAtMostHalfItsOvershoot() {
        List<SimulationResult> results = PolicySimulator.compare(Scenario.fiveFoldBurst());
        SimulationResult policy = results.get(0);
        SimulationResult lagRule = results.get(1);

        Duration policyDrain = policy.backUnderThreshold().orElseThrow(() -> new AssertionError(policy.toString()));
        Duration lagRuleDrain = lagRule.backUnderThreshold().orElseThrow();
        assertTrue(policyDrain.compareTo(lagRuleDrain) <= 0, policy + " vs " + lagRule);
        assertTrue(2 * policy.overshoot() <= lagRule.overshoot(), policy + " vs " + lagRule);
        assertTrue(policy.finalPartitions() >= policy.neededPartitions(), policy.toString());
    }

    @Test
    void sameOutputOnEveryRun() {
        Scenario scenario = Scenario.fiveFoldBurst().withEffectDelay(Duration.ofMinutes(2));

        assertEquals(PolicySimulator.compare(scenario), PolicySimulator.compare(scenario));
    }

    @Test
    void withoutABurstNothingLagsAndNobodyScales() {
        Scenario calm = Scenario.fiveFoldBurst().withBurst("calm", 1, Duration.ofMinutes(30));

        for (SimulationResult result : PolicySimulator.compare(calm)) {
            assertEquals(0, result.peakLag(), result.toString());
            assertEquals(Duration.ZERO, result.backUnderThreshold().orElseThrow(), result.toString());
            assertEquals(0, result.scalingActions(), result.toString());
            assertEquals(3, result.finalPartitions(), result.toString());
        }
    }

    @Test
    void rateOrchestratorEndsAtExactlyTheNeededPartitions() {
        SimulationResult orchestrator = PolicySimulator.compare(Scenario.fiveFoldBurst()).get(2);

        assertEquals(10, orchestrator.neededPartitions());
        assertEquals(10, orchestrator.finalPartitions());
    }

    @Test
    void everyRecordProducedIsEitherConsumedOrLag() {
        Scenario scenario = Scenario.fiveFoldBurst();
        SimulatedTopic topic = new SimulatedTopic(scenario);
        double produced = 0;
        double consumed = 0;
        for (long second = 0; second < 20 * 60; second++) {
            topic.advanceOneSecond(second);
            if ((second + 1) % 60 == 0) {
                TopicScan scan = topic.scan();
                produced += scan.rates().orElseThrow().ingestPerSecond() * 60;
                consumed += scan.rates().orElseThrow().consumePerSecond() * 60;
            }
            if (second == 11 * 60) {
                topic.increaseTo(12, second);
            }
        }

        assertEquals(produced - consumed, topic.totalLag(), 1e-6);
        assertTrue(topic.totalLag() > 0);
    }

    @Test
    void backlogStaysOnThePartitionsItWasWrittenTo() {
        Scenario scenario = Scenario.fiveFoldBurst();
        SimulatedTopic topic = new SimulatedTopic(scenario);
        long burstEnd = scenario.burstStart().toSeconds() + 60;
        for (long second = 0; second < burstEnd; second++) {
            topic.advanceOneSecond(second);
        }
        topic.increaseTo(30, burstEnd);
        topic.advanceOneSecond(burstEnd);

        TopicScan scan = topic.scan();

        // 10,000/s over 30 partitions is 333/s each, under the 1,000/s capacity: only the first 3 hold lag.
        assertEquals(3, scan.lag().laggingPartitions());
        assertEquals(30, scan.partitions());
    }
}
