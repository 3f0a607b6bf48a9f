package io.logwise.kafka.history;

import io.logwise.kafka.lag.LagEvaluator;
import io.logwise.kafka.lag.PartitionLog;
import io.logwise.kafka.lag.TopicLog;
import io.logwise.kafka.scan.AddedPartitions;
import io.logwise.kafka.scan.ConsumerSummary;
import io.logwise.kafka.scan.ScanResult;
import io.logwise.kafka.scan.TopicSummary;
import io.logwise.kafka.scan.Verdict;
import io.logwise.kafka.state.ConsumerKey;
import io.logwise.kafka.state.ScanSnapshot;
import io.logwise.kafka.state.TopicOffsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Do consumers read the partitions added to their topics? Partitions are new when the scan history shows the topic's
 * partition count grow from one snapshot to the next, or the decision journal recorded their increase. A consumer that
 * has positions on the older partitions but, more than {@code graceScans} scans after the increase, none on a new one
 * is NEW_PARTITIONS_UNREAD: a static assignment (a plain consumer's or Spark's {@code assign}) never picks new
 * partitions up. A group whose first position on a new partition is past its start (a new partition starts empty, at
 * offset 0) is reported as having possibly skipped the records before it, as a group resetting to {@code latest} does.
 * Pure: the verdicts, counts and actions of the result are recomputed.
 */
public final class NewPartitionCheck {

    /** Kafka creates added partitions empty: their log starts at offset 0. */
    private static final long START_OF_A_NEW_PARTITION = 0;

    private final int graceScans;

    public NewPartitionCheck(int graceScans) {
        if (graceScans < 0) {
            throw new IllegalArgumentException("grace scans must be 0 or more, was " + graceScans);
        }
        this.graceScans = graceScans;
    }

    /**
     * @param result  the scan's result (enriched or not)
     * @param history snapshots, ending with this scan's own
     * @param logs    this scan's logs (for the records retained on unread partitions)
     */
    public ScanResult apply(ScanResult result, List<ScanSnapshot> history, List<TopicLog> logs) {
        return apply(result, history, logs, List.of());
    }

    /**
     * @param journaled increases the decision journal recorded: known for as long as the journal keeps them, where
     *                  the history shows only the increases between two kept snapshots
     */
    public ScanResult apply(ScanResult result, List<ScanSnapshot> history, List<TopicLog> logs,
                            List<PartitionIncrease> journaled) {
        List<ScanSnapshot> ordered = history.stream().sorted(Comparator.comparing(ScanSnapshot::time)).toList();
        Map<String, TopicLog> logsByTopic = logs.stream()
                .collect(Collectors.toMap(TopicLog::topic, Function.identity(), (a, b) -> a));
        List<TopicSummary> topics = new ArrayList<>(result.topics().size());
        boolean changed = false;
        for (TopicSummary topic : result.topics()) {
            TopicSummary checked = check(topic, ordered, logsByTopic.get(topic.topic()), journaled);
            changed |= !checked.equals(topic);
            topics.add(checked);
        }
        if (!changed) {
            return result;
        }
        return result.toBuilder().topics(topics).verdictCounts(ScanResult.countVerdicts(topics)).build();
    }

    /**
     * Per new partition, the index of the first snapshot that showed it: where the partition count grew, or the first
     * snapshot at or after a journaled increase (0 when the increase is older than every kept snapshot). A partition
     * present in the oldest snapshot that shows the topic and not journaled is old: when it was added is not known.
     */
    static Map<Integer, Integer> firstSeen(String topic, List<ScanSnapshot> history,
                                           List<PartitionIncrease> journaled) {
        Map<Integer, Integer> firstSeen = new TreeMap<>();
        for (PartitionIncrease increase : journaled) {
            if (!increase.topic().equals(topic)) {
                continue;
            }
            int index = 0;
            while (index < history.size() && history.get(index).time().isBefore(increase.at())) {
                index++;
            }
            for (int p = increase.from(); p < increase.to() && index < history.size(); p++) {
                firstSeen.merge(p, index, Math::min);
            }
        }
        int previousCount = -1;
        for (int i = 0; i < history.size(); i++) {
            TopicOffsets offsets = history.get(i).topics().get(topic);
            if (offsets == null) {
                continue;
            }
            if (previousCount >= 0) {
                for (int p = previousCount; p < offsets.partitions(); p++) {
                    firstSeen.merge(p, i, Math::min);
                }
            }
            previousCount = offsets.partitions();
        }
        return firstSeen;
    }

