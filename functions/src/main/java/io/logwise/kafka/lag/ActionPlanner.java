package io.logwise.kafka.lag;

import io.logwise.kafka.scan.AddedPartitions;
import io.logwise.kafka.scan.ConsumerSummary;
import io.logwise.kafka.scan.ScanResult;
import io.logwise.kafka.scan.TopicSummary;
import io.logwise.kafka.scan.Verdict;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The actionable items of a scan: at most one action per topic and kind, from measured facts only. An UNKNOWN
 * topic gets none: downstream must not act on what was not measured.
 */
public final class ActionPlanner {

    private static final int CONSUMERS_PER_REASON = 2;

    private ActionPlanner() {
    }

    /** The actions of every topic the result holds, in the result's order. */
    public static List<Action> actionsFor(ScanResult result) {
        return result.topics().stream().flatMap(topic -> actionsFor(topic).stream()).toList();
    }

    public static List<Action> actionsFor(TopicSummary topic) {
        if (topic.verdict() == Verdict.UNKNOWN) {
            return List.of();
        }
        if (topic.consumers() == null || topic.consumers().isEmpty()) {
            return topic.verdict() == Verdict.NO_CONSUMER
                    ? List.of(new Action(topic.topic(), Action.Kind.INVESTIGATE,
                            "nobody reads this topic: no consumer group has committed offsets on it"))
                    : List.of();
        }
        Map<Action.Kind, List<Supplier<String>>> reasons = new EnumMap<>(Action.Kind.class);
        // More partitions would go unread too while a consumer does not read the ones added before.
        boolean addedPartitionsUnread = topic.consumers().stream().anyMatch(ActionPlanner::leavesAddedPartitionsUnread);
        for (ConsumerSummary consumer : topic.consumers()) {
            if (consumer.lostRecords() > 0) {
                add(reasons, Action.Kind.PROTECT_RETENTION, () -> consumer.consumer() + ": " + consumer.lostRecords()
                        + " records deleted by retention before they were read");
            }
            if (consumer.verdict() == Verdict.AT_RISK) {
                add(reasons, Action.Kind.PROTECT_RETENTION, () -> consumer.consumer() + ": time lag "
                        + seconds(consumer.timeLagSeconds()) + " s is a large share of retention.ms "
                        + topic.retentionMs() + ": unread records will be deleted unless retention grows or the"
                        + " consumer catches up");
            }
            boolean measuredLagging = consumer.verdict() == Verdict.LAGGING || consumer.verdict() == Verdict.DATA_LOST;
            if (measuredLagging && consumer.laggingPartitions() > 0 && !addedPartitionsUnread) {
                add(reasons, Action.Kind.SCALE, () -> consumer.consumer() + ": " + consumer.laggingPartitions()
                        + " of " + topic.partitions() + " partitions over " + topic.maxLagPerPartition()
                        + " (average lag " + consumer.avgLagOfLaggingPartitions() + ")");
            }
            if (consumer.verdict() == Verdict.STALLED) {
                add(reasons, Action.Kind.INVESTIGATE, () -> consumer.consumer() + ": position unchanged over the"
                        + " recent scans while its lag is " + consumer.lag());
            } else if (consumer.verdict() == Verdict.NO_CONSUMER) {
                add(reasons, Action.Kind.INVESTIGATE, () -> consumer.consumer() + ": expected consumer with no"
                        + " committed offset on any partition");
            } else if (leavesAddedPartitionsUnread(consumer)) {
                AddedPartitions found = consumer.addedPartitions();
                add(reasons, Action.Kind.INVESTIGATE, () -> consumer.consumer() + ": no position on partitions "
                        + found.unreadPartitions() + " added to the topic, where " + found.waitingRecords()
                        + " records wait that nobody reads (a static assignment, or Spark's assign, never picks new"
                        + " partitions up; subscribe does)");
            } else if (consumer.noCommitPartitions() > 0) {
                add(reasons, Action.Kind.INVESTIGATE, () -> consumer.consumer() + ": no committed offset on "
                        + consumer.noCommitPartitions() + " of " + topic.partitions() + " partitions");
            }
        }
        topic.consumers().stream().filter(c -> c.addedPartitions() != null && c.addedPartitions().possiblySkipped())
                .forEach(consumer -> add(reasons, Action.Kind.INVESTIGATE, () -> consumer.consumer()
                        + ": first position on the added partitions " + consumer.addedPartitions().skippedPartitions()
                        + " was past their start: " + consumer.addedPartitions().possiblySkippedRecords()
                        + " records written there before it started reading were possibly skipped"
                        + " (auto.offset.reset=latest)"));
        List<Action> actions = new ArrayList<>();
        reasons.forEach((kind, lines) -> actions.add(new Action(topic.topic(), kind, join(lines))));
        return actions;
    }

    private static boolean leavesAddedPartitionsUnread(ConsumerSummary consumer) {
        return consumer.addedPartitions() != null && consumer.addedPartitions().unread();
    }

    private static String seconds(Double value) {
        return value == null ? "unknown" : Long.toString(Math.round(value));
    }

    private static void add(Map<Action.Kind, List<Supplier<String>>> reasons, Action.Kind kind,
                            Supplier<String> reason) {
        reasons.computeIfAbsent(kind, k -> new ArrayList<>()).add(reason);
    }

    /** The first consumers' reasons in full, the rest counted: only the lines shown are ever built. */
    private static String join(List<Supplier<String>> lines) {
        StringBuilder reason = new StringBuilder();
        for (int i = 0; i < Math.min(CONSUMERS_PER_REASON, lines.size()); i++) {
            reason.append(i > 0 ? "; " : "").append(lines.get(i).get());
        }
        if (lines.size() > CONSUMERS_PER_REASON) {
            reason.append("; and ").append(lines.size() - CONSUMERS_PER_REASON).append(" more consumers");
        }
        return reason.toString();
    }
}
