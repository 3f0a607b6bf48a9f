package io.logwise.kafka.gateway;

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
public record StateTopic(String name, int partitions, boolean createdNow, String compressionType) {

    /** The line a function adds to its output (and logs) when it had to create the state topic. */
    public static final String CREATED_NOTICE = "the state topic %s did not exist and was created empty: if LogWise"
            + " ran before (the topic was deleted), its decision journal, pending retention extensions and"
            + " scaling cooldowns are lost; check for extended topics by hand";

    public static final int PARTITIONS = 2;
    /** The largest record (key + value, before compression) the store writes; the topic accepts this much. */
    public static final int MAX_MESSAGE_BYTES = 8 * 1024 * 1024;
    /** Compaction only cleans closed segments: roll at least every 15 minutes so old snapshots go soon. */
    static final long SEGMENT_MS = 15 * 60 * 1000L;

    /**
     * Kafka stores what producers send as they compressed it unless the topic says otherwise; a record a few KiB
     * compressed can expand to gigabytes, and a consumer decompresses a whole record before any size check can skip
     * it. With {@code uncompressed} the broker decompresses on write and refuses a record larger than
     * max.message.bytes once expanded. The store's own writes are never compressed.
     */
    public static final String COMPRESSION_TYPE = "uncompressed";

    public StateTopic {
        if (partitions < 1) {
            throw new IllegalArgumentException(name + ": no partitions");
        }
    }

    /** A state topic that existed before this invocation, with the configs the project gives it. */
    public StateTopic(String name, int partitions) {
        this(name, partitions, false);
    }

    public StateTopic(String name, int partitions, boolean createdNow) {
        this(name, partitions, createdNow, COMPRESSION_TYPE);
    }

    /**
     * Named in every reading's problems while the topic keeps records compressed as their producer sent them:
     * LogWise does not alter an existing state topic, the operator has to.
     */
    public Optional<String> compressionNotice() {
        return COMPRESSION_TYPE.equals(compressionType) ? Optional.empty() : Optional.of("the state topic " + name
                + " keeps records compressed as their producer sent them (compression.type=" + compressionType
                + "): a small compressed record can expand beyond what a function reads and be loaded whole"
                + " before it is skipped; set compression.type=" + COMPRESSION_TYPE + " on it (LogWise never"
                + " compresses its own records)");
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
     * broker loss, and records kept uncompressed ({@link #COMPRESSION_TYPE}).
     */
    static Map<String, String> creationConfigs(int replicationFactor) {
        return Map.of(
                "cleanup.policy", "compact",
                "min.insync.replicas", Integer.toString(Math.min(2, replicationFactor)),
                "unclean.leader.election.enable", "false",
                "max.message.bytes", Integer.toString(MAX_MESSAGE_BYTES),
                "compression.type", COMPRESSION_TYPE,
                "segment.ms", Long.toString(SEGMENT_MS),
                "min.compaction.lag.ms", "0",
                "delete.retention.ms", Long.toString(24 * 60 * 60 * 1000L));
    }
}
