package io.logwise.kafka.scaling;

import io.logwise.kafka.scaling.ClusterState.TopicLayout;
import io.logwise.kafka.scaling.ScalingDecision.Increase;
import io.logwise.kafka.scaling.ScalingDecision.NoChange;
import io.logwise.kafka.scaling.ScalingDecision.Refused;
import io.logwise.kafka.time.HumanDuration;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides partition increases from a lag scan or an operator's request. Pure: the caller re-reads the
 * cluster, reads the journal and passes the time; the plan it gets back says what to apply and why. A scanned topic
 * is a candidate when the scanner found partitions over its threshold; the policy sizes the increase from the
 * scanner's figures and never judges them against a threshold again.
 */
public final class PartitionScalingPolicy {

    /** The only topics the scaler may touch. */
    public static final String MANAGED_PREFIX = "logs.";

    /** How far ahead of this function's clock a scan or a journal record may be dated and still be believed. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(2);

    /** Lagging topics first, the worst first, so the cluster budget goes where the lag is. */
    private static final Comparator<TopicScan> MOST_URGENT_FIRST = Comparator
            .comparingDouble(PartitionScalingPolicy::urgency).reversed()
            .thenComparing(TopicScan::topic);

    private final ScalingSettings settings;
    private final LagRule lagRule;
    private final RateRule rateRule;

    public PartitionScalingPolicy(ScalingSettings settings) {
        this.settings = settings;
        this.lagRule = new LagRule(settings.step());
        this.rateRule = new RateRule(settings.step(), settings.drainTarget(), settings.partitionConsumeRate());
    }

    /**
     * One decision per scanned topic, in the order the cluster budget was spent (most urgent first).
     *
     * @param scannedAt when the scan read the offsets
     * @param topics    the scan's topics ({@link ScanAdapter#topicsOf})
     */
    public ScalingPlan decide(Instant scannedAt, List<TopicScan> topics, ClusterState cluster, JournalView journal,
                              Instant now) {
        return decide(scannedAt, topics, cluster, journal, now, false);
    }

    /**
     * As {@link #decide(Instant, List, ClusterState, JournalView, Instant)} for lag measured by this function just
     * now, with rates still as the event claimed them: the rate rule may then size an increase below the lag rule's
     * target, or refuse it (a stalled consumer), but never go above what the measured lag justifies.
     */
    public ScalingPlan decideMeasured(Instant measuredAt, List<TopicScan> measured, ClusterState cluster,
                                      JournalView journal, Instant now) {
        return decide(measuredAt, measured, cluster, journal, now, true);
    }

    private ScalingPlan decide(Instant scannedAt, List<TopicScan> topics, ClusterState cluster, JournalView journal,
                               Instant now, boolean ratesClaimed) {
        ReplicaBudget budget = new ReplicaBudget(cluster, settings.partitionsPerBroker());
        Duration scanAge = Duration.between(scannedAt, now);
        List<ScalingDecision> decisions = new ArrayList<>();
        for (TopicScan topic : topics.stream().sorted(MOST_URGENT_FIRST).toList()) {
            decisions.add(decideScanned(topic, scanAge, cluster, journal, now, budget, ratesClaimed));
        }
        return new ScalingPlan(now, settings.mode(), decisions);
    }

    /** An operator's explicit request: same prefix, keyed, decrease, ceiling and budget rules; no cooldown. */
    public ScalingPlan decide(ManualRequest request, ClusterState cluster, JournalView journal, Instant now) {
        ReplicaBudget budget = new ReplicaBudget(cluster, settings.partitionsPerBroker());
        return new ScalingPlan(now, settings.mode(), List.of(decideManual(request, cluster, journal, now, budget)));
    }

