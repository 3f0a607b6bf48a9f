package io.logwise.kafka.service;

import io.logwise.kafka.error.KafkaAuthorizationException;
import io.logwise.kafka.gateway.CallResult;
import io.logwise.kafka.gateway.ScalingKafkaGateway;
import io.logwise.kafka.scaling.ClaimCheck;
import io.logwise.kafka.scaling.ClusterState;
import io.logwise.kafka.scaling.JournalView;
import io.logwise.kafka.scaling.LagMeter;
import io.logwise.kafka.scaling.ManualRequest;
import io.logwise.kafka.scaling.PartitionScalingPolicy;
import io.logwise.kafka.scaling.ScalingDecision.Increase;
import io.logwise.kafka.scaling.ScalingDecision.NoChange;
import io.logwise.kafka.scaling.ScalingDecision.Refused;
import io.logwise.kafka.scaling.ScalingDecision;
import io.logwise.kafka.scaling.ScalingMode;
import io.logwise.kafka.scaling.ScalingPlan;
import io.logwise.kafka.scaling.ScalingReport;
import io.logwise.kafka.scaling.ScalingSettings;
import io.logwise.kafka.scaling.ScanAdapter;
import io.logwise.kafka.scaling.TopicScan;
import io.logwise.kafka.scan.ScanResult;
import io.logwise.kafka.state.DecidingFunction;
import io.logwise.kafka.state.Decision;
import io.logwise.kafka.state.DecisionAction;
import io.logwise.kafka.state.DecisionJournal;
import io.logwise.kafka.state.DecisionOutcome;
import io.logwise.kafka.time.HumanDuration;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one scaling decision round: re-read the cluster, decide with the pure policy, record every increase and
 * refusal in the decision journal (intent before the change, outcome after), and raise partitions in one batched
 * call. "Increase to N" is idempotent, so retries and concurrent invocations end with one increase.
 */
