package io.logwise.kafka.lag;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who has read what on a set of topics, measured in one invocation: each partition's log range, every consumer's
 * position on it (Kafka groups and Spark checkpoints alike) and, where records are unread, the timestamp of the record
 * at the position. What could not be measured is named in {@code unknown}; it is never taken for "read".
 *
 * @param topics   per topic asked for (a topic that does not exist is absent)
 * @param problems notes on what could not be read, for the output
 */
public record UnreadReading(Map<String, TopicUnread> topics, List<String> problems) {

    public UnreadReading {
        topics = Map.copyOf(topics);
        problems = List.copyOf(problems);
    }

    /**
     * @param unknown why the positions on the whole topic are not known (an unreadable checkpoint, a group listing
     *                that missed a broker, an expected consumer without a position); empty when every position is
     *                known
     */
    public record TopicUnread(String topic, List<PartitionUnread> partitions, List<String> unknown) {

        public TopicUnread {
            partitions = List.copyOf(partitions);
            unknown = List.copyOf(unknown);
        }

        /** True when some consumer reads the topic (a position is known on some partition). */
        public boolean hasReaders() {
            return partitions.stream().anyMatch(p -> !p.positions().isEmpty());
        }
    }

    /**
     * @param logStart  the log start offset (older records are deleted), or -1 when the log was not read
     * @param logEnd    the log end offset (high watermark), or -1 when the log was not read
     * @param positions every consumer reading the topic, its position on this partition
     * @param unknown   why this partition's unread records are not known (log not read, timestamp not fetched), or
     *                  null
     */
    public record PartitionUnread(int partition, long logStart, long logEnd, List<Position> positions,
                                  String unknown) {

        public PartitionUnread {
            positions = List.copyOf(positions);
        }

        /** The position furthest behind among those with unread records: the oldest unread record by offset. */
        public Optional<Position> oldestUnread() {
            return positions.stream().filter(p -> p.offset() < logEnd)
                    .min(java.util.Comparator.comparingLong(Position::offset));
        }
    }

    /**
     * One consumer on one partition.
     *
     * @param offset            the next offset it reads (a committed offset, a checkpoint's committed batch end, or
     *                          the log start when it has no position on a partition of a topic it reads), never below
     *                          the log start
     * @param recordTimestampMs the timestamp of the record at {@code offset} when it is unread and was fetched, else
     *                          null
     * @param timestampType     CreateTime or LogAppendTime (the topic's {@code message.timestamp.type}), or null
     */
    public record Position(String consumer, String source, long offset, Long recordTimestampMs,
                           String timestampType) {
    }
}