    private ScalingDecision decideScanned(TopicScan scan, Duration scanAge, ClusterState cluster,
                                          JournalView journal, Instant now, ReplicaBudget budget,
                                          boolean ratesClaimed) {
        Optional<ScalingDecision> screened = screen(scan, scanAge);
        if (screened.isPresent()) {
            return screened.get();
        }
        String topic = scan.topic();
        LagFigures lag = scan.lag();
        Optional<TopicLayout> layout = cluster.topic(topic);
        if (layout.isEmpty()) {
            return notFound(topic);
        }
        int current = layout.get().partitions();
        if (current != scan.partitions()) {
            return new NoChange(topic, "partition count changed since the scan (" + scan.partitions() + " then, "
                    + current + " now); waiting for a scan of the current layout");
        }
        Optional<Instant> lastIncrease = journal.lastIncrease(topic);
        if (lastIncrease.isPresent() && inCooldown(lastIncrease.get(), now)) {
            Instant eligible = lastIncrease.get().plus(settings.cooldown());
            return new Refused(topic, RefusalReason.COOLDOWN, "last increase " + ago(lastIncrease.get(), now)
                    + " ago at " + toTheSecond(lastIncrease.get()) + ", within the "
                    + HumanDuration.format(settings.cooldown()) + " cooldown; next increase possible at "
                    + toTheSecond(eligible));
        }

        Target lagTarget = lagRule.target(current, lag.avgLagOfLaggingPartitions(), lag.maxLagPerPartition());
        Target target = lagTarget;
        if (scan.rates().isPresent()) {
            RateRule.Outcome outcome = rateRule.evaluate(current, lag, scan.rates().get());
            if (outcome instanceof RateRule.Outcome.Stalled stalled) {
                return new Refused(topic, RefusalReason.CONSUMER_STALLED, stalled.explanation());
            } else if (outcome instanceof RateRule.Outcome.Sized sized && ratesClaimed
                    && sized.target().partitions() > lagTarget.partitions()) {
                target = new Target(lagTarget.partitions(), TargetRule.LAG, lagTarget.inputs(), "the claimed rates"
                        + " ask for " + sized.target().partitions() + " partitions, more than the measured lag"
                        + " justifies; " + lagTarget.explanation());
            } else if (outcome instanceof RateRule.Outcome.Sized sized) {
                target = sized.target().withInput("lagRuleTarget", lagTarget.partitions());
            } else if (outcome instanceof RateRule.Outcome.Unusable unusable) {
                target = new Target(lagTarget.partitions(), TargetRule.LAG, lagTarget.inputs(),
                        "sized by lag, not by rates: " + unusable.explanation() + "; " + lagTarget.explanation());
            }
        }
        if (target.partitions() <= current) {
            return new NoChange(topic, target.explanation() + "; " + current + " partitions suffice");
        }
        int ceiling = settings.maxPartitions(topic);
        if (current >= ceiling) {
            return new Refused(topic, RefusalReason.CEILING, topic + " has " + current
                    + " partitions, at its ceiling of " + ceiling + "; " + target.explanation());
        }
        int to = Math.min(target.partitions(), ceiling);
        String reason = to < target.partitions()
                ? target.explanation() + "; capped at the ceiling of " + ceiling + " partitions"
                : target.explanation();
        Map<String, Number> inputs = new LinkedHashMap<>(target.inputs());
        inputs.put("ceiling", ceiling);
        Optional<Refused> overBudget = withinBudget(topic, current, to, layout.get(), budget);
        if (overBudget.isPresent()) {
            return overBudget.get();
        }
        return new Increase(topic, current, to, target.rule(), inputs, reason);
    }

