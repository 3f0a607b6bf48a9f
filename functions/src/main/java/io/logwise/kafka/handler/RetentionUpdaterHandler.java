package io.logwise.kafka.handler;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.client.KafkaClients;
import io.logwise.kafka.gateway.RetentionKafkaGateway;
import io.logwise.kafka.gateway.StateStore;
import io.logwise.kafka.metrics.RetentionMetrics;
import io.logwise.kafka.retention.RetentionReport;
import io.logwise.kafka.retention.RetentionRequest;
import io.logwise.kafka.retention.RetentionRequestParser;
import io.logwise.kafka.scan.ScanResult;
import io.logwise.kafka.scan.ScanResults;
import io.logwise.kafka.service.RetentionUpdaterService;
import io.logwise.kafka.service.UnreadMeasurement;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * retention-updater: a retention request (bare or {@code Change Retention} on the bus), the lag scanner's result
 * (protection, then due expiries) or the schedule (due expiries). Everything is parsed before Kafka is contacted.
 * Lowerings are judged on a fresh reading of every consumer: groups, the Spark checkpoints of SPARK_CHECKPOINT_SOURCES
 * and the consumers LAG_EXPECTED_CONSUMERS names (the same settings as the lag scanner).
 */
public final class RetentionUpdaterHandler extends JsonHandler {

    static final String REQUEST_DETAIL_TYPE = "Change Retention";

    private final Once<Wiring.Updater> updater;

    public RetentionUpdaterHandler() {
        this(System.getenv(), null, Clock.systemUTC());
    }

    /** For tests: a given environment, Kafka clients ({@code null}: the container's) and clock. */
    public RetentionUpdaterHandler(Map<String, String> environment, KafkaClients clients, Clock clock) {
        super("changing retention", clients, RetentionReport.class);
        this.updater = new Once<>(() -> Wiring.Updater.fromEnv(environment, clock));
    }

    @Override
    protected Work prepare(JsonNode event) {
        IncomingEvent incoming = IncomingEvent.from(event).requireRequestType(REQUEST_DETAIL_TYPE, "retention-updater");
        Wiring.Updater updater = this.updater.get();
        RetentionUpdaterService service = updater.service();
        String eventId = event.path("id").asText(null);
        Instant now = updater.clock().instant();
        Decide decide = switch (incoming.kind()) {
            case REQUEST -> {
                RetentionRequest request = RetentionRequestParser.parse(incoming.body(), updater.settings(), now)
                        .orRefuse();
                String requestId = RequestIds.of(eventId, incoming.body(), now);
                yield (gateway, measure, state) -> service.onRequest(request, requestId, gateway, measure,
                        state.journal(), state.extensions());
            }
            case SCAN_RESULT -> {
                ScanResult scan = ScanResults.read(incoming.body());
                yield (gateway, measure, state) -> service.onScan(scan, gateway, measure, state.journal(),
                        state.extensions());
            }
            case SCHEDULED -> {
                String triggerId = eventId != null ? eventId : "schedule-" + now;
                yield (gateway, measure, state) -> service.onSchedule(triggerId, gateway, measure,
                        state.journal(), state.extensions());
            }
        };
        return kafka -> {
            var measure = new UnreadMeasurement(updater.readers().forInvocation(kafka.admin(),
                    kafka.clients().factory(), kafka.deadline()));
            RetentionReport report = decide.report(new RetentionKafkaGateway(kafka.admin(), kafka.deadline()),
                    measure, kafka.state(updater.state()));
            updater.emf().write(RetentionMetrics.documents(report, updater.clock().instant()));
            return report;
        };
    }

    private interface Decide {
        RetentionReport report(RetentionKafkaGateway gateway, UnreadMeasurement measure, StateStore state);
    }
}
