package io.logwise.kafka.state.kafka;

import io.logwise.kafka.state.StatePart;
import java.util.Map;
import java.util.Optional;

/**
 * The state topic as found on the cluster, and the layout the project gives it: partition 0 holds the journal
 * (decisions and retention extensions, in one total order), partition 1 the scan snapshots. A topic with a single
 * partition (made by hand) holds both in partition 0; partitions beyond 1 are not used.
 *
 * @param createdNow true when this invocation had to create the topic: any journal, extension or cooldown recorded
 *                   before (if the topic was deleted) is gone, and the function's output must say so
 */
public record StateTopic(String name, int partitions, boolean createdNow) {

    /** The line a function adds to its output (and logs) when it had to create the state topic. */
    public static final String CREATED_NOTICE = "the state topic %s did not exist and was created empty: if LogWise"
            + " ran before (the topic was deleted), its decision journal, pending retention extensions and"
            + " scaling cooldowns are lost; check for extended topics by hand";

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

    /** A state topic that existed before this invocation. */
    public StateTopic(String name, int partitions) {
        this(name, partitions, false);
    }

    /** The notice for the output when the topic was created by this invocation, else empty. */
    public Optional<String> creationNotice() {
        return createdNow ? Optional.of(String.format(CREATED_NOTICE, name)) : Optional.empty();
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
