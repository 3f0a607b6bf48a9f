package io.logwise.kafka.state.kafka;

import io.logwise.kafka.state.StatePart;
import java.util.Map;

/**
 * The state topic as found on the cluster, and the layout the project gives it: partition 0 holds the journal
 * (decisions and retention extensions, in one total order), partition 1 the scan snapshots. A topic with a single
 * partition (made by hand) holds both in partition 0; partitions beyond 1 are not used.
 */
public record StateTopic(String name, int partitions) {

    public static final int PARTITIONS = 2;
    /** The largest record (key + value, before compression) the store writes; the topic accepts this much. */
    public static final int MAX_MESSAGE_BYTES = 8 * 1024 * 1024;
    /** Compaction only cleans closed segments: roll at least every 15 minutes so old snapshots go soon. */
    static final long SEGMENT_MS = 15 * 60 * 1000L;

    public StateTopic {
        if (partitions < 1) {
            throw new IllegalArgumentException(name + ": no partitions");
        }
    }

    public int partitionOf(StatePart part) {
        return part == StatePart.SNAPSHOTS && partitions > 1 ? 1 : 0;
    }

    /**
     * Configs of a new state topic: compacted (the latest value per key lives forever, tombstones remove), no unclean
     * leader election and min.insync.replicas 2 (when there are 2+ replicas) so an acknowledged decision survives a
     * broker loss.
     */
    static Map<String, String> creationConfigs(int replicationFactor) {
        return Map.of(
                "cleanup.policy", "compact",
                "min.insync.replicas", Integer.toString(Math.min(2, replicationFactor)),
                "unclean.leader.election.enable", "false",
                "max.message.bytes", Integer.toString(MAX_MESSAGE_BYTES),
                "segment.ms", Long.toString(SEGMENT_MS),
                "min.compaction.lag.ms", "0",
                "delete.retention.ms", Long.toString(24 * 60 * 60 * 1000L));
    }
}