public final class PartitionScalerService {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionScalerService.class);

    private final PartitionScalingPolicy policy;
    private final ScalingSettings settings;
    private final Clock clock;

    public PartitionScalerService(ScalingSettings settings, Clock clock) {
        this.policy = new PartitionScalingPolicy(settings);
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Decides on the scan's figures first, to find the topics it would increase; their lag is then measured again,
     * in one reading, and only what was measured (against this function's own threshold) can raise a topic.
     */
    public ScalingReport onScan(ScanResult scan, ScalingKafkaGateway kafka,
                                DecisionJournal journal, LagMeter meter) {
        ClusterState cluster = kafka.readCluster();
        Instant now = clock.instant();
        List<String> problems = new ArrayList<>();
        JournalView increases = believableIncreases(journal, now, problems);
        List<TopicScan> claimed = ScanAdapter.topicsOf(scan);
        ScalingPlan plan = policy.decide(scan.scannedAt(), claimed, cluster, increases, now);
        ClaimCheck check = new ClaimCheck(policy, meter);
        plan = check.confirm(plan, claimed, scan, cluster, increases, problems);
        ScalingReport report = carryOut(plan, scan.scanId(), "lag scan " + scan.scanId(), cluster, kafka, journal,
                problems);
        if (check.measurementFailure().orElse(null) instanceof KafkaAuthorizationException notAuthorized) {
            // A missing permission is a deployment fault: the refusals are journaled, then the invocation fails.
            throw notAuthorized;
        }
        return report;
    }

    public ScalingReport onRequest(ManualRequest request, String requestId, ScalingKafkaGateway kafka,
                                   DecisionJournal journal) {
        ClusterState cluster = kafka.readCluster();
        Instant now = clock.instant();
        List<String> problems = new ArrayList<>();
        ScalingPlan plan = policy.decide(request, cluster, believableIncreases(journal, now, problems), now);
        return carryOut(plan, requestId, "manual request " + requestId, cluster, kafka, journal, problems);
    }

    /**
     * Each topic's last increase (applied or pending) for the cooldown, from journal records no later than the
     * allowed clock skew: a record dated in the future cannot have been written by a running function, and would
     * block scaling until its date. Each one ignored is named in {@code problems}.
     */
    private static JournalView believableIncreases(DecisionJournal journal, Instant now, List<String> problems) {
        Instant latestBelievable = now.plus(PartitionScalingPolicy.MAX_CLOCK_SKEW);
        Map<String, Instant> latest = new HashMap<>();
        for (Decision decision : journal.all()) {
            boolean increase = decision.action() == DecisionAction.INCREASE_PARTITIONS
                    && (decision.outcome() == DecisionOutcome.APPLIED || decision.outcome() == DecisionOutcome.PENDING);
            if (!increase) {
                continue;
            }
            if (decision.time().isAfter(latestBelievable)) {
                String problem = "journal record " + decision.id() + " (" + decision.outcome() + " increase of "
                        + decision.topic() + ") is dated " + decision.time() + ", beyond the "
                        + HumanDuration.format(PartitionScalingPolicy.MAX_CLOCK_SKEW) + " clock skew allowed after "
                        + now + ": rejected, it does not count for the cooldown";
                LOG.warn(problem);
                problems.add(problem);
                continue;
            }
            latest.merge(decision.topic(), decision.time(), (a, b) -> a.isAfter(b) ? a : b);
        }
        return JournalView.of(latest);
    }

    private ScalingReport carryOut(ScalingPlan plan, String trigger, String triggerText, ClusterState cluster,
                                   ScalingKafkaGateway kafka, DecisionJournal journal, List<String> problems) {
        Instant now = plan.decidedAt();
        String mode = settings.mode().text();
        journal.settleStalePending(DecidingFunction.PARTITION_SCALER, now,
                pending -> cluster.topic(pending.topic()).map(layout -> (long) layout.partitions()),
                (partitions, target) -> partitions >= target)
                .forEach(settled -> LOG.warn("settled a stale PENDING increase of {} to {}: {}", settled.topic(),
                        settled.outcome(), settled.reason()));
        List<ScalingReport.Line> lines = new ArrayList<>();
        Map<String, Increase> toApply = new LinkedHashMap<>();
        Map<String, Decision> pending = new LinkedHashMap<>();
        for (ScalingDecision planned : plan.decisions()) {
            ScalingDecision decision = planned instanceof Increase increase
                    ? increase.recheck(cluster.topic(increase.topic()).map(ClusterState.TopicLayout::partitions)
                    .orElse(increase.from()))
                    : planned;
            if (decision instanceof Increase increase) {
                Decision intent = journalEntry(increase, trigger, triggerText, now);
                if (settings.mode() == ScalingMode.ON) {
                    journal.record(intent);
                    pending.put(increase.topic(), intent);
                    toApply.put(increase.topic(), increase);
                } else {
                    journal.record(intent.withOutcome(DecisionOutcome.DRY_RUN, intent.reason(), now));
                    lines.add(line(increase, "dry-run"));
                }
            } else if (decision instanceof Refused refused) {
                journal.record(refusal(refused, trigger, triggerText, now));
                lines.add(new ScalingReport.Line(refused.topic(), "refused", null, null, null,
                        refused.reason().name(), refused.explanation(), "refused", null));
            } else if (decision instanceof NoChange noChange) {
                lines.add(new ScalingReport.Line(noChange.topic(), "no-change", null, null, null, null,
                        noChange.reason(), "none", null));
            }
        }
        Map<String, CallResult> outcomes = kafka.increase(toApply.values());
        List<String> notAuthorized = new ArrayList<>();
        for (Increase increase : toApply.values()) {
            CallResult outcome = outcomes.getOrDefault(increase.topic(), CallResult.failed("Kafka gave no answer"));
            Decision intent = pending.get(increase.topic());
            Instant at = clock.instant();
            switch (outcome.outcome()) {
                case DONE -> {
                    journal.record(intent.withOutcome(DecisionOutcome.APPLIED, intent.reason(), at));
                    LOG.info("raised {} from {} to {} partitions ({}): {}", increase.topic(), increase.from(),
                            increase.to(), increase.rule(), increase.reason());
                    lines.add(line(increase, "applied"));
                }
                case ALREADY_DONE -> {
                    journal.record(intent.withOutcome(DecisionOutcome.APPLIED,
                            intent.reason() + "; Kafka " + outcome.detail(), at));
                    lines.add(line(increase, "already-there"));
                }
                case FAILED -> {
                    journal.record(intent.withOutcome(DecisionOutcome.FAILED, outcome.detail(), at));
                    LOG.error("could not raise {} to {} partitions: {}", increase.topic(), increase.to(),
                            outcome.detail());
                    lines.add(new ScalingReport.Line(increase.topic(), "increase", increase.from(), increase.to(),
                            rule(increase), null, outcome.detail(), "failed", increase.inputs()));
                    if (outcome.notAuthorized()) {
                        notAuthorized.add(increase.topic());
                    }
                }
            }
        }
        if (!notAuthorized.isEmpty()) {
            // A missing permission is a deployment fault: after the journal has the FAILED outcomes, fail the
            // invocation so Lambda's error metric, alarm and failed-event queue see it.
            throw new KafkaAuthorizationException("not authorized: adding partitions (createPartitions) to "
                    + String.join(", ", notAuthorized) + " was refused by the cluster: the function needs ALTER on"
                    + " these topics (MSK IAM: kafka-cluster:AlterTopic). They were not changed; the journal records"
                    + " the decisions as FAILED");
        }
        return new ScalingReport(trigger, now, mode, lines, problems);
    }

    private Decision journalEntry(Increase increase, String trigger, String triggerText, Instant now) {
        return new Decision(Decision.idFor(DecidingFunction.PARTITION_SCALER, trigger, increase.topic(),
                DecisionAction.INCREASE_PARTITIONS), now, DecidingFunction.PARTITION_SCALER, increase.topic(),
                DecisionAction.INCREASE_PARTITIONS, (long) increase.from(), (long) increase.to(), rule(increase),
                Map.copyOf(increase.inputs()), increase.reason() + " (" + triggerText + ")", settings.mode().text(),
                DecisionOutcome.PENDING, trigger);
    }

    private Decision refusal(Refused refused, String trigger, String triggerText, Instant now) {
        // Its own id: a retried or concurrent delivery of a trigger that already raised the topic is refused by the
        // cooldown, and that refusal must never overwrite the record of the increase (the cooldown reads it).
        return new Decision(Decision.idFor(DecidingFunction.PARTITION_SCALER, trigger + "#refused", refused.topic(),
                DecisionAction.INCREASE_PARTITIONS), now, DecidingFunction.PARTITION_SCALER, refused.topic(),
                DecisionAction.INCREASE_PARTITIONS, null, null, refused.reason().name().toLowerCase(Locale.ROOT),
                Map.of("refusal", refused.reason().name()), refused.explanation() + " (" + triggerText + ")",
                settings.mode().text(), DecisionOutcome.REFUSED, trigger);
    }

    private static ScalingReport.Line line(Increase increase, String outcome) {
        return new ScalingReport.Line(increase.topic(), "increase", increase.from(), increase.to(), rule(increase),
                null, increase.reason(), outcome, increase.inputs());
    }

    private static String rule(Increase increase) {
        return increase.rule().name().toLowerCase(Locale.ROOT);
    }
}
