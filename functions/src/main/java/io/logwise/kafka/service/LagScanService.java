package io.logwise.kafka.service;

import io.logwise.kafka.error.KafkaErrors;
import io.logwise.kafka.gateway.LagKafkaGateway;
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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One lag scan: the managed topics, the consumers' positions from every {@link LagSource}, then the log offsets.
 * Positions are read before log end offsets, so a consumer moving during the scan never shows negative lag. The
 * result is complete (every topic, every consumer); {@code ResultCompactor} makes it small enough for EventBridge.
 */
public final class LagScanService {

    private static final Logger LOG = LoggerFactory.getLogger(LagScanService.class);

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

    /**
     * Consumer positions are read on a second thread while the topics are listed and described (neither needs the
     * other); log offsets are read once both are done, so positions always predate end offsets.
     */
    public ScanResult scan(ScanRequest request) {
        return scanWithInputs(request).result();
    }

    /**
     * The scan result with what it was computed from: the per-partition logs and every consumer's positions, which
     * the scan history keeps (so history never re-reads Kafka).
     */
    public LagScan scanWithInputs(ScanRequest request) {
        long started = System.nanoTime();
        Predicate<String> inScope = request.topics().<Predicate<String>>map(names -> names::contains)
                .orElse(t -> true).and(settings.prefix()::manages);
        Set<String> expected = request.topics().map(this::expectedConsumersOf)
                .orElseGet(settings::allExpectedConsumers);
        ConsumerScope consumerScope = new ConsumerScope(request.groups(), expected);
        CompletableFuture<PositionsReading> positionsRead = CompletableFuture.supplyAsync(() -> {
            PositionsReading reading = readPositions(inScope, consumerScope);
            LOG.debug("consumer positions read in {} ms", millis(started, System.nanoTime()));
            return reading;
        }, task -> new Thread(task, "lag-positions").start());

        List<String> problems = new ArrayList<>();
        Set<String> existing = gateway.managedTopics(settings.prefix());
        List<String> topics = topicsInScope(request, existing, problems);
        long listed = System.nanoTime();
        LagKafkaGateway.Description description = gateway.describe(topics);
        List<LagKafkaGateway.TopicLayout> layouts = description.layouts();
        long describedAt = System.nanoTime();
        PositionsReading positions;
        try {
            positions = positionsRead.join();
        } catch (CompletionException e) {
            throw KafkaErrors.translate("reading consumer positions", e);
        }
        long positionsAt = System.nanoTime();
        List<TopicLog> logs = gateway.logs(description, layouts, problems);
        long offsetsAt = System.nanoTime();

        ScanResult result = new ScanAssembler(settings).result(UUID.randomUUID().toString(), clock.instant(),
                (offsetsAt - started) / 1_000_000, logs, positions, problems, request.narrowed());
        LOG.info("lag scan phases (ms): topics listed {}, described {}, then waited {} for consumer positions"
                        + " (read alongside), log offsets and retention {}, evaluation {}; {} consumers",
                millis(started, listed), millis(listed, describedAt), millis(describedAt, positionsAt),
                millis(positionsAt, offsetsAt), millis(offsetsAt, System.nanoTime()), positions.consumers().size());
        return new LagScan(result, logs, positions);
    }

    private Set<String> expectedConsumersOf(Set<String> topics) {
        Set<String> expected = new LinkedHashSet<>();
        topics.forEach(topic -> expected.addAll(settings.expectedConsumersOf(topic)));
        return expected;
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
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

    private PositionsReading readPositions(Predicate<String> topics, ConsumerScope scope) {
        List<ConsumerPositions> consumers = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        boolean complete = true;
        for (LagSource source : sources) {
            PositionsReading reading = source.read(topics, scope);
            consumers.addAll(reading.consumers());
            problems.addAll(reading.problems());
            complete &= reading.complete();
        }
        return new PositionsReading(consumers, complete, problems);
    }
}
