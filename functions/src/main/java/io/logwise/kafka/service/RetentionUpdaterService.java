package io.logwise.kafka.service;

import io.logwise.kafka.error.InvalidRequestException;
import io.logwise.kafka.gateway.RetentionKafkaGateway;
import io.logwise.kafka.retention.ConfigKey;
import io.logwise.kafka.retention.ExpiryPolicy;
import io.logwise.kafka.retention.ExtensionClaims;
import io.logwise.kafka.retention.GuardInput;
import io.logwise.kafka.retention.ManagedTopics;
import io.logwise.kafka.retention.ProtectionPolicy;
import io.logwise.kafka.retention.Refusal;
import io.logwise.kafka.retention.RetentionDecision;
import io.logwise.kafka.retention.RetentionDuration;
import io.logwise.kafka.retention.RetentionGuard;
import io.logwise.kafka.retention.RetentionReport;
import io.logwise.kafka.retention.RetentionRequest;
import io.logwise.kafka.retention.RetentionSettings;
import io.logwise.kafka.retention.ScanFigures;
import io.logwise.kafka.retention.TemporaryExtension;
import io.logwise.kafka.retention.TopicLagFigures;
import io.logwise.kafka.retention.TopicRetention;
import io.logwise.kafka.retention.UnreadData;
import io.logwise.kafka.retention.UnreadMeasure;
import io.logwise.kafka.scan.ScanResult;
import io.logwise.kafka.scan.TopicSummary;
import io.logwise.kafka.scan.Verdict;
import io.logwise.kafka.service.RetentionChanges.Planned;
import io.logwise.kafka.state.DecidingFunction;
import io.logwise.kafka.state.Decision;
import io.logwise.kafka.state.DecisionAction;
import io.logwise.kafka.state.DecisionJournal;
import io.logwise.kafka.state.ExtensionStore;
import io.logwise.kafka.state.RetentionExtension;
import io.logwise.kafka.time.HumanDuration;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retention updater's three entry points: a request, the lag scanner's result (protection, then due expiries)
 * and the scheduled run (due expiries). Each reads the topics in batched calls, lets the pure policies and the
 * {@link RetentionGuard} decide, and carries out every approved change in one incrementalAlterConfigs call
 * ({@link RetentionChanges}).
 *
 * <p>Every lowering (a request, an expiry, a protection revert) is judged on a fresh {@link UnreadMeasure} taken in
 * the same invocation, never on figures an event or a state record carries: a scan result only says when to look
 * (and may raise retention, which deletes nothing), and a stored extension is only acted on when the journal backs it
 * ({@link ExtensionClaims}).
 *
 * <p>Ingest estimate for the disk budget: a topic that has run longer than its retention holds about
 * {@code rate x retention} on disk, so {@code rate = logBytes / retention} (log dir sizes over all replicas, so the
 * estimate for the new retention is disk use with replication). A topic younger than its retention is under-estimated.
 */
