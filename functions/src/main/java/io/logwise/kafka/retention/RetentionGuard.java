package io.logwise.kafka.retention;

import io.logwise.kafka.time.HumanDuration;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides whether a retention change may go ahead. Raising never deletes data; it is checked only against the disk
 * budget. Lowering is refused when it would delete records a known consumer has not read (plus the margin), when
 * no consumer positions are known, or below the floor; force with a reason overrides those, and the overridden
 * refusals travel with the decision so they can be recorded. The disk budget and the "temporary changes only raise"
 * rule are never overridden.
 */
public final class RetentionGuard {
    private static final String FORCE_HINT = " (force with a reason overrides this)";
    private static final int MAX_LISTED_PARTITIONS = 10;

    private final RetentionSettings settings;

    public RetentionGuard(RetentionSettings settings) {
        this.settings = settings;
    }

    public RetentionDecision decide(GuardInput input) {
        String topic = input.topic();
        ConfigKey key = ConfigKey.RETENTION_MS;
        if (input.requestedMs() == input.currentMs()) {
            return new RetentionDecision.NoChange(topic, key, input.currentMs(), List.of());
        }
        Duration requested = Duration.ofMillis(input.requestedMs());
        List<String> warnings = new ArrayList<>();
        if (!input.lowers()) {
            Optional<Refusal> overBudget = checkDiskBudget(input, requested, warnings);
            if (requested.compareTo(settings.floor()) < 0) {
                warnings.add(fmt(requested) + " is still below the floor of " + fmt(settings.floor()));
            }
            if (overBudget.isPresent()) {
                return new RetentionDecision.Refused(topic, key, input.currentMs(), input.requestedMs(),
                        List.of(overBudget.get()), warnings);
            }
            return new RetentionDecision.Raise(topic, key, input.currentMs(), input.requestedMs(), warnings);
        }
        if (input.temporary()) {
            return new RetentionDecision.Refused(topic, key, input.currentMs(), input.requestedMs(), List.of(
                    new Refusal(Refusal.Reason.TEMPORARY_LOWERING, "a temporary change must raise retention ("
                            + HumanDuration.retentionMs(input.currentMs()) + " now, " + fmt(requested)
                            + " requested): records deleted meanwhile could not be restored")), warnings);
        }
        List<Refusal> refusals = new ArrayList<>();
        if (requested.compareTo(settings.floor()) < 0) {
            refusals.add(new Refusal(Refusal.Reason.BELOW_FLOOR, fmt(requested) + " is below the floor of "
                    + fmt(settings.floor()) + " (" + RetentionSettings.FLOOR + ")"));
        }
        refusals.addAll(checkUnread(input, requested));
        return lowerOrRefuse(topic, input.force(), input.reason(), key, input.currentMs(), input.requestedMs(),
                refusals, warnings);
    }

    /**
     * retention.bytes: raising (or -1, no limit) goes ahead; lowering needs force, because deleting by size cannot
     * be checked here against consumer positions.
     */
    public RetentionDecision decideBytes(String topic, long currentBytes, long requestedBytes, boolean force,
                                         Optional<String> reason) {
        if (!ManagedTopics.isManaged(topic)) {
            throw new IllegalArgumentException("not a managed topic: " + topic);
        }
        if (force && reason.filter(text -> !text.isBlank()).isEmpty()) {
            throw new IllegalArgumentException("force needs a reason");
        }
        ConfigKey key = ConfigKey.RETENTION_BYTES;
        if (currentBytes == requestedBytes) {
            return new RetentionDecision.NoChange(topic, key, currentBytes, List.of());
        }
        boolean raises = requestedBytes == RetentionDuration.UNLIMITED
                || (currentBytes != RetentionDuration.UNLIMITED && requestedBytes > currentBytes);
        if (raises) {
            return new RetentionDecision.Raise(topic, key, currentBytes, requestedBytes, List.of());
        }
        Refusal refusal = new Refusal(Refusal.Reason.BYTES_LOWERING, "lowering retention.bytes from "
                + bytes((double) currentBytes) + " to " + bytes((double) requestedBytes)
                + " per partition can delete unread records,"
                + " which the guard cannot check by size");
        return lowerOrRefuse(topic, force, reason, key, currentBytes, requestedBytes, List.of(refusal),
                new ArrayList<>());
    }

