package io.logwise.kafka.scan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What one consumer does with the partitions added to its topic (by the partition scaler, the provisioner or by
 * hand) while it already read the older ones.
 *
 * @param unreadPartitions       added more than the grace scans ago, and still without a position of this consumer
 * @param waitingRecords         records retained on those partitions now (log end minus log start): read by nobody
 * @param skippedPartitions      partitions on which this group's first position was past the partition's start
 * @param possiblySkippedRecords the records before those first positions: written before the group started reading
 *                               there, so a group resetting to {@code latest} never read them (one that read from
 *                               the start between two scans did; a scan cannot tell them apart)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record AddedPartitions(List<Integer> unreadPartitions, long waitingRecords, List<Integer> skippedPartitions,
                            long possiblySkippedRecords) {

    /** An empty list is left out of the JSON, so it reads back as null. */
    public AddedPartitions {
        unreadPartitions = unreadPartitions == null ? List.of() : List.copyOf(unreadPartitions);
        skippedPartitions = skippedPartitions == null ? List.of() : List.copyOf(skippedPartitions);
    }

    public boolean unread() {
        return !unreadPartitions.isEmpty();
    }

    public boolean possiblySkipped() {
        return !skippedPartitions.isEmpty();
    }
}
