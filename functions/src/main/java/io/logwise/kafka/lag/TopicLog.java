package io.logwise.kafka.lag;

import java.util.List;

/**
 * One managed topic as the brokers describe it: one {@link PartitionLog} per partition (index = partition number).
 *
 * @param retentionMs its effective retention.ms, null when it could not be read
 * @param problem     why the topic itself could not be described (then {@code partitions} is empty), else null
 */
public record TopicLog(String topic, Long retentionMs, List<PartitionLog> partitions, String problem) {

    public TopicLog {
        partitions = List.copyOf(partitions);
    }

    public static TopicLog undescribed(String topic, String problem) {
        return new TopicLog(topic, null, List.of(), problem);
    }

    public int unreadablePartitions() {
        return (int) partitions.stream().filter(PartitionLog.Unreadable.class::isInstance).count();
    }

    public boolean described() {
        return problem == null;
    }
}