    private static RetentionDecision lowerOrRefuse(String topic, boolean force, Optional<String> reason,
                                                   ConfigKey key, long from, long to, List<Refusal> refusals,
                                                   List<String> warnings) {
        if (refusals.isEmpty()) {
            return new RetentionDecision.Lower(topic, key, from, to, List.of(), warnings);
        }
        boolean overridable = refusals.stream().allMatch(refusal -> refusal.reason().forceOverrides());
        if (force && overridable) {
            warnings.add("forced (" + reason.orElseThrow() + "): " + refusals.stream()
                    .map(Refusal::message).collect(Collectors.joining("; ")));
            return new RetentionDecision.Lower(topic, key, from, to, refusals, warnings);
        }
        List<Refusal> explained = refusals.stream()
                .map(r -> r.reason().forceOverrides() ? new Refusal(r.reason(), r.message() + FORCE_HINT) : r)
                .toList();
        return new RetentionDecision.Refused(topic, key, from, to, explained, warnings);
    }

    private List<Refusal> checkUnread(GuardInput input, Duration requested) {
        if (input.unread().isEmpty()) {
            return List.of(new Refusal(Refusal.Reason.UNREAD_DATA_UNKNOWN, "no consumer positions are known for "
                    + input.topic() + ", so lowering to " + fmt(requested)
                    + " cannot be checked against unread records"));
        }
        UnreadData unread = input.unread().get();
        List<Refusal> refusals = new ArrayList<>();
        if (!unread.known()) {
            refusals.add(new Refusal(Refusal.Reason.UNREAD_DATA_UNKNOWN, "not every consumer position on "
                    + input.topic() + " is known, so lowering to " + fmt(requested) + " cannot be checked against"
                    + " unread records: " + unread.unknown().stream().limit(MAX_LISTED_PARTITIONS)
                    .collect(Collectors.joining("; ")) + (unread.unknown().size() > MAX_LISTED_PARTITIONS
                    ? "; ..." : "")));
        }
        List<Integer> atRisk = unread.partitionsAtRisk(requested, settings.unreadMargin());
        if (atRisk.isEmpty()) {
            return refusals;
        }
        String listed = atRisk.stream().limit(MAX_LISTED_PARTITIONS).map(String::valueOf)
                .collect(Collectors.joining(", ")) + (atRisk.size() > MAX_LISTED_PARTITIONS ? ", ..." : "");
        int oldestPartition = unread.oldestUnreadAgeByPartition().entrySet().stream()
                .max(java.util.Map.Entry.comparingByValue()).orElseThrow().getKey();
        String behind = Optional.ofNullable(unread.behindByPartition().get(oldestPartition))
                .map(who -> " (partition " + oldestPartition + ": " + who + ")").orElse("");
        refusals.add(new Refusal(Refusal.Reason.BELOW_UNREAD_DATA, "oldest unread record is "
                + fmt(unread.oldest().orElseThrow()) + " old" + behind + "; lowering to "
                + fmt(requested) + " would delete unread data in " + atRisk.size()
                + (atRisk.size() == 1 ? " partition" : " partitions") + " (" + listed + "); margin "
                + fmt(settings.unreadMargin())));
        return refusals;
    }

    private Optional<Refusal> checkDiskBudget(GuardInput input, Duration requested, List<String> warnings) {
        if (settings.diskBudgetBytes().isEmpty()) {
            return Optional.empty();
        }
        long budget = settings.diskBudgetBytes().getAsLong();
        if (input.ingestBytesPerSecond().isEmpty()) {
            warnings.add("disk use not estimated: no ingest figure for " + input.topic());
            return Optional.empty();
        }
        double ingest = input.ingestBytesPerSecond().getAsDouble();
        double estimate = ingest * requested.toMillis() / 1000.0;
        String figures = "estimated disk use " + bytes(estimate) + " (" + bytes(ingest) + "/s x " + fmt(requested)
                + ")";
        if (estimate > budget) {
            return Optional.of(new Refusal(Refusal.Reason.ABOVE_DISK_BUDGET, figures + " is above the budget of "
                    + bytes((double) budget) + " (" + RetentionSettings.DISK_BUDGET_BYTES + ")"));
        }
        if (estimate > settings.diskWarnShare().doubleValue() * budget) {
            warnings.add(figures + " is " + Math.round(100 * estimate / budget) + "% of the budget of "
                    + bytes((double) budget));
        }
        return Optional.empty();
    }

    private static String fmt(Duration duration) {
        return HumanDuration.format(duration);
    }

    static String bytes(double bytes) {
        if (bytes == RetentionDuration.UNLIMITED) {
            return "unlimited";
        }
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        int unit = 0;
        double value = bytes;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? BigDecimal.valueOf(Math.round(value)).toPlainString() + " B"
                : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
