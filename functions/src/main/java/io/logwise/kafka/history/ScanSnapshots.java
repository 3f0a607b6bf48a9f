package io.logwise.kafka.history;

import io.logwise.kafka.lag.ConsumerPositions;
import io.logwise.kafka.lag.LagEvaluator;
import io.logwise.kafka.lag.PartitionLog;
import io.logwise.kafka.lag.PositionsReading;
import io.logwise.kafka.lag.TopicLog;
import io.logwise.kafka.state.ConsumerKey;
import io.logwise.kafka.state.ScanSnapshot;
import io.logwise.kafka.state.TopicOffsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The compact snapshot of one scan: per described topic, each partition's end offset and each consumer's position. */
public final class ScanSnapshots {

    private ScanSnapshots() {
    }

    /**
     * Unreadable partitions and partitions a consumer has no position on are stored as {@link TopicOffsets#UNKNOWN};
     * a consumer with no position at all on a topic is left out of that topic.
     */
    public static ScanSnapshot of(String scanId, Instant time, List<TopicLog> logs, PositionsReading positions) {
        // Each consumer's key made and sorted once, not per topic (2,000 topics x 50 consumers in a large scan).
        TreeMap<ConsumerKey, ConsumerPositions.Read> byKey = new TreeMap<>();
        for (ConsumerPositions consumer : positions.consumers()) {
            if (consumer instanceof ConsumerPositions.Read read) {
                byKey.put(keyOf(read.source(), read.consumer()), read);
            }
        }
        List<ConsumerKey> keys = List.copyOf(byKey.keySet());
        List<ConsumerPositions.Read> reads = List.copyOf(byKey.values());
        Map<String, TopicOffsets> topics = new HashMap<>();
        for (TopicLog log : logs) {
            if (!log.described()) {
                continue;
            }
            int partitions = log.partitions().size();
            long[] ends = new long[partitions];
            for (int p = 0; p < partitions; p++) {
                ends[p] = log.partitions().get(p) instanceof PartitionLog.Range range ? range.end()
                        : TopicOffsets.UNKNOWN;
            }
            List<ConsumerKey> present = new ArrayList<>();
            long[] rows = new long[reads.size() * partitions];
            Arrays.fill(rows, TopicOffsets.UNKNOWN);
            for (int c = 0; c < reads.size(); c++) {
                long[] committed = reads.get(c).committed().get(log.topic());
                if (ConsumerPositions.Read.anyCommitted(committed)) {
                    System.arraycopy(committed, 0, rows, present.size() * partitions,
                            Math.min(partitions, committed.length));
                    present.add(keys.get(c));
                }
            }
            topics.put(log.topic(), TopicOffsets.ofSorted(ends, present,
                    Arrays.copyOf(rows, present.size() * partitions)));
        }
        return new ScanSnapshot(scanId, time, topics);
    }

    /** @param source a consumer's {@code source}: {@code group} or {@code spark-checkpoint} */
    public static ConsumerKey keyOf(String source, String consumer) {
        return switch (source) {
            case LagEvaluator.GROUP_SOURCE -> ConsumerKey.group(consumer);
            case LagEvaluator.CHECKPOINT_SOURCE -> ConsumerKey.sparkCheckpoint(consumer);
            default -> throw new IllegalArgumentException("unknown consumer source '" + source + "'");
        };
    }
}
