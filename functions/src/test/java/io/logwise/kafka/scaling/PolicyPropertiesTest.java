package io.logwise.kafka.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.logwise.kafka.scaling.ScalingDecision.Increase;
import io.logwise.kafka.scaling.ScalingDecision.NoChange;
import io.logwise.kafka.scan.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Safety properties over many generated inputs. The generator is seeded, so a failure names a case that
 * fails again on the next run.
 */
class PolicyPropertiesTest {

    private static final int CASES = 3_000;
    private static final Instant NOW = Fixtures.NOW;
    private static final List<String> TOPICS = List.of("logs.a", "logs.b", "logs.c", "metrics.d", "logs.");

    @Test
    void everyIncreaseRespectsEverySafetyRule() {
        SplittableRandom random = new SplittableRandom(20260301);
        int increases = 0;
        Set<RefusalReason> refusals = EnumSet.noneOf(RefusalReason.class);
        for (int i = 0; i < CASES; i++) {
            ScalingSettings settings = randomSettings(random);
            Map<String, Integer> current = new HashMap<>();
            List<TopicScan> scans = new ArrayList<>();
            for (String topic : TOPICS) {
                TopicScan scan = randomScan(random, topic);
                scans.add(scan);
                int roll = random.nextInt(10);
                if (roll < 7) {
                    current.put(topic, scan.partitions());
                } else if (roll < 9) {
                    current.put(topic, 1 + random.nextInt(200));
                }
            }
            long replicasBefore = random.nextLong(0, 3_000);
            ClusterState cluster = Fixtures.clusterWithReplicas(current, replicasBefore);
            Map<String, Instant> lastIncreases = new HashMap<>();
            TOPICS.stream().filter(t -> random.nextBoolean())
                    .forEach(t -> lastIncreases.put(t, NOW.minusSeconds(random.nextLong(0, 3_600))));
            Instant scannedAt = NOW.minusSeconds(random.nextLong(0, 400));

            ScalingPlan plan = new PartitionScalingPolicy(settings)
                    .decide(scannedAt, scans, cluster, JournalView.of(lastIncreases), NOW);

            int n = i;
            Supplier<String> context = () -> "case " + n + ": " + settings + "\n" + scannedAt + " " + scans + "\n"
                    + cluster + "\n"
                    + lastIncreases + "\n" + plan;
            assertEquals(scans.size(), plan.decisions().size(), context);
            long added = 0;
            increases += plan.increases().size();
            plan.decisions().stream().filter(ScalingDecision.Refused.class::isInstance)
                    .forEach(d -> refusals.add(((ScalingDecision.Refused) d).reason()));
            for (Increase increase : plan.increases()) {
                TopicScan topicScan = scans.stream().filter(s -> s.topic().equals(increase.topic())).findFirst()
                        .orElseThrow();
                assertTrue(increase.topic().startsWith("logs.") && increase.topic().length() > 5, context);
                assertTrue(settings.mode() != ScalingMode.OFF, context);
                assertEquals(current.get(increase.topic()), increase.from(), context);
                assertTrue(increase.to() > increase.from(), context);
                assertTrue(increase.to() <= settings.maxPartitions(increase.topic()), context);
                assertTrue(!settings.isKeyed(increase.topic()), context);
                assertTrue(topicScan.verdict() != Verdict.UNKNOWN, context);
                assertTrue(!topicScan.partial(), context);
                assertTrue(topicScan.lag().laggingPartitions() > 0, context);
                assertTrue(!scannedAt.plus(settings.maxScanAge()).isBefore(NOW), context);
                Optional<Instant> last = Optional.ofNullable(lastIncreases.get(increase.topic()));
                assertTrue(last.isEmpty() || !NOW.isBefore(last.get().plus(settings.cooldown())), context);
                added += (long) (increase.to() - increase.from()) * 3;
            }
            assertTrue(plan.increases().isEmpty()
                    || replicasBefore + added <= (long) settings.partitionsPerBroker() * 3, context);
        }
        // The generator must reach the interesting cases, or the properties above prove little.
        assertTrue(increases > CASES / 10, "only " + increases + " increases generated");
        // LAG_NOT_CONFIRMED comes from re-measuring (ClaimCheck), not from the policy.
        assertEquals(EnumSet.complementOf(EnumSet.of(RefusalReason.DECREASE, RefusalReason.INVALID_REQUEST,
                RefusalReason.LAG_NOT_CONFIRMED)), refusals);
    }

