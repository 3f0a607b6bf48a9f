package io.logwise.kafka.handler;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.admin.LagScanPipeline;
import io.logwise.kafka.checkpoint.CheckpointSourcesSettings;
import io.logwise.kafka.client.Deadline;
import io.logwise.kafka.client.KafkaClients;
import io.logwise.kafka.error.ConfigurationException;
import io.logwise.kafka.error.InvalidRequestException;
import io.logwise.kafka.error.KafkaErrors;
import io.logwise.kafka.lag.LagScannerSettings;
import io.logwise.kafka.lag.ScanRequest;
import io.logwise.kafka.metrics.EmfOutput;
import io.logwise.kafka.metrics.ScalingMetrics;
import io.logwise.kafka.scaling.LagMeter;
import io.logwise.kafka.scaling.ManualRequest;
import io.logwise.kafka.scaling.PartitionScalerService;
import io.logwise.kafka.scaling.ScalingKafkaGateway;
import io.logwise.kafka.scaling.ScalingReport;
import io.logwise.kafka.scaling.ScalingRequests;
import io.logwise.kafka.scaling.ScalingSettings;
import io.logwise.kafka.scan.ScanResult;
import io.logwise.kafka.state.StateStoreSettings;
import io.logwise.kafka.state.kafka.StateStore;
import io.logwise.kafka.topics.ManagedPrefix;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * partition-scaler: the lag scanner's result (bare or as EventBridge delivers a Lambda on-success destination) or an
 * operator's {@code {"topic", "partitions", "reason"}}; decisions go to the journal, increases to Kafka.
 */
public final class PartitionScalerHandler extends JsonHandler {

    static final String REQUEST_DETAIL_TYPE = "Scale Partitions";

    private final Map<String, String> environment;
    private final KafkaClients clients;
    private final Clock clock;
    private LagScanPipeline measuring;

    public PartitionScalerHandler() {
        this(System.getenv(), null, Clock.systemUTC());
        SnapshotPriming.primeIfSnapStart(environment, ScalingReport.class);
    }

    /** For tests: a given environment, Kafka clients and clock. */
    public PartitionScalerHandler(Map<String, String> environment, KafkaClients clients, Clock clock) {
        this.environment = environment;
        this.clients = clients;
        this.clock = clock;
    }

    @Override
    protected Object handle(JsonNode event, Duration remaining) {
        IncomingEvent incoming = IncomingEvent.from(event);
        if (incoming.kind() == IncomingEvent.Kind.SCHEDULED) {
            throw new InvalidRequestException("partition-scaler is not scheduled: it acts on lag scan results and"
                    + " manual requests");
        }
        incoming.requireRequestType(REQUEST_DETAIL_TYPE, "partition-scaler");
        // Parse everything before contacting Kafka: a bad event changes nothing.
        ManualRequest manual = incoming.kind() == IncomingEvent.Kind.REQUEST
                ? ScalingRequests.manual(incoming.body()) : null;
        ScanResult scan = manual == null ? ScalingRequests.scanResultForScaling(incoming.body()) : null;
        PartitionScalerService service = new PartitionScalerService(settings(), clock);
        StateStoreSettings stateSettings = StateStoreSettings.fromEnv(environment);
        // The scaler measures lag as the scanner does, with its own thresholds (never the event's).
        LagScanPipeline measuring = measuring();

        KafkaClients kafka = clients == null ? KafkaClients.shared() : clients;
        Deadline deadline = Deadline.after(remaining, kafka.factory().settings().apiTimeout());
        try (StateStore state = StateStore.open(kafka.factory(), kafka.admin(), stateSettings, deadline)) {
            ScalingKafkaGateway gateway = new ScalingKafkaGateway(kafka.admin(), deadline);
            LagMeter meter = (topics, consumers) -> measuring.scan(kafka, deadline,
                    new ScanRequest(Optional.of(topics), Optional.of(consumers)));
            ScalingReport report = manual != null
                    ? service.onRequest(manual, ScalingRequests.requestId(manual, event.path("id").asText(null)),
                    gateway, state.journal())
                    : service.onScan(scan, gateway, state.journal(), meter);
            report = withStateTopicNotice(report, state);
            EmfOutput.fromEnv(environment).write(ScalingMetrics.documents(report, clock.instant()));
            return report;
        } catch (RuntimeException e) {
            throw KafkaErrors.translate("scaling partitions", kafka.onFailure(e, deadline));
        }
    }

    /**
     * The lag scanner's reading without its history, kept for the container's life like the scanner's (a checkpoint
     * reader holds an S3 client).
     */
    private synchronized LagScanPipeline measuring() {
        if (measuring == null) {
            measuring = new LagScanPipeline(LagScannerSettings.fromEnv(environment),
                    CheckpointSourcesSettings.fromEnv(environment), Optional.empty());
        }
        return measuring;
    }

    /** A state topic this invocation had to create means the journal (and its cooldowns) may have been lost. */
    private static ScalingReport withStateTopicNotice(ScalingReport report, StateStore state) {
        return state.topic().creationNotice().map(notice -> {
            List<String> problems = new ArrayList<>(report.problems());
            problems.add(notice);
            return new ScalingReport(report.trigger(), report.decidedAt(), report.mode(), report.decisions(),
                    problems);
        }).orElse(report);
    }

    private ScalingSettings settings() {
        ManagedPrefix.fromEnv(environment); // the one prefix rule, though the scaler manages logs. only
        try {
            return ScalingSettings.fromEnv(environment);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }
}
