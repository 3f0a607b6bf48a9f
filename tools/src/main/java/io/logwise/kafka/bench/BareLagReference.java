package io.logwise.kafka.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The least a lag reading can do, as the reference of the scan benchmark: one listTopics, one listGroups, one
 * listConsumerGroupOffsets for every group, one listOffsets (latest) for the partitions of managed topics they commit
 * on, then the total lag. No JSON, no history, no metrics, no checks. Run in a fresh JVM with the function's JVM
 * flags; prints {@value #MARKER} and its figures as one line. See {@link LagScanBenchmark}.
 *
 * <p>With {@value #SCAN_CALLS} it also makes the other Kafka calls the scan's verdicts need, still bare: describeTopics
 * (every partition, committed on or not, and its leader), describeConfigs (retention.ms, for AT_RISK) and listOffsets
 * earliest (the log start, for DATA_LOST). That is the floor of any scan that gives the same verdicts.
 */
public final class BareLagReference {

    static final String MARKER = "REFERENCE ";
    static final String SCAN_CALLS = "--scan-calls";

    private BareLagReference() {
    }

    public static void main(String[] args) throws Exception {
        boolean scanCalls = args.length > 0 && args[0].equals(SCAN_CALLS);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                System.getenv("KAFKA_BOOTSTRAP_SERVERS")))) {
            Set<String> topics = admin.listTopics().names().get().stream().filter(name -> name.startsWith("logs."))
                    .collect(Collectors.toSet());
            Map<String, ListConsumerGroupOffsetsSpec> groups = new HashMap<>();
            for (GroupListing group : admin.listGroups().all().get()) {
                groups.put(group.groupId(), new ListConsumerGroupOffsetsSpec());
            }
            KafkaFuture<Map<ConfigResource, Config>> configs = null;
            KafkaFuture<Map<String, TopicDescription>> descriptions = null;
            if (scanCalls) { // issued together with the committed offsets, as the scan reads them alongside
                List<ConfigResource> resources = new ArrayList<>();
                topics.forEach(topic -> resources.add(new ConfigResource(ConfigResource.Type.TOPIC, topic)));
                configs = admin.describeConfigs(resources).all();
                descriptions = admin.describeTopics(topics).allTopicNames();
            }
            Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = groups.isEmpty() ? Map.of()
                    : admin.listConsumerGroupOffsets(groups).all().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.values().forEach(offsets -> offsets.keySet().stream()
                    .filter(partition -> topics.contains(partition.topic()))
                    .forEach(partition -> latest.put(partition, OffsetSpec.latest())));
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            if (scanCalls) {
                descriptions.get().values().forEach(description -> description.partitions().forEach(partition -> {
                    TopicPartition tp = new TopicPartition(description.name(), partition.partition());
                    earliest.put(tp, OffsetSpec.earliest());
                    latest.put(tp, OffsetSpec.latest());
                }));
            }
            KafkaFuture<Map<TopicPartition, ListOffsetsResultInfo>> starts = earliest.isEmpty() ? null
                    : admin.listOffsets(earliest).all();
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
            String scanFigures = "";
            if (scanCalls) {
                long retained = 0;
                for (Map.Entry<TopicPartition, ListOffsetsResultInfo> start : starts.get().entrySet()) {
                    retained += ends.get(start.getKey()).offset() - start.getValue().offset();
                }
                long withRetention = configs.get().values().stream()
                        .filter(config -> config.get(TopicConfig.RETENTION_MS_CONFIG) != null).count();
                scanFigures = String.format(",\"partitions\":%d,\"retainedRecords\":%d,\"retentionRead\":%d",
                        earliest.size(), retained, withRetention);
            }
            System.out.printf("%s{\"topics\":%d,\"groups\":%d,\"rows\":%d,\"lag\":%d%s}%n", MARKER,
                    topics.size(), groups.size(), rows, lag, scanFigures);
        }
    }
}
