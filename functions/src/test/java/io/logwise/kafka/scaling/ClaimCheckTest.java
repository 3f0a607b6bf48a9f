package io.logwise.kafka.scaling;

import static io.logwise.kafka.scaling.Fixtures.NOW;
import static io.logwise.kafka.scaling.Fixtures.cluster;
import static io.logwise.kafka.scaling.Fixtures.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.error.KafkaUnavailableException;
import io.logwise.kafka.scaling.ScalingDecision.Increase;
import io.logwise.kafka.scaling.ScalingDecision.Refused;
import io.logwise.kafka.scan.ConsumerSummary;
import io.logwise.kafka.scan.ScanResult;
import io.logwise.kafka.scan.TopicSummary;
import io.logwise.kafka.scan.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What the scaler does with a scan's claim once it has measured the lag itself (measurements given here). */
class ClaimCheckTest {

    private static final String TOPIC = "logs.orders";
    private static final String GROUP = "spark-orders";

    private final PartitionScalingPolicy policy = new PartitionScalingPolicy(settings());

    /** A scan result (the lag scanner's shape) where {@code GROUP} lags {@code avgLag} on each of 3 partitions. */
    private static ScanResult scanResult(long avgLag, long threshold, Double ingest,
                                                               Double consume) {
        Verdict verdict = avgLag > threshold ? Verdict.LAGGING : Verdict.OK;
        int lagging = avgLag > threshold ? 3 : 0;
        ConsumerSummary consumer = new ConsumerSummary(GROUP, "group", verdict, avgLag * 3, avgLag, lagging,
                lagging == 0 ? 0 : avgLag, 0, 0, consume, null, null, null, null);
        TopicSummary topic = new TopicSummary(TOPIC, 3, 0, verdict, 3_600_000L, threshold, ingest, consumer,
                List.of(consumer), null);
        return ScanResult.builder("scan", NOW).durationMs(1).prefix("logs.")
                .topics(List.of(topic)).build();
    }

    private ScalingDecision confirmed(ScanResult claim, LagMeter meter, List<String> problems) {
        List<TopicScan> claimed = ScanAdapter.topicsOf(claim);
        ClusterState cluster = cluster(Map.of(TOPIC, 3));
        ScalingPlan plan = policy.decide(claim.scannedAt(), claimed, cluster, JournalView.empty(), NOW);
        assertInstanceOf(Increase.class, plan.decisions().get(0), "the claim alone would increase");
        return new ClaimCheck(policy, meter).confirm(plan, claimed, claim, cluster, JournalView.empty(), problems)
                .decisions().get(0);
    }

    @Test
    void aClaimTheMeasurementDoesNotSupportIsRefusedNamingBoth() {
        AtomicReference<Set<String>> asked = new AtomicReference<>();
        ScalingDecision decision = confirmed(scanResult(5_000_000, 1, null, null), (topics, consumers) -> {
            asked.set(consumers);
            return scanResult(10, 50, null, null);
        }, new ArrayList<>());

        Refused refused = assertInstanceOf(Refused.class, decision);
        assertEquals(RefusalReason.LAG_NOT_CONFIRMED, refused.reason());
        assertTrue(refused.explanation().contains("claimed avg lag 5000000")
                && refused.explanation().contains("lags 30 in total")
                && refused.explanation().contains("threshold 50"), refused.explanation());
        assertEquals(Set.of(GROUP), asked.get(), "only the consumers the claim named are read");
    }

    @Test
    void theIncreaseIsSizedOnTheMeasuredLagAndTheClaimIsKeptBesideIt() {
        Increase increase = assertInstanceOf(Increase.class, confirmed(scanResult(900_000, 50_000, null, null),
                (topics, consumers) -> scanResult(100_000, 50_000, null, null), new ArrayList<>()));

        assertEquals(9, increase.to(), increase.reason()); // max(ceil(3 x 3 / 3) x 3, 6)
        assertEquals(100_000L, increase.inputs().get("avgLagOfLaggingPartitions"));
        assertEquals(900_000L, increase.inputs().get("claimedAvgLagOfLaggingPartitions"));
    }

    @Test
    void claimedRatesCanLowerTheTargetButNeverRaiseItAboveTheMeasuredLagRule() {
        Increase capped = assertInstanceOf(Increase.class, confirmed(
                scanResult(900_000, 50_000, 1_000_000.0, 3.0),
                (topics, consumers) -> scanResult(100_000, 50_000, null, null), new ArrayList<>()));
        assertEquals(9, capped.to(), capped.reason());
        assertEquals(TargetRule.LAG, capped.rule());
        assertTrue(capped.reason().contains("claimed rates ask for"), capped.reason());
    }

    @Test
    void aMeasurementThatFailsAddsNoPartitionsAndIsNamedInProblems() {
        List<String> problems = new ArrayList<>();
        ScalingDecision decision = confirmed(scanResult(900_000, 50_000, null, null), (topics, consumers) -> {
            throw new KafkaUnavailableException("no broker answered");
        }, problems);

        assertEquals(RefusalReason.LAG_NOT_CONFIRMED, assertInstanceOf(Refused.class, decision).reason());
        assertTrue(problems.stream().anyMatch(p -> p.contains("no broker answered")), problems.toString());
    }

    @Test
    void aTopicTheMeasurementDidNotCoverIsNotIncreased() {
        ScanResult empty = ScanResult.builder("m", NOW).durationMs(1)
                .prefix("logs.").topics(List.of()).problems(List.of("topic logs.orders: no such topic")).build();
        List<String> problems = new ArrayList<>();
        ScalingDecision decision = confirmed(scanResult(900_000, 50_000, null, null), (t, c) -> empty, problems);

        assertEquals(RefusalReason.LAG_NOT_CONFIRMED, assertInstanceOf(Refused.class, decision).reason());
        assertTrue(problems.get(0).contains("no such topic"), problems.toString());
    }
}
