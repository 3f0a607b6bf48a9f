package io.logwise.kafka.admin;

import io.logwise.kafka.lag.ConsumerPositions;
import io.logwise.kafka.lag.ConsumerScope;
import io.logwise.kafka.lag.LagScannerSettings;
import io.logwise.kafka.lag.LagSource;
import io.logwise.kafka.lag.PositionsReading;
import io.logwise.kafka.lag.ScanAssembler;
import io.logwise.kafka.lag.ScanRequest;
import io.logwise.kafka.lag.TopicLog;
import io.logwise.kafka.scan.ScanResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One lag scan: the managed topics, the consumers' positions from every {@link LagSource}, then the log offsets.
 * Positions are read before log end offsets, so a consumer moving during the scan never shows negative lag. The
 * result is complete (every topic, every consumer); {@code ResultCompactor} makes it small enough for EventBridge.
 */
public final class LagScanService {

    private final LagKafkaGateway gateway;
    private final List<LagSource> sources;
    private final LagScannerSettings settings;
    private final Clock clock;

    /** @param sources where consumer positions come from; today the gateway itself (Kafka consumer groups) */
    public LagScanService(LagKafkaGateway gateway, List<LagSource> sources, LagScannerSettings settings, Clock clock) {
        this.gateway = gateway;
        this.sources = List.copyOf(sources);
        this.settings = settings;
        this.clock = clock;
    }

    public static LagScanService forKafkaGroups(LagKafkaGateway gateway, LagScannerSettings settings) {
        return new LagScanService(gateway, List.of(gateway), settings, Clock.systemUTC());
    }

    public ScanResult scan(ScanRequest request) {
        long started = System.nanoTime();
        List<String> problems = new ArrayList<>();
        Set<String> existing = gateway.managedTopics(settings.prefix());
        List<String> topics = topicsInScope(request, existing, problems);

        LagKafkaGateway.Described described = gateway.describe(topics);
        problems.addAll(described.problems());
        Map<String, Integer> partitionsByTopic = new LinkedHashMap<>();
        Set<String> expected = new LinkedHashSet<>();
        for (LagKafkaGateway.TopicLayout layout : described.topics()) {
            if (layout.problem() == null) {
                partitionsByTopic.put(layout.topic(), layout.partitions());
            }
            expected.addAll(settings.expectedConsumersOf(layout.topic()));
        }
        PositionsReading positions = readPositions(partitionsByTopic, new ConsumerScope(request.groups(), expected));
        List<TopicLog> logs = gateway.logs(described.topics());

        long durationMs = (System.nanoTime() - started) / 1_000_000;
        return new ScanAssembler(settings).result(UUID.randomUUID().toString(), clock.instant(), durationMs, logs,
                positions, problems, request.narrowed());
    }

    private List<String> topicsInScope(ScanRequest request, Set<String> existing, List<String> problems) {
        if (request.topics().isEmpty()) {
            return List.copyOf(existing);
        }
        List<String> topics = new ArrayList<>();
        for (String topic : request.topics().get()) {
            if (!settings.prefix().manages(topic)) {
                problems.add("topic " + topic + ": not scanned, outside the managed prefix '"
                        + settings.prefix().value() + "'");
            } else if (!existing.contains(topic)) {
                problems.add("topic " + topic + ": no such topic");
            } else {
                topics.add(topic);
            }
        }
        return topics;
    }

    private PositionsReading readPositions(Map<String, Integer> partitionsByTopic, ConsumerScope scope) {
        List<ConsumerPositions> consumers = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        boolean complete = true;
        for (LagSource source : sources) {
            PositionsReading reading = source.read(partitionsByTopic, scope);
            consumers.addAll(reading.consumers());
            problems.addAll(reading.problems());
            complete &= reading.complete();
        }
        return new PositionsReading(consumers, complete, problems);
    }
}
