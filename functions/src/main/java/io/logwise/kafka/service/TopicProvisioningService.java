package io.logwise.kafka.service;

import io.logwise.kafka.error.InvalidRequestException;
import io.logwise.kafka.gateway.TopicsKafkaGateway;
import io.logwise.kafka.state.DecidingFunction;
import io.logwise.kafka.state.DecisionAction;
import io.logwise.kafka.state.DecisionJournal;
import io.logwise.kafka.topics.ClusterSnapshot;
import io.logwise.kafka.topics.ProvisionPlanner;
import io.logwise.kafka.topics.ProvisionReport.Mode;
import io.logwise.kafka.topics.ProvisionReport;
import io.logwise.kafka.topics.ProvisionRequest;
import io.logwise.kafka.topics.ProvisionerSettings;
import io.logwise.kafka.topics.TopicPlan;
import io.logwise.kafka.topics.TopicPolicy;
import io.logwise.kafka.topics.TopicResult;
import io.logwise.kafka.topics.TopicState;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One provisioning run: describe the cluster once, plan with the pure {@link ProvisionPlanner}, and (unless dry
 * run) apply the plans with one Admin call per kind of change. Whole-request errors (a replication factor the
 * cluster cannot hold, no valid service name at all, an unreachable cluster) are thrown before anything changes.
 */
public final class TopicProvisioningService {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioningService.class);
    private static final int MAX_REFUSALS_SHOWN = 10;

    private final ProvisionerSettings settings;
    private final Clock clock;

    public TopicProvisioningService(ProvisionerSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Plans, journals every mutation's intent, applies the plans, then journals each outcome.
     *
     * @param trigger the id decisions are recorded under: the event id, or a digest of a bare request
     */
    public ProvisionReport run(ProvisionRequest request, TopicsKafkaGateway gateway, DecisionJournal journal,
                               String trigger) {
        return run(request, gateway, () -> journal, trigger);
    }

    /**
     * As above, asking for the journal only once the request is known to be valid: a refused request creates
     * nothing, not even the state topic.
     */
    public ProvisionReport run(ProvisionRequest request, TopicsKafkaGateway gateway,
                               Supplier<DecisionJournal> journals, String trigger) {
        long started = System.nanoTime();
        ProvisionPlanner planner = new ProvisionPlanner(settings.prefix());
        ClusterSnapshot cluster;
        TopicPolicy policy;
        List<TopicPlan> plans;
        if (request.sweep()) {
            cluster = gateway.describe(settings.prefix()::manages);
            policy = TopicPolicy.resolve(settings, request, cluster.brokers());
            plans = planner.planSweep(policy, cluster);
        } else {
            Set<String> requested = planner.topicsOf(request);
            cluster = gateway.describe(requested::contains);
            policy = TopicPolicy.resolve(settings, request, cluster.brokers());
            plans = planner.planRequest(request, policy, cluster);
            refuseIfNothingIsValid(plans);
        }
        DecisionJournal journal = journals.get();
        if (request.sweep()) {
            settleStalePending(journal, cluster);
        }
        ProvisionJournal decisions = new ProvisionJournal(journal, trigger,
                (request.sweep() ? "sweep " : "request ") + trigger, clock);
        List<TopicResult> results;
        if (request.dryRun()) {
            decisions.recordDryRun(plans);
            results = plans.stream().map(TopicPlan::asResult).toList();
        } else {
            decisions.recordIntents(plans);
            PlanExecutor executor = new PlanExecutor(gateway);
            results = executor.execute(plans);
            decisions.recordOutcomes(results);
            executor.failIfRefusedPermission();
        }
        ProvisionReport report = ProvisionReport.of(request.sweep() ? Mode.SWEEP : Mode.REQUEST, request.dryRun(),
                cluster.brokers(), policy, results);
        LOG.atInfo().addKeyValue("event", "provisioning-done").addKeyValue("mode", report.mode().external())
                .addKeyValue("dryRun", request.dryRun()).addKeyValue("counts", report.counts().toString())
                .addKeyValue("elapsedMs", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))
                .log("{} of {} topic(s) done{}: {}", report.mode().external(), results.size(),
                        request.dryRun() ? " (dry run: nothing changed)" : "", report.counts());
        return report;
    }

    /**
     * A sweep describes every managed topic, so it can settle the provisioner's PENDING decisions left by an
     * invocation that stopped between intent and outcome: APPLIED when Kafka shows the decided value (partitions, or
     * the pinned retention.ms) or more.
     */
    private void settleStalePending(DecisionJournal journal, ClusterSnapshot cluster) {
        journal.settleStalePending(DecidingFunction.TOPIC_PROVISIONER, clock.instant(), pending -> {
            TopicState topic = cluster.described().get(pending.topic());
            if (topic == null) {
                return Optional.empty();
            }
            if (pending.action() != DecisionAction.SET_RETENTION) {
                return Optional.of((long) topic.partitions());
            }
            return topic.config("retention.ms").map(value -> Long.parseLong(value.value()));
        }, (now, decided) -> now >= decided).forEach(settled -> LOG.warn("settled a stale PENDING {} of {} to {}: {}",
                settled.action(), settled.topic(), settled.outcome(), settled.reason()));
    }

    /** A mixed batch proceeds with its valid items; a request with none is an error (nothing to do, nothing done). */
    private static void refuseIfNothingIsValid(List<TopicPlan> plans) {
        if (!plans.stream().allMatch(plan -> plan instanceof TopicPlan.Invalid)) {
            return;
        }
        String refusals = plans.stream().limit(MAX_REFUSALS_SHOWN).map(plan -> (TopicPlan.Invalid) plan)
                .map(invalid -> "'" + invalid.requested() + "': " + invalid.reason()
                        + invalid.suggestion().map(name -> " (suggestion: '" + name + "')").orElse(""))
                .collect(Collectors.joining("; "));
        throw new InvalidRequestException("services: no valid service name, nothing was changed: " + refusals
                + (plans.size() > MAX_REFUSALS_SHOWN ? "; and " + (plans.size() - MAX_REFUSALS_SHOWN) + " more" : ""));
    }
}