public final class RetentionUpdaterService {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionUpdaterService.class);

    private final RetentionSettings settings;
    private final RetentionGuard guard;
    private final ProtectionPolicy protection;
    private final Clock clock;

    public RetentionUpdaterService(RetentionSettings settings, Clock clock) {
        this.settings = settings;
        this.guard = new RetentionGuard(settings);
        this.protection = new ProtectionPolicy(settings);
        this.clock = clock;
    }

    public RetentionReport onRequest(RetentionRequest request, String requestId, RetentionKafkaGateway kafka,
                                     UnreadMeasure measure, DecisionJournal journal, ExtensionStore extensions) {
        RetentionChanges changes = new RetentionChanges(requestId, "request " + requestId, request.dryRun(), clock,
                journal, extensions);
        Instant now = clock.instant();
        List<String> problems = new ArrayList<>();
        request.rejectedTargets().forEach(error -> {
            problems.add(error.toString());
            changes.line(new RetentionReport.Line(error.field(), null, "invalid", null, null, error.message(),
                    null, "invalid", null));
        });
        Map<String, TopicRetention> found = kafka.read(request.topics());
        for (String topic : request.topics()) {
            if (!found.containsKey(topic)) {
                problems.add(topic + ": no such topic");
                changes.line(new RetentionReport.Line(topic, null, "unknown-topic", null, null,
                        "no such topic; nothing changed", null, "invalid", null));
            }
        }
        if (found.isEmpty()) {
            throw new InvalidRequestException("nothing to change: " + String.join("; ", problems));
        }
        Set<String> lowering = found.values().stream()
                .filter(t -> t.retentionMs() == RetentionDuration.UNLIMITED || request.retentionMs() < t.retentionMs())
                .map(TopicRetention::topic).collect(Collectors.toCollection(LinkedHashSet::new));
        Map<String, UnreadData> unread = measure.measure(lowering, now);
        measure.problems().forEach(changes::problem);
        Map<String, RetentionExtension> backed = backedExtensions(changes, journal, extensions, found.keySet(), now,
                false);
        String reason = request.reason().orElse("retention request");
        for (TopicRetention topic : found.values()) {
            Optional<TemporaryExtension> active = Optional.ofNullable(backed.get(topic.topic()))
                    .flatMap(RetentionUpdaterService::fromState);
            GuardInput input = new GuardInput(topic.topic(), topic.retentionMs(), request.retentionMs(),
                    Optional.ofNullable(unread.get(topic.topic())), request.temporary(), request.force(),
                    request.reason(), ingestBytesPerSecond(topic));
            Map<String, Object> inputs = figures(input);
            inputs.put("force", request.force());
            RetentionDecision decision = guard.decide(input);
            DecisionAction action = request.temporary() ? DecisionAction.EXTEND_RETENTION
                    : DecisionAction.SET_RETENTION;
            if (decision instanceof RetentionDecision.Raise raise && request.temporary()) {
                TemporaryExtension extension = TemporaryExtension.forRequest(active, topic.topic(), raise.from(),
                        raise.to(), request.expiresAt().orElseThrow(), reason, now);
                changes.plan(new Planned(topic.topic(), ConfigKey.RETENTION_MS, action, raise.from(), raise.to(),
                        "temporary", reason, inputs, raise.warnings(), "extend", Optional.of(extension), false));
            } else if (decision instanceof RetentionDecision.NoChange same && !request.temporary()
                    && active.isPresent()) {
                // The extended value asked for permanently: recorded as a permanent change, so it is never reverted.
                changes.plan(new Planned(topic.topic(), ConfigKey.RETENTION_MS, action, same.value(), same.value(),
                        "request", reason + " (makes the temporary extension permanent)", inputs, same.warnings(),
                        "make-permanent", Optional.empty(), true));
            } else {
                consider(changes, decision, action, request.force() ? "forced" : "request", reason, inputs,
                        active.isPresent());
            }
            request.retentionBytes().ifPresent(bytes -> {
                RetentionDecision bytesDecision = guard.decideBytes(topic.topic(), topic.retentionBytes(), bytes,
                        request.force(), request.reason());
                consider(changes, bytesDecision, DecisionAction.SET_RETENTION, request.force() ? "forced" : "request",
                        reason + (request.temporary() ? " (retention.bytes changes permanently)" : ""),
                        Map.of("force", request.force()), false);
            });
        }
        return changes.carryOut(kafka, "request");
    }

    /**
     * Protection for the scanned topics, then any other stored extension that is due. The scan is a claim: one older
     * than RETENTION_SCAN_MAX_AGE (or dated in the future) is not used at all; a fresh one may raise retention (which
     * deletes nothing) and may say when to revert, but every revert is judged on a fresh measurement.
     */
    public RetentionReport onScan(ScanResult scan, RetentionKafkaGateway kafka, UnreadMeasure measure,
                                  DecisionJournal journal, ExtensionStore extensions) {
        RetentionChanges changes = new RetentionChanges(scan.scanId(), "lag scan " + scan.scanId(), false, clock,
                journal, extensions);
        Instant now = clock.instant();
        Map<String, TopicSummary> scanned = new LinkedHashMap<>();
        if (usable(scan, now, changes)) {
            scan.topics().stream().filter(t -> t != null && ManagedTopics.isManaged(t.topic()))
                    .forEach(t -> scanned.put(t.topic(), t));
        }
        Map<String, RetentionExtension> stored = backedExtensions(changes, journal, extensions, null, now, true);
        Set<String> topics = new LinkedHashSet<>(scanned.keySet());
        topics.addAll(stored.keySet());
        Map<String, TopicRetention> found = kafka.read(topics);
        Map<String, TemporaryExtension> reverts = new LinkedHashMap<>();
        Set<String> handled = new LinkedHashSet<>();
        for (TopicSummary summary : scanned.values()) {
            String topic = summary.topic();
            Verdict verdict = ScanFigures.verdict(summary);
            if (!found.containsKey(topic) || ProtectionPolicy.stance(verdict) == ProtectionPolicy.Stance.UNDECIDED) {
                changes.line(new RetentionReport.Line(topic, ConfigKey.RETENTION_MS.kafkaName(), "no-change", null,
                        null, !found.containsKey(topic) ? "the topic no longer exists"
                        : "not measured completely, or no consumer seen (" + summary.verdict() + "): nothing decided",
                        null, "none", null));
                continue;
            }
            TopicRetention retention = found.get(topic);
            Optional<TemporaryExtension> active = Optional.ofNullable(stored.get(topic))
                    .flatMap(RetentionUpdaterService::fromState);
            ProtectionPolicy.Action action = protection.decide(new TopicLagFigures(topic, verdict,
                    ScanFigures.timeLag(summary), retention.retentionMs(), active), now);
            if (action instanceof ProtectionPolicy.Action.Extend extend) {
                handled.add(topic);
                GuardInput input = extend.guardInput(Optional.empty(), ingestBytesPerSecond(retention));
                RetentionDecision decision = guard.decide(input);
                Map<String, Object> inputs = figures(input);
                inputs.put("verdict", summary.verdict().name());
                inputs.put("scanId", scan.scanId());
                ScanFigures.timeLag(summary).ifPresent(lag -> inputs.put("claimedTimeLagMs", lag.toMillis()));
                if (decision instanceof RetentionDecision.Raise raise) {
                    changes.plan(new Planned(topic, ConfigKey.RETENTION_MS, DecisionAction.EXTEND_RETENTION,
                            raise.from(), raise.to(), "protection", extend.extension().reason(), inputs,
                            raise.warnings(), "extend", Optional.of(extend.extension()), false));
                } else {
                    consider(changes, decision, DecisionAction.EXTEND_RETENTION, "protection",
                            extend.extension().reason(), inputs, false);
                }
            } else if (action instanceof ProtectionPolicy.Action.Revert revert) {
                handled.add(topic);
                reverts.put(topic, revert.extension());
            } else if (action instanceof ProtectionPolicy.Action.Forget forget) {
                handled.add(topic);
                forget(changes, extensions, topic, forget.why());
            } else if (action instanceof ProtectionPolicy.Action.NoAction none) {
                changes.line(new RetentionReport.Line(topic, ConfigKey.RETENTION_MS.kafkaName(), "no-change",
                        retention.retentionMs(), null, none.why(), null, "none", null));
            }
        }
        stored.keySet().removeAll(handled);
        reverts.putAll(dueExpiries(changes, extensions, stored.values(), found, now));
        revertAll(changes, reverts, found, measure, now);
        return changes.carryOut(kafka, "scan");
    }

    /** The scheduled run: restore every time-limited extension whose time has come (through the guard). */
    public RetentionReport onSchedule(String triggerId, RetentionKafkaGateway kafka, UnreadMeasure measure,
                                      DecisionJournal journal, ExtensionStore extensions) {
        RetentionChanges changes = new RetentionChanges(triggerId, "scheduled run " + triggerId, false, clock,
                journal, extensions);
        Instant now = clock.instant();
        settleStalePending(kafka, journal, now);
        Map<String, RetentionExtension> stored = backedExtensions(changes, journal, extensions, null, now, true);
        Map<String, TopicRetention> found = kafka.read(stored.keySet());
        Map<String, TemporaryExtension> due = dueExpiries(changes, extensions, stored.values(), found, now);
        revertAll(changes, due, found, measure, now);
        return changes.carryOut(kafka, "schedule");
    }

    /** Measures the topics to revert now, in one reading, and lets the guard judge each revert on it. */
    private void revertAll(RetentionChanges changes, Map<String, TemporaryExtension> reverts,
                           Map<String, TopicRetention> found, UnreadMeasure measure, Instant now) {
        if (reverts.isEmpty()) {
            return;
        }
        Map<String, UnreadData> unread = measure.measure(reverts.keySet(), now);
        measure.problems().forEach(changes::problem);
        reverts.forEach((topic, extension) -> revert(changes, extension, Optional.ofNullable(unread.get(topic)),
                found.get(topic), extension.untilCaughtUp() ? "protection" : "expiry"));
    }

    /** False (with the reason in the report) for a scan result too old, or dated in the future. */
    private boolean usable(ScanResult scan, Instant now, RetentionChanges changes) {
        Instant at = scan.scannedAt();
        if (at == null) {
            changes.problem("scan " + scan.scanId() + " has no scan time: its figures are not used");
            return false;
        }
        if (at.isAfter(now.plus(settings.clockSkew()))) {
            changes.problem("scan " + scan.scanId() + " is dated " + at + ", in the future (now " + now + ", "
                    + RetentionSettings.CLOCK_SKEW + " " + HumanDuration.format(settings.clockSkew())
                    + "): its figures are not used");
            return false;
        }
        Duration age = Duration.between(at, now);
        if (age.compareTo(settings.scanMaxAge()) > 0) {
            changes.problem("scan " + scan.scanId() + " from " + at + " is " + HumanDuration.format(age)
                    + " old, more than " + RetentionSettings.SCAN_MAX_AGE + " ("
                    + HumanDuration.format(settings.scanMaxAge()) + "): its figures are not used");
            return false;
        }
        return true;
    }

    /**
     * The stored extensions the journal backs ({@link ExtensionClaims}), by topic. A voided one is dropped (when
     * {@code revertsDue}: an expiry run or a scan) and named; a rejected one is named (with a report line when
     * {@code revertsDue}) and left alone. Journal records dated in the future are named too.
     *
     * @param only the topics to look at, or null for every stored extension
     */
    private Map<String, RetentionExtension> backedExtensions(RetentionChanges changes, DecisionJournal journal,
                                                             ExtensionStore extensions, Set<String> only,
                                                             Instant now, boolean revertsDue) {
        Map<String, RetentionExtension> backed = new LinkedHashMap<>();
        for (Decision future : ExtensionClaims.futureDated(journal.all(), now, settings.clockSkew())) {
            changes.problem("journal record " + future.id() + " of " + future.topic() + " is dated " + future.time()
                    + ", in the future (now " + now + "): not used");
        }
        List<RetentionExtension> records = extensions.active();
        extensions.problems().forEach(changes::problem); // after active(): it names the records it could not decode
        for (RetentionExtension record : records) {
            if (only != null && !only.contains(record.topic())) {
                continue;
            }
            ExtensionClaims.Verdict verdict = ExtensionClaims.check(record, journal.decisions(record.topic()), now,
                    settings.clockSkew());
            if (verdict instanceof ExtensionClaims.Verdict.Backed) {
                backed.put(record.topic(), record);
            } else if (verdict instanceof ExtensionClaims.Verdict.Voided voided) {
                changes.problem("extension of " + record.topic() + " voided: " + voided.why());
                if (revertsDue) {
                    forget(changes, extensions, record.topic(), voided.why());
                }
            } else if (verdict instanceof ExtensionClaims.Verdict.Rejected rejected) {
                changes.problem("extension record of " + record.topic() + " not used: " + rejected.why());
                if (revertsDue) {
                    changes.line(new RetentionReport.Line(record.topic(), ConfigKey.RETENTION_MS.kafkaName(),
                            "refused", record.extendedRetentionMs(), record.originalRetentionMs(), "stored extension"
                            + " not backed by the journal, not reverted: " + rejected.why(), null, "none",
                            record.expiresAt()));
                }
            }
        }
        return backed;
    }

    /** Changes an invocation left PENDING (it stopped before recording the outcome), settled from Kafka's value. */
    private static void settleStalePending(RetentionKafkaGateway kafka, DecisionJournal journal, Instant now) {
        Set<String> topics = journal.pending().stream()
                .filter(decision -> decision.function() == DecidingFunction.RETENTION_UPDATER)
                .map(Decision::topic).collect(Collectors.toSet());
        if (topics.isEmpty()) {
            return;
        }
        Map<String, TopicRetention> current = kafka.read(topics);
        journal.settleStalePending(DecidingFunction.RETENTION_UPDATER, now,
                decision -> Optional.ofNullable(current.get(decision.topic()))
                        .map(topic -> ConfigKey.RETENTION_BYTES.kafkaName().equals(decision.inputs().get("config"))
                                ? topic.retentionBytes() : topic.retentionMs()),
                Long::equals)
                .forEach(settled -> LOG.warn("settled a stale PENDING retention change of {} to {}: {}",
                        settled.topic(), settled.outcome(), settled.reason()));
    }

    private Map<String, TemporaryExtension> dueExpiries(RetentionChanges changes, ExtensionStore extensions,
                                                        Iterable<RetentionExtension> stored,
                                                        Map<String, TopicRetention> found, Instant now) {
        Map<String, TemporaryExtension> due = new LinkedHashMap<>();
        for (RetentionExtension record : stored) {
            Optional<TemporaryExtension> extension = fromState(record);
            if (extension.isEmpty()) {
                continue;
            }
            TopicRetention retention = found.get(record.topic());
            ExpiryPolicy.Action action = ExpiryPolicy.decide(extension.get(), retention == null
                    ? OptionalLong.empty() : OptionalLong.of(retention.retentionMs()), now);
            if (action instanceof ExpiryPolicy.Action.Restore restore) {
                due.put(record.topic(), restore.extension());
            } else if (action instanceof ExpiryPolicy.Action.Drifted drifted) {
                forget(changes, extensions, record.topic(), "retention.ms is "
                        + HumanDuration.retentionMs(drifted.currentRetentionMs()) + ", not the "
                        + HumanDuration.retentionMs(record.extendedRetentionMs())
                        + " LogWise set; someone changed it, so it is left alone");
            } else if (action instanceof ExpiryPolicy.Action.TopicGone) {
                forget(changes, extensions, record.topic(), "the topic no longer exists");
            } else if (action instanceof ExpiryPolicy.Action.NotDue notDue) {
                changes.line(new RetentionReport.Line(record.topic(), ConfigKey.RETENTION_MS.kafkaName(),
                        "no-change", record.extendedRetentionMs(), record.originalRetentionMs(),
                        notDue.remaining().map(left -> "extension reverts in " + HumanDuration.format(left))
                                .orElse("extension reverts once the consumers have caught up"),
                        null, "none", record.expiresAt()));
            }
        }
        return due;
    }

    private void revert(RetentionChanges changes, TemporaryExtension extension, Optional<UnreadData> unread,
                        TopicRetention retention, String rule) {
        GuardInput input = extension.revertInput(unread, ingestBytesPerSecond(retention));
        RetentionDecision decision = guard.decide(input);
        String reason = "revert temporary extension (" + extension.reason() + ")";
        if (decision instanceof RetentionDecision.Lower lower) {
            changes.plan(new Planned(extension.topic(), ConfigKey.RETENTION_MS, DecisionAction.REVERT_RETENTION,
                    lower.from(), lower.to(), rule, reason, figures(input), lower.warnings(), "revert",
                    Optional.empty(), true));
        } else {
            consider(changes, decision, DecisionAction.REVERT_RETENTION, rule, reason, figures(input), true);
        }
    }

    /** A guard decision that needs no extension bookkeeping of its own. */
    private static void consider(RetentionChanges changes, RetentionDecision decision, DecisionAction action,
                                 String rule, String reason, Map<String, Object> inputs, boolean dropsExtension) {
        Map<String, Object> figures = new LinkedHashMap<>(inputs);
        if (decision instanceof RetentionDecision.Raise raise) {
            changes.plan(new Planned(raise.topic(), raise.key(), action, raise.from(), raise.to(), rule, reason,
                    figures, raise.warnings(), "raise", Optional.empty(), dropsExtension));
        } else if (decision instanceof RetentionDecision.Lower lower) {
            if (lower.forced()) {
                figures.put("overridden", lower.overridden().stream().map(Refusal::toString)
                        .collect(Collectors.joining("; ")));
            }
            changes.plan(new Planned(lower.topic(), lower.key(), action, lower.from(), lower.to(), rule, reason,
                    figures, lower.warnings(), "lower", Optional.empty(), dropsExtension));
        } else if (decision instanceof RetentionDecision.NoChange same) {
            changes.line(new RetentionReport.Line(same.topic(), same.key().kafkaName(), "no-change", same.value(),
                    same.value(), "already " + (same.key() == ConfigKey.RETENTION_MS
                    ? HumanDuration.retentionMs(same.value()) : same.value() + " bytes"), same.warnings(),
                    "none", null));
        } else if (decision instanceof RetentionDecision.Refused refused) {
            changes.refuse(refused, action, rule, reason, figures);
        }
    }

    private static void forget(RetentionChanges changes, ExtensionStore extensions, String topic, String why) {
        extensions.remove(topic);
        LOG.warn("dropped the stored extension of {}: {}", topic, why);
        changes.line(new RetentionReport.Line(topic, ConfigKey.RETENTION_MS.kafkaName(), "forget", null, null, why,
                null, "none", null));
    }

    private static Map<String, Object> figures(GuardInput input) {
        Map<String, Object> figures = new LinkedHashMap<>();
        input.unread().flatMap(UnreadData::oldest).ifPresent(age -> figures.put("oldestUnreadMs", age.toMillis()));
        input.ingestBytesPerSecond().ifPresent(rate -> figures.put("ingestBytesPerSec", rate));
        return figures;
    }

    /** logBytes / retention: see the class comment. Unknown for unlimited retention or unreported sizes. */
    static OptionalDouble ingestBytesPerSecond(TopicRetention topic) {
        if (topic == null || topic.logBytes() < 0 || topic.retentionMs() <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(topic.logBytes() * 1000.0 / topic.retentionMs());
    }

    static RetentionExtension toState(TemporaryExtension extension, String decisionId) {
        return new RetentionExtension(extension.topic(), extension.originalRetentionMs(),
                extension.extendedRetentionMs(), extension.expiresAt().orElse(null), extension.untilCaughtUp(),
                extension.reason(), extension.createdAt(), decisionId);
    }

    static Optional<TemporaryExtension> fromState(RetentionExtension stored) {
        try {
            return Optional.of(new TemporaryExtension(stored.topic(), stored.originalRetentionMs(),
                    stored.extendedRetentionMs(), Optional.ofNullable(stored.expiresAt()), stored.untilCaughtUp(),
                    stored.reason(), stored.createdAt()));
        } catch (IllegalArgumentException e) {
            LOG.warn("ignoring the stored extension of {}: {}", stored.topic(), e.getMessage());
            return Optional.empty();
        }
    }
}
