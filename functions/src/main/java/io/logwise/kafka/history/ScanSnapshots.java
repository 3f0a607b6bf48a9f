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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The compact snapshot of one scan: per described topic, each partition's end offset and each consumer's position. */
public final class ScanSnapshots {

    private ScanSnapshots() {
    }

    /**
     * Unreadable partitions and partitions a consumer has no position on are stored as {@link TopicOffsets#UNKNOWN};
     * a consumer with no position at all on a topic is left out of that topic.
     */
    public static ScanSnapshot of(String scanId, Instant time, List<TopicLog> logs, PositionsReading positions) {
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
            Map<ConsumerKey, long[]> byConsumer = new HashMap<>();
            for (ConsumerPositions consumer : positions.consumers()) {
                if (consumer instanceof ConsumerPositions.Read read && read.hasCommitsOn(log.topic())) {
                    long[] committed = read.committed().get(log.topic());
                    long[] row = new long[partitions];
                    Arrays.fill(row, TopicOffsets.UNKNOWN);
                    System.arraycopy(committed, 0, row, 0, Math.min(partitions, committed.length));
                    byConsumer.put(keyOf(read.source(), read.consumer()), row);
                }
            }
            topics.put(log.topic(), TopicOffsets.of(ends, byConsumer));
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
