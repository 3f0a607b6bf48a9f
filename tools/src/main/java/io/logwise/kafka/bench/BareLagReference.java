package io.logwise.kafka.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The least a lag reading can do, as the reference of the scan benchmark: one listTopics, one listGroups, one
 * listConsumerGroupOffsets for every group, one listOffsets (latest) for the partitions of managed topics they commit
 * on, then the total lag. No JSON, no history, no metrics, no checks. Run in a fresh JVM with the function's JVM
 * flags; prints {@value #MARKER} and its figures as one line. See {@link LagScanBenchmark}.
 */
public final class BareLagReference {

    static final String MARKER = "REFERENCE ";

    private BareLagReference() {
    }

    public static void main(String[] args) throws Exception {
        String prefix = args.length > 0 ? args[0] : "logs.";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                System.getenv("KAFKA_BOOTSTRAP_SERVERS")))) {
            Set<String> topics = admin.listTopics().names().get().stream().filter(name -> name.startsWith(prefix))
                    .collect(Collectors.toSet());
            Map<String, ListConsumerGroupOffsetsSpec> groups = new HashMap<>();
            for (GroupListing group : admin.listGroups().all().get()) {
                groups.put(group.groupId(), new ListConsumerGroupOffsetsSpec());
            }
            Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = groups.isEmpty() ? Map.of()
                    : admin.listConsumerGroupOffsets(groups).all().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.values().forEach(offsets -> offsets.keySet().stream()
                    .filter(partition -> topics.contains(partition.topic()))
                    .forEach(partition -> latest.put(partition, OffsetSpec.latest())));
            Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
            long lag = 0;
            long rows = 0;
            for (Map<TopicPartition, OffsetAndMetadata> offsets : committed.values()) {
                for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : offsets.entrySet()) {
                    ListOffsetsResultInfo end = ends.get(entry.getKey());
                    if (end != null && entry.getValue() != null) {
                        lag += Math.max(0, end.offset() - entry.getValue().offset());
                        rows++;
                    }
                }
            }
            System.out.printf("%s{\"topics\":%d,\"groups\":%d,\"rows\":%d,\"lag\":%d}%n", MARKER, topics.size(),
                    groups.size(), rows, lag);
        }
    }
}
