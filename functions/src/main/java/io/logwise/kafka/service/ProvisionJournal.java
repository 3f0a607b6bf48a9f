package io.logwise.kafka.service;

import io.logwise.kafka.state.DecidingFunction;
import io.logwise.kafka.state.Decision;
import io.logwise.kafka.state.DecisionAction;
import io.logwise.kafka.state.DecisionJournal;
import io.logwise.kafka.state.DecisionOutcome;
import io.logwise.kafka.topics.ConfigChange;
import io.logwise.kafka.topics.TopicPlan.Adopt;
import io.logwise.kafka.topics.TopicPlan.Create;
import io.logwise.kafka.topics.TopicPlan;
import io.logwise.kafka.topics.TopicResult.Status;
import io.logwise.kafka.topics.TopicResult;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The provisioner's mutations in the decision journal, as the other functions record theirs: every creation,
 * partition raise and config pin of an adoption gets its intent (PENDING) before the batched calls and its outcome
 * (APPLIED or FAILED, with the reason) after. A dry run records each planned mutation as DRY_RUN, as the scaler does
 * in its dry-run mode. An adoption is recorded as the changes it makes: a partition raise
 * ({@code INCREASE_PARTITIONS}, which the scaler's cooldown counts) and the configs pinned ({@code SET_RETENTION},
 * rule {@code adopt}, every pinned config in its inputs).
 */
final class ProvisionJournal {

    private static final String MODE_ON = "on";
    private static final String MODE_DRY_RUN = "dry-run";

    private final DecisionJournal journal;
    private final String trigger;
    private final String triggerText;
    private final Clock clock;
    private final Map<String, List<Decision>> intents = new LinkedHashMap<>();

    ProvisionJournal(DecisionJournal journal, String trigger, String triggerText, Clock clock) {
        this.journal = journal;
        this.trigger = trigger;
        this.triggerText = triggerText;
        this.clock = clock;
    }

    /** Records each planned mutation as DRY_RUN: decided, not made. */
    void recordDryRun(List<TopicPlan> plans) {
        Instant now = clock.instant();
        journal.recordAll(plans.stream().flatMap(plan -> decisionsOf(plan, now, MODE_DRY_RUN).stream())
                .map(decision -> decision.withOutcome(DecisionOutcome.DRY_RUN, decision.reason(), now)).toList());
    }

    /** Records the intents (PENDING) of every mutation in {@code plans}; Kafka is changed only after this. */
    void recordIntents(List<TopicPlan> plans) {
        Instant now = clock.instant();
        List<Decision> recorded = new java.util.ArrayList<>();
        for (TopicPlan plan : plans) {
            List<Decision> decisions = decisionsOf(plan, now, MODE_ON);
            if (!decisions.isEmpty()) {
                intents.put(plan.topic(), decisions);
                recorded.addAll(decisions);
            }
        }
        journal.recordAll(recorded);
    }

    /** Records the outcome of every intent from what the batched calls did to its topic. */
    void recordOutcomes(List<TopicResult> results) {
        Instant now = clock.instant();
        journal.recordAll(results.stream().flatMap(result -> intents.getOrDefault(result.topic(), List.of()).stream()
                .map(intent -> outcome(intent, result, now))).toList());
    }

    private static Decision outcome(Decision intent, TopicResult result, Instant at) {
        boolean made = result.changes().stream().anyMatch(change -> covers(intent, change));
        if (result.status() == Status.CREATED || made) {
            return intent.withOutcome(DecisionOutcome.APPLIED, intent.reason(), at);
        }
        if (result.status() == Status.EXISTS) {
            return intent.withOutcome(DecisionOutcome.APPLIED, intent.reason() + "; Kafka already had it: "
                    + result.reason(), at);
        }
        return intent.withOutcome(DecisionOutcome.FAILED, intent.reason() + "; failed: " + result.reason(), at);
    }

    /** Whether a change the executor reports as made is the one the intent decided. */
    private static boolean covers(Decision intent, ConfigChange change) {
        boolean partitions = change.setting().equals(ConfigChange.PARTITIONS);
        return intent.action() == DecisionAction.INCREASE_PARTITIONS ? partitions
                : intent.action() == DecisionAction.SET_RETENTION && !partitions;
    }

    private List<Decision> decisionsOf(TopicPlan plan, Instant now, String mode) {
        List<Decision> decisions = new ArrayList<>();
        if (plan instanceof Create create) {
            Map<String, Object> inputs = new LinkedHashMap<>();
            inputs.put("partitions", create.partitions());
            inputs.put("replicationFactor", create.replicationFactor());
            inputs.putAll(create.configs());
            decisions.add(decision(create.topic(), DecisionAction.CREATE_TOPIC, null, (long) create.partitions(),
                    "create", inputs, "created: " + create.asResult().reason(), now, mode));
        } else if (plan instanceof Adopt adopt) {
            adopt.raisePartitionsTo().ifPresent(target -> decisions.add(decision(adopt.topic(),
                    DecisionAction.INCREASE_PARTITIONS, (long) adopt.currentPartitions(), (long) target, "adopt",
                    Map.of("currentPartitions", adopt.currentPartitions(), "policyPartitions", target),
                    "adopted: partitions raised to the policy's " + target + "; " + adopt.reason(), now, mode)));
            if (!adopt.configPins().isEmpty()) {
                Map<String, Object> inputs = new LinkedHashMap<>();
                adopt.configPins().forEach(pin -> inputs.put(pin.setting(), pin.to()));
                Optional<ConfigChange> retention = adopt.configPins().stream()
                        .filter(pin -> pin.setting().equals("retention.ms")).findFirst();
                decisions.add(decision(adopt.topic(), DecisionAction.SET_RETENTION,
                        retention.map(pin -> number(pin.from())).orElse(null),
                        retention.map(pin -> number(pin.to())).orElse(null), "adopt", inputs,
                        "adopted: configs pinned on the topic (" + describe(adopt.configPins()) + "); "
                                + adopt.reason(), now, mode));
            }
        }
        return decisions;
    }

    private Decision decision(String topic, DecisionAction action, Long from, Long to, String rule,
                              Map<String, Object> inputs, String reason, Instant now, String mode) {
        return new Decision(Decision.idFor(DecidingFunction.TOPIC_PROVISIONER, trigger, topic, action), now,
                DecidingFunction.TOPIC_PROVISIONER, topic, action, from, to, rule, inputs,
                reason + " (" + triggerText + ")", mode, DecisionOutcome.PENDING, trigger);
    }

    private static Long number(String value) {
        try {
            return value == null ? null : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String describe(List<ConfigChange> pins) {
        return String.join(", ", pins.stream().map(pin -> pin.setting() + "=" + pin.to()
                + (pin.from() == null ? "" : " (was " + pin.from() + " inherited)")).toList());
    }
}
