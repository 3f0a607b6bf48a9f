package io.logwise.kafka.handler;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.admin.LagScanPipeline;
import io.logwise.kafka.admin.ScanHistoryService;
import io.logwise.kafka.checkpoint.CheckpointSourcesSettings;
import io.logwise.kafka.client.Deadline;
import io.logwise.kafka.client.KafkaClients;
import io.logwise.kafka.error.InvalidRequestException;
import io.logwise.kafka.error.KafkaErrors;
import io.logwise.kafka.json.Json;
import io.logwise.kafka.lag.LagScannerSettings;
import io.logwise.kafka.lag.ResultCompactor;
import io.logwise.kafka.lag.ScanRequest;
import io.logwise.kafka.metrics.EmfOutput;
import io.logwise.kafka.metrics.LagMetrics;
import io.logwise.kafka.scan.ScanResult;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code lag-scanner}: a schedule tick scans every managed topic; a request {@code {"topics": [...], "groups": [...]}}
 * (bare, or as the detail of a {@code Scan Lag} bus event) narrows the scan. Returns the compacted scan result, which
 * the on-success destination delivers to the partition scaler and the retention updater; writes EMF metrics.
 */
public final class LagScannerHandler extends JsonHandler {

    public static final String REQUEST_DETAIL_TYPE = "Scan Lag";
    private static final Logger LOG = LoggerFactory.getLogger(LagScannerHandler.class);

    private final Map<String, String> environment;
    private final Clock clock;
    private LagScanPipeline pipeline;
    private KafkaClients clients;
    private EmfOutput emf;

    /** Lambda's constructor: configuration and clients are read on the first invocation, never at class load. */
    public LagScannerHandler() {
        this.environment = System.getenv();
        this.clock = Clock.systemUTC();
        SnapshotPriming.primeIfSnapStart(environment, ScanResult.class);
    }

    /** For tests: given settings and clients; Kafka groups only, no scan history. */
    public LagScannerHandler(LagScannerSettings settings, KafkaClients clients, EmfOutput emf) {
        this.environment = Map.of();
        this.clock = Clock.systemUTC();
        this.pipeline = new LagScanPipeline(settings, CheckpointSourcesSettings.fromEnv(Map.of()), Optional.empty());
        this.clients = clients;
        this.emf = emf;
    }

    /** For tests and local tools: everything from {@code environment} (checkpoints, history) but the clients. */
    public LagScannerHandler(Map<String, String> environment, KafkaClients clients, EmfOutput emf) {
        this(environment, clients, emf, Clock.systemUTC());
    }

    /** As above, with the clock that dates each scan. */
    public LagScannerHandler(Map<String, String> environment, KafkaClients clients, EmfOutput emf, Clock clock) {
        this.environment = Map.copyOf(environment);
        this.clients = clients;
        this.emf = emf;
        this.clock = clock;
    }

    @Override
    protected Object handle(JsonNode event, Duration remaining) {
        ScanRequest request = requestOf(IncomingEvent.from(event));
        initialize();
        Deadline deadline = Deadline.after(remaining, clients.factory().settings().apiTimeout());
        ScanResult full;
        try {
            full = pipeline.scan(clients, deadline, request);
        } catch (RuntimeException e) {
            throw KafkaErrors.translate("scanning consumer lag", clients.onFailure(e, deadline));
        }
        emf.write(LagMetrics.documents(full, LagMetrics.maxTopicSeries(environment),
                pipeline.settings().maxConsumerSeries()));
        LOG.info("lag scan {}: {} topics, {} partitions in {} ms, partial={}, verdicts {}, {} problems",
                full.scanId(), full.topicCount(), full.partitionCount(), full.durationMs(), full.partial(),
                full.verdictCounts(), full.problems().size());
        full.problems().forEach(problem -> LOG.warn("lag scan {}: {}", full.scanId(), problem));
        return new ResultCompactor(Json.MAPPER, ResultCompactor.DEFAULT_MAX_BYTES).compact(full);
    }

    static ScanRequest requestOf(IncomingEvent incoming) {
        return switch (incoming.kind()) {
            case SCHEDULED -> ScanRequest.FULL;
            case REQUEST -> ScanRequest.parse(incoming.requireRequestType(REQUEST_DETAIL_TYPE, "lag-scanner").body());
            case SCAN_RESULT -> throw new InvalidRequestException("the lag scanner produces scan results and does not"
                    + " take one; send a schedule tick or {\"topics\": [...], \"groups\": [...]}");
        };
    }

    private synchronized void initialize() {
        pipeline = pipeline != null ? pipeline
                : LagScanPipeline.fromEnv(environment, ScanHistoryService.Mode.READ_WRITE, clock);
        emf = emf != null ? emf : EmfOutput.fromEnv(environment);
        clients = clients != null ? clients : KafkaClients.shared();
    }
}