    /** The checks that need only the scan and the settings; empty when the topic is a candidate. */
    private Optional<ScalingDecision> screen(TopicScan scan, Duration scanAge) {
        String topic = scan.topic();
        Optional<ScalingDecision> byVerdict = byVerdict(scan);
        if (!scan.partial() && byVerdict.isEmpty() && scan.lag().laggingPartitions() == 0) {
            return Optional.of(new NoChange(topic, "not lagging: the scan found no partition over the threshold of "
                    + scan.lag().maxLagPerPartition() + " (verdict " + scan.verdict() + ")"));
        }
        Optional<Refused> gate = notManaged(topic).or(() -> modeOff(topic));
        if (gate.isPresent()) {
            return Optional.of(gate.get());
        }
        if (scanAge.negated().compareTo(MAX_CLOCK_SKEW) > 0) {
            return Optional.of(new Refused(topic, RefusalReason.STALE_SCAN, "scan is dated "
                    + HumanDuration.format(scanAge.negated()) + " in the future, beyond the "
                    + HumanDuration.format(MAX_CLOCK_SKEW)
                    + " clock skew allowed: not a scan this function can trust"));
        }
        if (scanAge.compareTo(settings.maxScanAge()) > 0) {
            return Optional.of(new Refused(topic, RefusalReason.STALE_SCAN, "scan is " + HumanDuration.format(scanAge)
                    + " old, older than " + ScalingSettings.MAX_SCAN_AGE + "="
                    + HumanDuration.format(settings.maxScanAge())));
        }
        if (scan.partial()) {
            return Optional.of(new Refused(topic, RefusalReason.PARTIAL_SCAN, "the scan could not read every "
                    + "partition of " + topic + " (verdict " + scan.verdict() + "); not acting on partial figures"));
        }
        if (byVerdict.isPresent()) {
            return byVerdict;
        }
        if (settings.isKeyed(topic)) {
            return Optional.of(keyed(topic));
        }
        return Optional.empty();
    }

    /**
     * What the scanner's verdict alone decides; empty when the lag figures decide. Every verdict is named, so a new
     * one does not compile until it is decided here.
     */
    private static Optional<ScalingDecision> byVerdict(TopicScan scan) {
        return switch (scan.verdict()) {
            case UNKNOWN -> Optional.of(new Refused(scan.topic(), RefusalReason.UNKNOWN_TOPIC, "the scan's verdict"
                    + " for " + scan.topic() + " is unknown (no usable committed offsets);"
                    + " not acting without figures"));
            // Refused only where the lag would call for partitions: otherwise there is nothing to refuse.
            case NEW_PARTITIONS_UNREAD -> scan.lag().laggingPartitions() == 0 ? Optional.empty()
                    : Optional.of(new Refused(scan.topic(), RefusalReason.NEW_PARTITIONS_UNREAD, "a consumer of "
                    + scan.topic() + " does not read the partitions added to it before (verdict"
                    + " NEW_PARTITIONS_UNREAD): more partitions would go unread too; make the consumer read them"
                    + " (subscribe, not assign) first"));
            case DATA_LOST, AT_RISK, LAGGING, STALLED, FALLING_BEHIND, NO_COMMIT, NO_CONSUMER, OK -> Optional.empty();
        };
    }

    private ScalingDecision decideManual(ManualRequest request, ClusterState cluster, JournalView journal,
                                         Instant now, ReplicaBudget budget) {
        String topic = request.topic();
        int wanted = request.partitions();
        Optional<Refused> gate = notManaged(topic);
        if (gate.isPresent()) {
            return gate.get();
        }
        if (wanted < 1) {
            return new Refused(topic, RefusalReason.INVALID_REQUEST, "partitions must be at least 1, was " + wanted);
        }
        if (request.reason().isEmpty()) {
            return new Refused(topic, RefusalReason.INVALID_REQUEST, "a manual request needs a reason for the journal");
        }
        gate = modeOff(topic);
        if (gate.isPresent()) {
            return gate.get();
        }
        if (settings.isKeyed(topic)) {
            return keyed(topic);
        }
        Optional<TopicLayout> layout = cluster.topic(topic);
        if (layout.isEmpty()) {
            return notFound(topic);
        }
        int current = layout.get().partitions();
        if (current > wanted) {
            return new Refused(topic, RefusalReason.DECREASE, topic + " has " + current + " partitions and the request "
                    + "asks for " + wanted + ": partitions are never decreased (Kafka cannot remove them without "
                    + "recreating the topic); nothing changed");
        }
        if (current == wanted) {
            return new NoChange(topic, topic + " already has " + current + " partitions: nothing to do");
        }
        int ceiling = settings.maxPartitions(topic);
        if (wanted > ceiling) {
            return new Refused(topic, RefusalReason.CEILING, "the request asks for " + wanted + " partitions, over the "
                    + "ceiling of " + ceiling + " for " + topic + " (" + ScalingSettings.MAX_PARTITIONS + " or "
                    + ScalingSettings.MAX_PARTITIONS_BY_TOPIC + "); nothing changed");
        }
        Optional<Refused> overBudget = withinBudget(topic, current, wanted, layout.get(), budget);
        if (overBudget.isPresent()) {
            return overBudget.get();
        }
        String reason = "manual request: " + request.reason();
        Optional<Instant> lastIncrease = journal.lastIncrease(topic);
        if (lastIncrease.isPresent() && inCooldown(lastIncrease.get(), now)) {
            reason += " (last increase " + ago(lastIncrease.get(), now) + " ago, within the "
                    + HumanDuration.format(settings.cooldown()) + " cooldown, which does not block manual requests)";
        }
        Map<String, Number> inputs = new LinkedHashMap<>();
        inputs.put("currentPartitions", current);
        inputs.put("requestedPartitions", wanted);
        inputs.put("ceiling", ceiling);
        return new Increase(topic, current, wanted, TargetRule.MANUAL, inputs, reason);
    }

