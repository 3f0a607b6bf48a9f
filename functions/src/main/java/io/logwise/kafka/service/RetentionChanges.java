package io.logwise.kafka.service;

import io.logwise.kafka.error.KafkaAuthorizationException;
import io.logwise.kafka.gateway.CallResult;
import io.logwise.kafka.gateway.RetentionKafkaGateway;
import io.logwise.kafka.retention.ConcurrentChanges;
import io.logwise.kafka.retention.ConfigKey;
import io.logwise.kafka.retention.RetentionDecision;
import io.logwise.kafka.retention.RetentionReport;
import io.logwise.kafka.retention.TemporaryExtension;
import io.logwise.kafka.state.DecidingFunction;
import io.logwise.kafka.state.Decision;
import io.logwise.kafka.state.DecisionAction;
import io.logwise.kafka.state.DecisionJournal;
import io.logwise.kafka.state.DecisionOutcome;
import io.logwise.kafka.state.ExtensionStore;
import io.logwise.kafka.state.RetentionExtension;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One invocation's retention changes and refusals, carried out in the journal's order: every intent PENDING first
 * (a failed write stops before any change), then the journal read again and every change another invocation is
 * racing given up ({@link ConcurrentChanges}), extensions stored before retention is raised, one
 * incrementalAlterConfigs call for all topics, then each outcome; an extension is dropped only after its revert (or a
 * permanent change) was applied.
 */
