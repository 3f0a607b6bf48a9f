package io.logwise.kafka.handler;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.client.KafkaClients;
import io.logwise.kafka.error.InvalidRequestException;
import io.logwise.kafka.json.Json;
import io.logwise.kafka.lag.LagScannerSettings;
import io.logwise.kafka.lag.ResultCompactor;
import io.logwise.kafka.lag.ScanRequest;
import io.logwise.kafka.metrics.EmfOutput;
import io.logwise.kafka.metrics.LagMetrics;
import io.logwise.kafka.scan.ScanResult;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code lag-scanner}: a schedule tick scans every managed topic; a bare request
 * {@code {"topics": [...], "groups": [...]}} (a direct invocation) narrows the scan. Returns the compacted scan result,
 * which the on-success destination delivers to the partition scaler and the retention updater; writes EMF metrics.
 * No bus request reaches it: a narrowed scan must not be handed to the functions that act on scans as if it were whole.
 */
public final class LagScannerHandler extends JsonHandler {

    private static final Logger LOG = LoggerFactory.getLogger(LagScannerHandler.class);

    private final Supplier<Wiring.Scanner> scanner;

    /** Lambda's constructor: configuration and clients are read on the first invocation, never at class load. */
    public LagScannerHandler() {
        this(null, new Once<>(() -> Wiring.Scanner.fromEnv(System.getenv(), null, Clock.systemUTC())));
    }

    /** For tests: given settings and clients; Kafka groups only, no scan history. */
    public LagScannerHandler(LagScannerSettings settings, KafkaClients clients, EmfOutput emf) {
        this(clients, new Once<>(() -> Wiring.Scanner.of(settings, emf)));
    }

    /** For tests and local tools: everything from {@code environment} (checkpoints, history) but the clients. */
    public LagScannerHandler(Map<String, String> environment, KafkaClients clients, EmfOutput emf) {
        this(environment, clients, emf, Clock.systemUTC());
    }

    /** As above, with the clock that dates each scan. */
    public LagScannerHandler(Map<String, String> environment, KafkaClients clients, EmfOutput emf, Clock clock) {
        this(clients, new Once<>(() -> Wiring.Scanner.fromEnv(Map.copyOf(environment), emf, clock)));
    }

    private LagScannerHandler(KafkaClients clients, Supplier<Wiring.Scanner> scanner) {
        super("scanning consumer lag", clients, ScanResult.class);
        this.scanner = scanner;
    }

    @Override
    protected Work prepare(JsonNode event) {
        ScanRequest request = requestOf(IncomingEvent.from(event));
        Wiring.Scanner scanner = this.scanner.get();
        return kafka -> {
            ScanResult full = scanner.pipeline().scan(kafka.clients(), kafka.deadline(), request);
            scanner.emf().write(LagMetrics.documents(full, scanner.maxTopicSeries(),
                    scanner.pipeline().settings().maxConsumerSeries()));
            LOG.info("lag scan {}: {} topics, {} partitions in {} ms, partial={}, verdicts {}, {} problems",
                    full.scanId(), full.topicCount(), full.partitionCount(), full.durationMs(), full.partial(),
                    full.verdictCounts(), full.problems().size());
            full.problems().forEach(problem -> LOG.warn("lag scan {}: {}", full.scanId(), problem));
            return new ResultCompactor(Json.MAPPER, ResultCompactor.DEFAULT_MAX_BYTES).compact(full);
        };
    }

    static ScanRequest requestOf(IncomingEvent incoming) {
        return switch (incoming.kind()) {
            case SCHEDULED -> ScanRequest.FULL;
            case REQUEST -> ScanRequest.parse(requireBare(incoming).body());
            case SCAN_RESULT -> throw new InvalidRequestException("the lag scanner produces scan results and does not"
                    + " take one; send a schedule tick or {\"topics\": [...], \"groups\": [...]}");
        };
    }

    private static IncomingEvent requireBare(IncomingEvent incoming) {
        if (incoming.detailType() != null) {
            throw new InvalidRequestException("detail-type '" + incoming.detailType() + "' is not for lag-scanner,"
                    + " which takes no bus requests; invoke it directly with {\"topics\": [...], \"groups\": [...]}");
        }
        return incoming;
    }
}