    private static Optional<Refused> notManaged(String topic) {
        if (topic.startsWith(MANAGED_PREFIX) && topic.length() > MANAGED_PREFIX.length()) {
            return Optional.empty();
        }
        return Optional.of(new Refused(topic, RefusalReason.NOT_MANAGED,
                topic + " is outside the managed prefix '" + MANAGED_PREFIX + "': never touched"));
    }

    private Optional<Refused> modeOff(String topic) {
        if (settings.mode() != ScalingMode.OFF) {
            return Optional.empty();
        }
        return Optional.of(new Refused(topic, RefusalReason.MODE_OFF, ScalingSettings.MODE + "=off"));
    }

    private static Refused keyed(String topic) {
        return new Refused(topic, RefusalReason.KEYED_TOPIC, topic + " is configured as keyed ("
                + ScalingSettings.KEYED_TOPICS + "): more partitions would send existing keys to other partitions "
                + "and break per-key order");
    }

    private static Refused notFound(String topic) {
        return new Refused(topic, RefusalReason.TOPIC_NOT_FOUND, topic + " was not found when the cluster was re-read");
    }

    private Optional<Refused> withinBudget(
            String topic, int current, int to, TopicLayout layout, ReplicaBudget budget) {
        long added = (long) (to - current) * layout.replicationFactor();
        if (budget.tryReserve(added)) {
            return Optional.empty();
        }
        return Optional.of(new Refused(topic, RefusalReason.CLUSTER_BUDGET, String.format(
                "%d -> %d partitions x replication factor %d adds %d replicas; the cluster would hold %d of its %d "
                        + "(%d per broker x %d brokers, %s)", current, to, layout.replicationFactor(), added,
                budget.used() + added, budget.limit(), settings.partitionsPerBroker(), budget.brokers(),
                ScalingSettings.PARTITIONS_PER_BROKER)));
    }

    private boolean inCooldown(Instant lastIncrease, Instant now) {
        return now.isBefore(lastIncrease.plus(settings.cooldown()));
    }

    private static String ago(Instant then, Instant now) {
        return HumanDuration.format(Duration.between(then, now));
    }

    private static double urgency(TopicScan scan) {
        if (scan.lag().laggingPartitions() == 0) {
            return -1;
        }
        return (double) scan.lag().avgLagOfLaggingPartitions() / scan.lag().maxLagPerPartition();
    }

    /** Partition replicas left on the cluster, spent by the increases of one run in order. */
    private static final class ReplicaBudget {
        private final long limit;
        private final int brokers;
        private long used;

        ReplicaBudget(ClusterState cluster, int partitionsPerBroker) {
            this.limit = (long) partitionsPerBroker * cluster.brokerCount();
            this.brokers = cluster.brokerCount();
            this.used = cluster.totalPartitionReplicas();
        }

        boolean tryReserve(long replicas) {
            if (used + replicas > limit) {
                return false;
            }
            used += replicas;
            return true;
        }

        long used() {
            return used;
        }

        long limit() {
            return limit;
        }

        int brokers() {
            return brokers;
        }
    }

    /** Times in reasons are for people: to the second (the journal keeps the exact instant). */
    private static Instant toTheSecond(Instant instant) {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }
}
