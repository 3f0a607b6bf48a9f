package io.logwise.kafka.scaling;

import static io.logwise.kafka.scaling.Fixtures.NOW;
import static io.logwise.kafka.scaling.Fixtures.as;
import static io.logwise.kafka.scaling.Fixtures.cluster;
import static io.logwise.kafka.scaling.Fixtures.clusterWithReplicas;
import static io.logwise.kafka.scaling.Fixtures.healthy;
import static io.logwise.kafka.scaling.Fixtures.lagging;
import static io.logwise.kafka.scaling.Fixtures.laggingWithRates;
import static io.logwise.kafka.scaling.Fixtures.only;
import static io.logwise.kafka.scaling.Fixtures.scan;
import static io.logwise.kafka.scaling.Fixtures.scanAt;
import static io.logwise.kafka.scaling.Fixtures.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.scaling.Fixtures.Scanned;
import io.logwise.kafka.scaling.ScalingDecision.Increase;
import io.logwise.kafka.scaling.ScalingDecision.NoChange;
import io.logwise.kafka.scaling.ScalingDecision.Refused;
import io.logwise.kafka.scan.AddedPartitions;
import io.logwise.kafka.scan.ConsumerSummary;
import io.logwise.kafka.scan.TopicSummary;
import io.logwise.kafka.scan.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class PartitionScalingPolicyTest {

    private static final String TOPIC = "logs.order-service";

    private static ScalingDecision decide(ScalingSettings settings, Scanned scan, ClusterState cluster,
                                          JournalView journal) {
        return only(scan.decidedBy(new PartitionScalingPolicy(settings), cluster, journal));
    }

    private static ScalingDecision decide(TopicScan topic, int currentPartitions) {
        return decide(settings(), scan(topic), cluster(topic.topic(), currentPartitions), JournalView.empty());
    }

    private static Refused refused(RefusalReason reason, ScalingDecision decision) {
        Refused refused = as(Refused.class, decision);
        assertEquals(reason, refused.reason(), refused.explanation());
        return refused;
    }

    @Test
    void laggingTopicWithoutRatesGetsTheLagRule() {
        Increase increase = as(Increase.class, decide(lagging(TOPIC, 3, 140_000), 3));

        assertEquals(3, increase.from());
        assertEquals(12, increase.to());
        assertEquals(TargetRule.LAG, increase.rule());
        assertEquals(60, increase.inputs().get("ceiling"));
    }

    @Test
    void laggingTopicWithRatesGetsTheRateRuleAndRecordsTheLagRuleForComparison() {
        Increase increase = as(Increase.class, decide(laggingWithRates(TOPIC, 3, 140_000, 10_000, 3_000), 3));

        assertEquals(42, increase.to());
        assertEquals(TargetRule.RATE, increase.rule());
        assertEquals(12, increase.inputs().get("lagRuleTarget"));
    }

    @Test
    void singlePartitionTopicGrowsByAtLeastOneStep() {
        assertEquals(4, as(Increase.class, decide(lagging(TOPIC, 1, 60_000), 1)).to());
    }

    @Test
    void zeroLagHealthyTopicIsNoChange() {
        assertTrue(as(NoChange.class, decide(healthy(TOPIC, 6), 6)).reason().startsWith("not lagging"));
    }

    @Test
    void theScannersJudgementIsNotAppliedAgainItsFiguresSizeTheIncrease() {
        // Figures no scanner writes (lagging partitions averaging exactly the threshold): the policy does not judge
        // them again; before any increase the scaler measures the lag itself (ClaimCheck).
        TopicScan atThreshold = new TopicScan(TOPIC, Verdict.LAGGING, false, 3,
                new LagFigures(3, 50_000, 50_000, 150_000, Fixtures.MAX_LAG), Optional.empty());

        assertEquals(6, as(Increase.class, decide(atThreshold, 3)).to());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Verdict.class, names = {"DATA_LOST", "AT_RISK", "LAGGING"})
    void aTopicWhoseConsumerLagsOverTheThresholdIsSizedByLagWhateverItsMostSevereVerdict(Verdict verdict) {
        TopicScan scan = new TopicScan(TOPIC, verdict, false, 3,
                new LagFigures(3, 140_000, 140_000, 420_000, Fixtures.MAX_LAG), Optional.empty());

        assertEquals(12, as(Increase.class, decide(scan, 3)).to());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Verdict.class, names = {"UNKNOWN"}, mode = EnumSource.Mode.EXCLUDE)
    void aMeasuredTopicWithoutPartitionsOverTheThresholdIsNoChange(Verdict verdict) {
        TopicScan scan = new TopicScan(TOPIC, verdict, false, 3, LagFigures.none(Fixtures.MAX_LAG),
                Optional.empty());

        assertTrue(as(NoChange.class, decide(scan, 3)).reason().startsWith("not lagging"));
    }

    @Test
    void ratesSayingTheCurrentPartitionsDrainInTimeMeanNoChange() {
        // 12 partitions, 2,000/s ingest, 1,000/s each: 60k drains within 3 minutes as is.
        ScalingDecision decision = decide(laggingWithRates(TOPIC, 12, 60_000, 2_000, 12_000), 12);

        assertTrue(as(NoChange.class, decision).reason().endsWith("12 partitions suffice"));
    }

    @Test
    void unusableRatesFallBackToTheLagRuleAndSaySo() {
        TopicScan scan = new TopicScan(TOPIC, Verdict.LAGGING, false, 10,
                new LagFigures(1, 80_000, 80_000, 80_000, Fixtures.MAX_LAG), Optional.of(new Rates(10_000, 5_000)));

        Increase increase = as(Increase.class, decide(scan, 10));

        assertEquals(TargetRule.LAG, increase.rule());
        assertTrue(increase.reason().startsWith("sized by lag, not by rates: "), increase.reason());
    }

    @Test
    void consumerReadingNothingIsRefusedAsStalled() {
        refused(RefusalReason.CONSUMER_STALLED, decide(laggingWithRates(TOPIC, 3, 140_000, 10_000, 0), 3));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"orders.events", "logs.", "logs", "logsx.order-service", "LOGS.order-service", "xlogs.order-service"})
    void neverTouchesATopicOutsideTheLogsPrefix(String topic) {
        refused(RefusalReason.NOT_MANAGED, decide(lagging(topic, 3, 140_000), 3));
    }

    @Test
    void modeOffRefusesEveryCandidate() {
        ScalingDecision decision = decide(settings(ScalingSettings.MODE, "off"), scan(lagging(TOPIC, 3, 140_000)),
                cluster(TOPIC, 3), JournalView.empty());

        refused(RefusalReason.MODE_OFF, decision);
    }

    @Test
    void dryRunDecidesTheSameIncreaseButThePlanDoesNotApply() {
        ScalingPlan plan = scan(lagging(TOPIC, 3, 140_000)).decidedBy(
                new PartitionScalingPolicy(settings(ScalingSettings.MODE, "dry-run")), cluster(TOPIC, 3),
                JournalView.empty());

        assertEquals(ScalingMode.DRY_RUN, plan.mode());
        assertFalse(plan.applies());
        assertEquals(12, plan.increases().get(0).to());
    }

    @ParameterizedTest(name = "scan {0}s old, max age 5m: stale = {1}")
    @CsvSource({"0, false", "300, false", "301, true", "3600, true"})
    void actsOnlyOnAFreshScan(long ageSeconds, boolean stale) {
        ScalingDecision decision = decide(settings(), scanAt(NOW.minusSeconds(ageSeconds), lagging(TOPIC, 3, 140_000)),
                cluster(TOPIC, 3), JournalView.empty());

        if (stale) {
            refused(RefusalReason.STALE_SCAN, decision);
        } else {
            as(Increase.class, decision);
        }
    }

    @Test
    void neverActsOnAPartialScan() {
        TopicScan partial = new TopicScan(TOPIC, Verdict.LAGGING, true, 3,
                new LagFigures(2, 140_000, 140_000, 280_000, Fixtures.MAX_LAG), Optional.empty());

        refused(RefusalReason.PARTIAL_SCAN, decide(partial, 3));
    }

    @Test
    void partialScanWithAnOkVerdictIsStillRefusedBecauseTheMissingPartitionsMayLag() {
        TopicScan partial = new TopicScan(TOPIC, Verdict.OK, true, 3, LagFigures.none(Fixtures.MAX_LAG),
                Optional.empty());

        refused(RefusalReason.PARTIAL_SCAN, decide(partial, 3));
    }

    @Test
    void neverActsOnAnUnknownVerdict() {
        TopicScan unknown = new TopicScan(TOPIC, Verdict.UNKNOWN, false, 3, LagFigures.none(Fixtures.MAX_LAG),
                Optional.empty());

        refused(RefusalReason.UNKNOWN_TOPIC, decide(unknown, 3));
    }

    @Test
    void neverAddsPartitionsToATopicWhoseConsumerDoesNotReadTheOnesAddedBefore() {
        ConsumerSummary lagging = new ConsumerSummary("spark-assign", "group", Verdict.NEW_PARTITIONS_UNREAD,
                300_000, 150_000, 2, 150_000, 2, 0, null, null, null, null).withAddedPartitions(
                Verdict.NEW_PARTITIONS_UNREAD, new AddedPartitions(List.of(2, 3), 300_000, List.of(), 0));
        TopicSummary summary = new TopicSummary(TOPIC, 4, 0, Verdict.NEW_PARTITIONS_UNREAD, 3_600_000L,
                Fixtures.MAX_LAG, null, lagging, List.of(lagging), null);

        TopicScan scan = ScanAdapter.toTopicScan(summary);

        assertEquals(Verdict.NEW_PARTITIONS_UNREAD, scan.verdict());
        Refused refusal = refused(RefusalReason.NEW_PARTITIONS_UNREAD, decide(scan, 4));
        assertTrue(refusal.explanation().contains("does not read the partitions added"), refusal.explanation());
    }

    @Test
    void keyedTopicIsRefusedWithTheReason() {
        ScalingDecision decision = decide(settings(ScalingSettings.KEYED_TOPICS, "logs.payments, " + TOPIC),
                scan(lagging(TOPIC, 3, 140_000)), cluster(TOPIC, 3), JournalView.empty());

        assertTrue(refused(RefusalReason.KEYED_TOPIC, decision).explanation().contains("per-key order"));
    }

    @Test
    void topicMissingWhenTheClusterIsReReadIsRefused() {
        ScalingDecision decision = decide(settings(), scan(lagging(TOPIC, 3, 140_000)),
                cluster("logs.other", 3), JournalView.empty());

        refused(RefusalReason.TOPIC_NOT_FOUND, decision);
    }

    @Test
    void partitionCountChangedSinceTheScanMeansWaitForTheNextScan() {
        NoChange noChange = as(NoChange.class, decide(lagging(TOPIC, 3, 140_000), 12));

        assertTrue(noChange.reason().contains("3 then, 12 now"), noChange.reason());
    }

    @ParameterizedTest(name = "last increase {0}s ago, cooldown 10m: blocked = {1}")
    @CsvSource({"60, true", "599, true", "600, false", "3600, false"})
    void cooldownAfterEachIncrease(long secondsAgo, boolean blocked) {
        JournalView journal = JournalView.of(Map.of(TOPIC, NOW.minusSeconds(secondsAgo)));

        ScalingDecision decision = decide(settings(), scan(lagging(TOPIC, 3, 140_000)), cluster(TOPIC, 3), journal);

        if (blocked) {
            assertTrue(refused(RefusalReason.COOLDOWN, decision).explanation().contains("next increase possible at"));
        } else {
            as(Increase.class, decision);
        }
    }

    @Test
    void cooldownReadsOnlyItsOwnTopic() {
        JournalView journal = JournalView.of(Map.of("logs.other", NOW.minusSeconds(60)));

        as(Increase.class, decide(settings(), scan(lagging(TOPIC, 3, 140_000)), cluster(TOPIC, 3), journal));
    }

    @Test
    void topicAtItsCeilingIsRefused() {
        refused(RefusalReason.CEILING, decide(lagging(TOPIC, 60, 140_000), 60));
    }

    @Test
    void targetAboveTheCeilingIncreasesToTheCeilingAndSaysSo() {
        // Lag rule: ceil(30 x 3.8 / 3) x 3 = 114, ceiling 60.
        Increase increase = as(Increase.class, decide(lagging(TOPIC, 30, 140_000), 30));

        assertEquals(60, increase.to());
        assertTrue(increase.reason().endsWith("capped at the ceiling of 60 partitions"), increase.reason());
    }

    @Test
    void perTopicCeilingReplacesTheDefault() {
        ScalingSettings withOverride = settings(ScalingSettings.MAX_PARTITIONS_BY_TOPIC, TOPIC + "=9");

        Increase increase = as(Increase.class,
                decide(withOverride, scan(lagging(TOPIC, 3, 140_000)), cluster(TOPIC, 3), JournalView.empty()));

        assertEquals(9, increase.to());
    }

    @ParameterizedTest(name = "{0} replicas on the cluster before +9 partitions x RF 3: refused = {1}")
    @CsvSource({"2973, false", "2974, true", "3000, true", "9, false"})
    void clusterBudgetOfPartitionReplicasPerBroker(long replicasBefore, boolean refused) {
        // Budget: 1000 per broker x 3 brokers = 3000 replicas; 3 -> 12 partitions adds 27.
        ClusterState cluster = clusterWithReplicas(Map.of(TOPIC, 3), replicasBefore);

        ScalingDecision decision = decide(settings(), scan(lagging(TOPIC, 3, 140_000)), cluster, JournalView.empty());

        if (refused) {
            assertTrue(refused(RefusalReason.CLUSTER_BUDGET, decision).explanation().contains("of its 3000"));
        } else {
            assertEquals(12, as(Increase.class, decision).to());
        }
    }

    @Test
    void budgetGoesToTheMostLaggingTopicFirst() {
        // Room for 36 more replicas: one increase of 3 -> 12 (27 replicas), not two.
        ClusterState cluster = clusterWithReplicas(Map.of("logs.a", 3, "logs.b", 3), 3000 - 36);
        Scanned scan = scan(lagging("logs.a", 3, 60_000), lagging("logs.b", 3, 140_000), healthy("logs.c", 3));

        ScalingPlan plan = scan.decidedBy(new PartitionScalingPolicy(settings()), cluster, JournalView.empty());

        assertEquals(List.of("logs.b", "logs.a", "logs.c"), plan.decisions().stream().map(ScalingDecision::topic).toList());
        assertEquals(12, as(Increase.class, plan.decisions().get(0)).to());
        refused(RefusalReason.CLUSTER_BUDGET, plan.decisions().get(1));
        as(NoChange.class, plan.decisions().get(2));
    }

    @Test
    void everyScannedTopicGetsADecision() {
        Scanned scan = scan(healthy("logs.a", 3), lagging("logs.b", 3, 140_000), lagging("other.c", 3, 140_000));
        ClusterState cluster = cluster(Map.of("logs.a", 3, "logs.b", 3, "other.c", 3));

        ScalingPlan plan = scan.decidedBy(new PartitionScalingPolicy(settings()), cluster, JournalView.empty());

        assertEquals(3, plan.decisions().size());
        assertEquals(1, plan.increases().size());
        assertEquals(NOW, plan.decidedAt());
    }

    @ParameterizedTest(name = "planned 3 -> 12, re-read {0} before applying: {1}")
    @CsvSource({"3, increase", "6, increase", "12, no-op", "15, no-op"})
    void increaseToNIsIdempotentAtOrAboveN(int reRead, String outcome) {
        Increase planned = as(Increase.class, decide(lagging(TOPIC, 3, 140_000), 3));

        ScalingDecision applied = planned.recheck(reRead);

        if (outcome.equals("increase")) {
            assertEquals(reRead, as(Increase.class, applied).from());
            assertEquals(12, as(Increase.class, applied).to());
        } else {
            as(NoChange.class, applied);
        }
    }

    @Test
    void staleScanAgeIsReportedWithTheSettingName() {
        ScalingDecision decision = decide(settings(ScalingSettings.MAX_SCAN_AGE, "2m"),
                scanAt(NOW.minus(Duration.ofMinutes(3)), lagging(TOPIC, 3, 140_000)), cluster(TOPIC, 3),
                JournalView.empty());

        assertEquals("scan is 3m old, older than SCALER_MAX_SCAN_AGE=2m",
                refused(RefusalReason.STALE_SCAN, decision).explanation());
    }
}