    private TopicSummary check(TopicSummary topic, List<ScanSnapshot> history, TopicLog log,
                               List<PartitionIncrease> journaled) {
        if (!topic.measuredCompletely() || topic.consumers() == null || topic.consumers().isEmpty()
                || log == null || history.isEmpty()) {
            return topic;
        }
        TopicOffsets current = history.get(history.size() - 1).topics().get(topic.topic());
        Map<Integer, Integer> firstSeen = firstSeen(topic.topic(), history, journaled);
        if (current == null || current.partitions() != topic.partitions() || firstSeen.isEmpty()) {
            return topic;
        }
        List<ConsumerSummary> consumers = new ArrayList<>(topic.consumers().size());
        boolean changed = false;
        for (ConsumerSummary consumer : topic.consumers()) {
            ConsumerSummary checked = check(consumer, topic.topic(), history, firstSeen, log);
            changed |= !checked.equals(consumer);
            consumers.add(checked);
        }
        if (!changed) {
            return topic;
        }
        List<ConsumerSummary> sorted = consumers.stream().sorted(LagEvaluator.SEVERITY).toList();
        return topic.withConsumers(Verdict.worst(topic.verdict(), sorted.get(0).verdict()), sorted);
    }

    private ConsumerSummary check(ConsumerSummary consumer, String topic, List<ScanSnapshot> history,
                                  Map<Integer, Integer> firstSeen, TopicLog log) {
        TopicOffsets current = history.get(history.size() - 1).topics().get(topic);
        ConsumerKey key = ScanSnapshots.keyOf(consumer.source(), consumer.consumer());
        boolean readsOlderPartitions = false;
        for (int p = 0; p < current.partitions(); p++) {
            readsOlderPartitions |= !firstSeen.containsKey(p)
                    && position(current, key, p) != TopicOffsets.UNKNOWN;
        }
        if (consumer.verdict() == Verdict.UNKNOWN || !readsOlderPartitions) {
            return consumer;
        }
        int newest = history.size() - 1;
        List<Integer> unread = new ArrayList<>();
        long waiting = 0;
        List<Integer> skipped = new ArrayList<>();
        long skippedRecords = 0;
        for (Map.Entry<Integer, Integer> added : firstSeen.entrySet()) {
            int partition = added.getKey();
            if (partition >= current.partitions()) {
                continue;
            }
            int scansSinceAdded = newest - added.getValue();
            if (position(current, key, partition) == TopicOffsets.UNKNOWN) {
                // An empty partition holds nothing unread: a consumer that commits only what it polled has no
                // position there yet, and nothing is lost by it.
                if (scansSinceAdded > graceScans && log.partitions().get(partition) instanceof PartitionLog.Range r
                        && r.end() > r.start()) {
                    unread.add(partition);
                    waiting += r.end() - r.start();
                }
            } else if (LagEvaluator.GROUP_SOURCE.equals(consumer.source()) && added.getValue() > 0) {
                // Only an increase between two kept snapshots shows where the group started: for an older one the
                // oldest kept position may be far past its first.
                long first = firstPosition(key, topic, partition, history, added.getValue());
                if (first > START_OF_A_NEW_PARTITION) {
                    skipped.add(partition);
                    skippedRecords += first - START_OF_A_NEW_PARTITION;
                }
            }
        }
        if (unread.isEmpty() && skipped.isEmpty()) {
            return consumer;
        }
        Verdict verdict = unread.isEmpty() ? consumer.verdict()
                : Verdict.worst(consumer.verdict(), Verdict.NEW_PARTITIONS_UNREAD);
        return consumer.withAddedPartitions(verdict, new AddedPartitions(unread, waiting, skipped, skippedRecords));
    }

    /** The consumer's position, or (in a snapshot stored before kinds were recorded) its name's. */
    private static long position(TopicOffsets offsets, ConsumerKey consumer, int partition) {
        long position = offsets.position(consumer, partition);
        return position != TopicOffsets.UNKNOWN ? position
                : offsets.position(ConsumerKey.unrecorded(consumer.name()), partition);
    }

    /** The consumer's position on the partition in the first snapshot, from {@code from} on, that has one. */
    private static long firstPosition(ConsumerKey consumer, String topic, int partition, List<ScanSnapshot> history,
                                      int from) {
        for (int i = from; i < history.size(); i++) {
            TopicOffsets offsets = history.get(i).topics().get(topic);
            if (offsets != null && partition < offsets.partitions()) {
                long position = position(offsets, consumer, partition);
                if (position != TopicOffsets.UNKNOWN) {
                    return position;
                }
            }
        }
        return TopicOffsets.UNKNOWN;
    }
}
