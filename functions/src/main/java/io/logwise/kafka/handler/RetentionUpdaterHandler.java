package io.logwise.kafka.handler;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.admin.UnreadMeasurement;
import io.logwise.kafka.admin.UnreadReaders;
import io.logwise.kafka.client.Deadline;
import io.logwise.kafka.client.KafkaClients;
import io.logwise.kafka.error.ConfigurationException;
import io.logwise.kafka.error.InvalidRequestException;
import io.logwise.kafka.error.KafkaErrors;
import io.logwise.kafka.metrics.EmfOutput;
import io.logwise.kafka.metrics.RetentionMetrics;
import io.logwise.kafka.retention.ManagedTopics;
import io.logwise.kafka.retention.RetentionKafkaGateway;
import io.logwise.kafka.retention.RetentionReport;
import io.logwise.kafka.retention.RetentionRequest;
import io.logwise.kafka.retention.RetentionRequestParser;
import io.logwise.kafka.retention.RetentionSettings;
import io.logwise.kafka.retention.RetentionUpdaterService;
import io.logwise.kafka.scan.ScanResult;
import io.logwise.kafka.scan.ScanResults;
import io.logwise.kafka.state.StateStoreSettings;
import io.logwise.kafka.state.kafka.StateStore;
import io.logwise.kafka.topics.ManagedPrefix;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * retention-updater: a retention request (bare or {@code Change Retention} on the bus), the lag scanner's result
 * (protection, then due expiries) or the schedule (due expiries). Everything is parsed before Kafka is contacted.
 * Lowerings are judged on a fresh reading of every consumer: groups, the Spark checkpoints of SPARK_CHECKPOINT_SOURCES
 * and the consumers LAG_EXPECTED_CONSUMERS names (the same settings as the lag scanner).
 */
public final class RetentionUpdaterHandler extends JsonHandler {

    static final String REQUEST_DETAIL_TYPE = "Change Retention";

    private final Map<String, String> environment;
    private final KafkaClients clients;
    private final Clock clock;
    private UnreadReaders readers;

    public RetentionUpdaterHandler() {
        this(System.getenv(), null, Clock.systemUTC());
        SnapshotPriming.primeIfSnapStart(environment, RetentionReport.class);
    }

    /** For tests: a given environment, Kafka clients and clock. */
    public RetentionUpdaterHandler(Map<String, String> environment, KafkaClients clients, Clock clock) {
        this.environment = environment;
        this.clients = clients;
        this.clock = clock;
    }

    @Override
    protected Object handle(JsonNode event, Duration remaining) {
        IncomingEvent incoming = IncomingEvent.from(event);
        incoming.requireRequestType(REQUEST_DETAIL_TYPE, "retention-updater");
        RetentionSettings settings = settings();
        RetentionRequest request = incoming.kind() == IncomingEvent.Kind.REQUEST
                ? request(incoming.body(), settings) : null;
        ScanResult scan = incoming.kind() == IncomingEvent.Kind.SCAN_RESULT
                ? ScanResults.read(incoming.body()) : null;
        String eventId = event.path("id").asText(null);
        RetentionUpdaterService service = new RetentionUpdaterService(settings, clock);
        StateStoreSettings stateSettings = StateStoreSettings.fromEnv(environment);
        UnreadReaders readers = readers();

        KafkaClients kafka = clients == null ? KafkaClients.shared() : clients;
        Deadline deadline = Deadline.after(remaining, kafka.factory().settings().apiTimeout());
        try (StateStore state = StateStore.open(kafka.factory(), kafka.admin(), stateSettings, deadline)) {
            var gateway = new RetentionKafkaGateway(kafka.admin(), deadline);
            var measure = new UnreadMeasurement(readers.forInvocation(kafka.admin(), kafka.factory(), deadline));
            RetentionReport report = switch (incoming.kind()) {
                case REQUEST -> service.onRequest(request, RequestIds.of(eventId, incoming.body(), clock.instant()),
                        gateway, measure, state.journal(), state.extensions());
                case SCAN_RESULT -> service.onScan(scan, gateway, measure, state.journal(), state.extensions());
                case SCHEDULED -> service.onSchedule(eventId != null ? eventId : "schedule-" + clock.instant(),
                        gateway, measure, state.journal(), state.extensions());
            };
            EmfOutput.fromEnv(environment).write(RetentionMetrics.documents(report, clock.instant()));
            return report;
        } catch (RuntimeException e) {
            throw KafkaErrors.translate("changing retention", kafka.onFailure(e, deadline));
        }
    }

    /** Made once per container (the checkpoint reader and its S3 client are reused). */
    private synchronized UnreadReaders readers() {
        if (readers == null) {
            readers = UnreadReaders.fromEnv(environment);
        }
        return readers;
    }

    private RetentionRequest request(JsonNode body, RetentionSettings settings) {
        var result = RetentionRequestParser.parse(body, settings, clock.instant());
        if (result instanceof RetentionRequestParser.Result.Rejected rejected) {
            throw new InvalidRequestException("nothing changed: " + rejected.errors().stream()
                    .map(Object::toString).collect(Collectors.joining("; ")));
        }
        return ((RetentionRequestParser.Result.Accepted) result).request();
    }

    private RetentionSettings settings() {
        ManagedTopics.requireSupported(ManagedPrefix.fromEnv(environment));
        try {
            return RetentionSettings.fromEnv(environment);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }
}
