package io.logwise.kafka.scaling;

import static io.logwise.kafka.scaling.Fixtures.NOW;
import static io.logwise.kafka.scaling.Fixtures.as;
import static io.logwise.kafka.scaling.Fixtures.cluster;
import static io.logwise.kafka.scaling.Fixtures.clusterWithReplicas;
import static io.logwise.kafka.scaling.Fixtures.only;
import static io.logwise.kafka.scaling.Fixtures.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.scaling.ScalingDecision.Increase;
import io.logwise.kafka.scaling.ScalingDecision.NoChange;
import io.logwise.kafka.scaling.ScalingDecision.Refused;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ManualRequestPolicyTest {

    private static final String TOPIC = "logs.order-service";

    private static ScalingDecision decide(ScalingSettings settings, ManualRequest request, ClusterState cluster,
                                          JournalView journal) {
        return only(new PartitionScalingPolicy(settings).decide(request, cluster, journal, NOW));
    }

    private static ScalingDecision decide(ManualRequest request, int currentPartitions) {
        return decide(settings(), request, cluster(request.topic(), currentPartitions), JournalView.empty());
    }

    private static ManualRequest request(int partitions) {
        return new ManualRequest(TOPIC, partitions, "Black Friday traffic");
    }

    private static void refused(RefusalReason reason, ScalingDecision decision) {
        assertEquals(reason, as(Refused.class, decision).reason(), decision.toString());
    }

    @Test
    void increasesToExactlyTheRequestedCount() {
        Increase increase = as(Increase.class, decide(request(12), 6));

        assertEquals(6, increase.from());
        assertEquals(12, increase.to());
        assertEquals(TargetRule.MANUAL, increase.rule());
        assertEquals("manual request: Black Friday traffic", increase.reason());
    }

    @ParameterizedTest(name = "topic has {0}, request 12: {1}")
    @CsvSource({"6, INCREASE", "11, INCREASE", "12, NO_CHANGE", "13, DECREASE", "60, DECREASE"})
    void neverDecreasesAndIsANoOpAtTheRequestedCount(int current, String expected) {
        ScalingDecision decision = decide(request(12), current);

        switch (expected) {
            case "INCREASE" -> assertEquals(12, as(Increase.class, decision).to());
            case "NO_CHANGE" -> as(NoChange.class, decision);
            default -> {
                refused(RefusalReason.DECREASE, decision);
                assertTrue(((Refused) decision).explanation().contains("never decreased"));
            }
        }
    }

    @ParameterizedTest(name = "request {0} with ceiling 60: refused = {1}")
    @CsvSource({"59, false", "60, false", "61, true", "1000, true"})
    void requestAboveTheCeilingIsRefusedNotCut(int wanted, boolean refused) {
        ScalingDecision decision = decide(request(wanted), 3);

        if (refused) {
            refused(RefusalReason.CEILING, decision);
        } else {
            assertEquals(wanted, as(Increase.class, decision).to());
        }
    }

    @Test
    void clusterBudgetApplies() {
        ClusterState full = clusterWithReplicas(Map.of(TOPIC, 3), 2990);

        refused(RefusalReason.CLUSTER_BUDGET, decide(settings(), request(12), full, JournalView.empty()));
    }

    @Test
    void keyedTopicIsRefused() {
        refused(RefusalReason.KEYED_TOPIC, decide(settings(ScalingSettings.KEYED_TOPICS, TOPIC), request(12),
                cluster(TOPIC, 3), JournalView.empty()));
    }

    @Test
    void topicOutsideThePrefixIsRefused() {
        ManualRequest other = new ManualRequest("payments.events", 12, "why not");

        refused(RefusalReason.NOT_MANAGED, decide(other, 3));
    }

    @Test
    void missingTopicIsRefused() {
        refused(RefusalReason.TOPIC_NOT_FOUND,
                decide(settings(), request(12), cluster("logs.other", 3), JournalView.empty()));
    }

    @Test
    void cooldownDoesNotBlockAnOperatorButIsReported() {
        JournalView journal = JournalView.of(Map.of(TOPIC, NOW.minusSeconds(120)));

        Increase increase = as(Increase.class, decide(settings(), request(12), cluster(TOPIC, 6), journal));

        assertTrue(increase.reason().contains("last increase 2m ago, within the 10m cooldown"), increase.reason());
    }

    @Test
    void outsideTheCooldownNothingIsNoted() {
        JournalView journal = JournalView.of(Map.of(TOPIC, NOW.minusSeconds(3600)));

        Increase increase = as(Increase.class, decide(settings(), request(12), cluster(TOPIC, 6), journal));

        assertFalse(increase.reason().contains("cooldown"), increase.reason());
    }

    @Test
    void modeOffRefusesManualRequestsToo() {
        refused(RefusalReason.MODE_OFF,
                decide(settings(ScalingSettings.MODE, "off"), request(12), cluster(TOPIC, 3), JournalView.empty()));
    }

    @Test
    void dryRunPlansTheIncreaseWithoutApplying() {
        ScalingPlan plan = new PartitionScalingPolicy(settings(ScalingSettings.MODE, "dry-run"))
                .decide(request(12), cluster(TOPIC, 3), JournalView.empty(), NOW);

        assertFalse(plan.applies());
        assertEquals(12, plan.increases().get(0).to());
    }

    @ParameterizedTest(name = "partitions {0}, reason ''{1}''")
    @CsvSource(value = {"0, Black Friday", "-3, Black Friday", "12, ''", "12, '   '", "12, NULL"}, nullValues = "NULL")
    void malformedRequestIsRefused(int partitions, String reason) {
        refused(RefusalReason.INVALID_REQUEST, decide(new ManualRequest(TOPIC, partitions, reason), 3));
    }
}