final class RetentionChanges {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionChanges.class);

    /**
     * A change the guard approved.
     *
     * @param rule            request, temporary, forced, protection or expiry
     * @param reportAction    raise, lower, extend or revert
     * @param extension       stored (original value kept) before the raise
     * @param dropsExtension  the topic's stored extension is removed once this change is applied
     */
    record Planned(String topic, ConfigKey key, DecisionAction action, long from, long to, String rule,
                   String reason, Map<String, Object> inputs, List<String> warnings, String reportAction,
                   Optional<TemporaryExtension> extension, boolean dropsExtension) {
    }

    private final String trigger;
    private final String triggerText;
    private final boolean dryRun;
    private final Clock clock;
    private final Instant decidedAt;
    private final DecisionJournal journal;
    private final ExtensionStore extensions;
    private final Map<String, Decision> journalAtStart;
    private final List<Planned> planned = new ArrayList<>();
    private final List<RetentionReport.Line> lines = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    RetentionChanges(String trigger, String triggerText, boolean dryRun, Clock clock, DecisionJournal journal,
                     ExtensionStore extensions) {
        this.trigger = trigger;
        this.triggerText = triggerText;
        this.dryRun = dryRun;
        this.clock = clock;
        this.decidedAt = clock.instant();
        this.journal = journal;
        this.extensions = extensions;
        this.journalAtStart = journal.snapshot();
    }

    void plan(Planned change) {
        planned.add(change);
    }

    void line(RetentionReport.Line line) {
        lines.add(line);
    }

    /** Something not used or not read, named in the report and the log. */
    void problem(String problem) {
        LOG.warn("{}", problem);
        problems.add(problem);
    }

    /** Journals the refusal at once (it changes nothing) and reports it with the guard's figures. */
    void refuse(RetentionDecision.Refused refused, DecisionAction action, String rule, String reason,
                Map<String, Object> inputs) {
        Map<String, Object> figures = new LinkedHashMap<>(inputs);
        figures.put("config", refused.key().kafkaName());
        figures.put("refusals", refused.refusals().stream().map(r -> r.reason().name()).toList().toString());
        journal.record(new Decision(id(refused.topic(), refused.key(), action), decidedAt,
                DecidingFunction.RETENTION_UPDATER, refused.topic(), action, refused.from(), refused.to(), rule,
                figures, reason + ": refused: " + refused.message() + " (" + triggerText + ")", mode(),
                DecisionOutcome.REFUSED, trigger));
        LOG.warn("refused {} of {} from {} to {}: {}", refused.key().kafkaName(), refused.topic(), refused.from(),
                refused.to(), refused.message());
        lines.add(new RetentionReport.Line(refused.topic(), refused.key().kafkaName(), "refused", refused.from(),
                refused.to(), refused.message(), refused.warnings(), "refused", null));
    }

    RetentionReport carryOut(RetentionKafkaGateway kafka, String entry) {
        Map<Planned, Decision> intents = new LinkedHashMap<>();
        for (Planned change : planned) {
            Decision intent = decision(change);
            if (dryRun) {
                journal.record(intent.withOutcome(DecisionOutcome.DRY_RUN, intent.reason(), decidedAt));
                lines.add(line(change, "dry-run"));
            } else {
                journal.record(intent);
                intents.put(change, intent);
            }
        }
        giveUpRacedChanges(intents);
        Map<String, Optional<RetentionExtension>> before = new HashMap<>();
        Map<String, Map<ConfigKey, Long>> alterations = new LinkedHashMap<>();
        intents.forEach((change, intent) -> {
            change.extension().ifPresent(extension -> {
                before.put(change.topic(), extensions.get(change.topic()));
                extensions.put(RetentionUpdaterService.toState(extension, intent.id()));
            });
            alterations.computeIfAbsent(change.topic(), topic -> new LinkedHashMap<>()).put(change.key(), change.to());
        });
        Map<String, CallResult> results = kafka.alter(alterations);
        intents.forEach((change, intent) -> {
            CallResult result = results.getOrDefault(change.topic(), CallResult.failed("Kafka gave no answer"));
            Optional<String> error = result.failed() ? Optional.of(result.detail()) : Optional.empty();
            Instant at = clock.instant();
            if (error.isEmpty()) {
                journal.record(intent.withOutcome(DecisionOutcome.APPLIED, intent.reason(), at));
                if (change.dropsExtension()) {
                    extensions.remove(change.topic());
                }
                LOG.info("{} {} of {} from {} to {}: {}", change.reportAction(), change.key().kafkaName(),
                        change.topic(), change.from(), change.to(), change.reason());
                lines.add(line(change, "applied"));
            } else {
                journal.record(intent.withOutcome(DecisionOutcome.FAILED, intent.reason() + ": " + error.get(), at));
                if (before.containsKey(change.topic())) {
                    before.get(change.topic()).ifPresentOrElse(extensions::put,
                            () -> extensions.remove(change.topic()));
                }
                LOG.error("could not {} {} of {}: {}", change.reportAction(), change.key().kafkaName(),
                        change.topic(), error.get());
                lines.add(new RetentionReport.Line(change.topic(), change.key().kafkaName(), change.reportAction(),
                        change.from(), change.to(), error.get(), change.warnings(), "failed", null));
            }
        });
        failIfRefusedPermission(results);
        return new RetentionReport(trigger, entry, decidedAt, dryRun, lines, problems);
    }

    /**
     * Reads the journal again now that this invocation's intents are in it, and gives up (REFUSED, nothing changed)
     * each change of a topic and config that another invocation is changing too: see {@link ConcurrentChanges}.
     */
    private void giveUpRacedChanges(Map<Planned, Decision> intents) {
        if (intents.isEmpty()) {
            return;
        }
        journal.reload();
        List<Decision> recorded = journal.all();
        Set<String> ownKeys = new HashSet<>();
        intents.values().forEach(intent -> ownKeys.add(intent.key().text()));
        Instant at = clock.instant();
        intents.entrySet().removeIf(entry -> {
            Planned change = entry.getKey();
            List<Decision> racing = ConcurrentChanges.racing(journalAtStart, recorded, ownKeys, change.topic(),
                    change.key(), at);
            if (racing.isEmpty()) {
                return false;
            }
            String why = "another invocation is changing " + change.key().kafkaName() + " of " + change.topic()
                    + " at the same time (" + ConcurrentChanges.describe(racing) + "): nothing changed, the next run"
                    + " decides again on what it finds";
            journal.record(entry.getValue().withOutcome(DecisionOutcome.REFUSED, entry.getValue().reason() + ": "
                    + why, at));
            LOG.warn("gave up {} of {}: {}", change.reportAction(), change.topic(), why);
            lines.add(new RetentionReport.Line(change.topic(), change.key().kafkaName(), change.reportAction(),
                    change.from(), change.to(), why, change.warnings(), "refused", null));
            return true;
        });
    }

    /**
     * A missing permission is a deployment fault, not a topic's state: after the journal has the FAILED outcomes,
     * fail the invocation so Lambda's error metric, alarm and failed-events queue see it.
     */
    private void failIfRefusedPermission(Map<String, CallResult> results) {
        List<String> refused = results.entrySet().stream().filter(entry -> entry.getValue().notAuthorized())
                .map(Map.Entry::getKey).toList();
        if (refused.isEmpty()) {
            return;
        }
        long applied = lines.stream().filter(line -> "applied".equals(line.outcome())).count();
        throw new KafkaAuthorizationException("not authorized: changing retention (incrementalAlterConfigs) of "
                + String.join(", ", refused) + " was refused by the cluster: the function needs ALTER_CONFIGS on"
                + " these topics (MSK IAM: kafka-cluster:AlterTopicDynamicConfiguration). They were not changed;"
                + " the journal records the decisions as FAILED" + (applied > 0 ? "; " + applied
                + " other change(s) were applied" : ""));
    }

    private Decision decision(Planned change) {
        Map<String, Object> inputs = new LinkedHashMap<>(change.inputs());
        inputs.put("config", change.key().kafkaName());
        if (!change.warnings().isEmpty()) {
            inputs.put("warnings", String.join("; ", change.warnings()));
        }
        change.extension().flatMap(TemporaryExtension::expiresAt).ifPresent(at -> inputs.put("expiresAt",
                at.toString()));
        change.extension().ifPresent(extension -> inputs.put("originalRetentionMs",
                extension.originalRetentionMs()));
        return new Decision(id(change.topic(), change.key(), change.action()), decidedAt,
                DecidingFunction.RETENTION_UPDATER, change.topic(), change.action(), change.from(), change.to(),
                change.rule(), inputs, change.reason() + " (" + triggerText + ")", mode(), DecisionOutcome.PENDING,
                trigger);
    }

    /** retention.bytes gets its own id: one decision per topic, config and action under the same trigger. */
    private String id(String topic, ConfigKey key, DecisionAction action) {
        String material = key == ConfigKey.RETENTION_MS ? trigger : trigger + "#" + key.kafkaName();
        return Decision.idFor(DecidingFunction.RETENTION_UPDATER, material, topic, action);
    }

    private String mode() {
        return dryRun ? "dry-run" : "on";
    }

    private static RetentionReport.Line line(Planned change, String outcome) {
        return new RetentionReport.Line(change.topic(), change.key().kafkaName(), change.reportAction(),
                change.from(), change.to(), change.reason(), change.warnings(), outcome,
                change.extension().flatMap(TemporaryExtension::expiresAt).orElse(null));
    }
}