    @Test
    void manualRequestsIncreaseToExactlyNOrNothing() {
        SplittableRandom random = new SplittableRandom(7);
        int increases = 0;
        for (int i = 0; i < CASES; i++) {
            ScalingSettings settings = randomSettings(random);
            String topic = TOPICS.get(random.nextInt(TOPICS.size()));
            int currentCount = 1 + random.nextInt(100);
            int wanted = random.nextInt(-2, 120);
            ManualRequest request = new ManualRequest(topic, wanted, random.nextInt(10) == 0 ? "" : "operator");
            ClusterState cluster = Fixtures.clusterWithReplicas(Map.of(topic, currentCount), random.nextLong(0, 3_000));

            ScalingDecision decision = Fixtures.only(
                    new PartitionScalingPolicy(settings).decide(request, cluster, JournalView.empty(), NOW));

            int n = i;
            Supplier<String> context = () -> "case " + n + ": " + settings + "\n" + request + " at " + currentCount
                    + "\n" + decision;
            if (decision instanceof Increase increase) {
                increases++;
                assertEquals(wanted, increase.to(), context);
                assertEquals(currentCount, increase.from(), context);
                assertTrue(wanted > currentCount && wanted <= settings.maxPartitions(topic), context);
            } else if (wanted <= currentCount && wanted >= 1 && decision instanceof ScalingDecision.Refused refused) {
                assertTrue(refused.reason() != RefusalReason.CEILING && refused.reason() != RefusalReason.CLUSTER_BUDGET,
                        context);
            }
        }
        assertTrue(increases > CASES / 20, "only " + increases + " increases generated");
    }

    @Test
    void lagRuleNeverGoesBelowCurrentPlusStepAndStaysOnTheStepGrid() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < CASES; i++) {
            int step = 1 + random.nextInt(6);
            int current = 1 + random.nextInt(500);
            long maxLag = 1 + random.nextLong(1_000_000);
            long avgLag = random.nextLong(0, 50_000_000);

            int target = new LagRule(step).target(current, avgLag, maxLag).partitions();

            String context = "case " + i + ": step " + step + ", current " + current + ", avg " + avgLag + ", max "
                    + maxLag + " -> " + target;
            assertTrue(target >= current + step, context);
            assertTrue(target % step == 0 || target == current + step, context);
            assertTrue((double) target >= current * ((double) avgLag / maxLag + 1) - 1e-9, context);
        }
    }

    @Test
    void recheckIsANoOpAtOrAboveTheTarget() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < CASES; i++) {
            int from = 1 + random.nextInt(100);
            int to = from + 1 + random.nextInt(100);
            Increase increase = new Increase("logs.a", from, to, TargetRule.LAG, Map.of(), "test");
            int reRead = from + random.nextInt(-from + 1, 2 * (to - from) + 1);

            ScalingDecision checked = increase.recheck(Math.max(1, reRead));

            if (Math.max(1, reRead) >= to) {
                assertTrue(checked instanceof NoChange, "case " + i + ": " + checked);
            } else if (checked instanceof Increase again) {
                assertEquals(to, again.to());
            } else {
                fail("case " + i + ": below the target must still increase: " + checked);
            }
        }
    }

    private static ScalingSettings randomSettings(SplittableRandom random) {
        String[] modes = {"off", "dry-run", "on", "on"};
        return ScalingSettings.fromEnv(Map.of(
                ScalingSettings.MODE, modes[random.nextInt(modes.length)],
                ScalingSettings.STEP, String.valueOf(1 + random.nextInt(4)),
                ScalingSettings.MAX_PARTITIONS, String.valueOf(1 + random.nextInt(150)),
                ScalingSettings.MAX_PARTITIONS_BY_TOPIC, "logs.b=" + (1 + random.nextInt(150)),
                ScalingSettings.PARTITIONS_PER_BROKER, String.valueOf(500 + random.nextInt(2_000)),
                ScalingSettings.COOLDOWN, random.nextInt(0, 1_800) + "s",
                ScalingSettings.MAX_SCAN_AGE, (1 + random.nextInt(600)) + "s",
                ScalingSettings.DRAIN_TARGET, (1 + random.nextInt(900)) + "s",
                ScalingSettings.KEYED_TOPICS, random.nextBoolean() ? "logs.c" : ""));
    }

    private static TopicScan randomScan(SplittableRandom random, String topic) {
        int partitions = 1 + random.nextInt(80);
        int lagging = random.nextInt(partitions + 1);
        long avg = lagging == 0 ? 0 : random.nextLong(1, 2_000_000);
        long max = lagging == 0 ? 0 : avg + random.nextLong(0, 500_000);
        LagFigures lag = new LagFigures(lagging, avg, max, avg * lagging, 1 + random.nextLong(200_000));
        Verdict verdict = switch (random.nextInt(7)) {
            case 0 -> Verdict.UNKNOWN;
            case 1 -> Verdict.OK;
            case 2 -> Verdict.NEW_PARTITIONS_UNREAD;
            default -> lagging > 0 ? Verdict.LAGGING : Verdict.OK;
        };
        if (random.nextInt(20) == 0) {
            // any verdict, which the figures may contradict
            verdict = Verdict.values()[random.nextInt(Verdict.values().length)];
        }
        Optional<Rates> rates = random.nextBoolean()
                ? Optional.of(new Rates(random.nextDouble() * 50_000,
                        random.nextInt(10) == 0 ? 0 : random.nextDouble() * 50_000))
                : Optional.empty();
        return new TopicScan(topic, verdict, random.nextInt(8) == 0, partitions, lag, rates);
    }
}
