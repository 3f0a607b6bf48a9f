package io.logwise.kafka.handler;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.client.KafkaClients;
import io.logwise.kafka.retention.RetentionReport;
import io.logwise.kafka.retention.RetentionRequest;
import io.logwise.kafka.retention.RetentionRequestParser;
import io.logwise.kafka.scan.ScanResult;
import io.logwise.kafka.scan.ScanResults;
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
        String eventId = event.path("id").asText(null);
        Instant now = updater.clock().instant();
        return switch (incoming.kind()) {
            case REQUEST -> {
                RetentionRequest request = RetentionRequestParser.parse(incoming.body(), updater.settings(), now)
                        .orRefuse();
                String requestId = RequestIds.of(eventId, incoming.body(), now);
                yield kafka -> updater.onRequest(kafka, request, requestId);
            }
            case SCAN_RESULT -> {
                ScanResult scan = ScanResults.read(incoming.body());
                yield kafka -> updater.onScan(kafka, scan);
            }
            case SCHEDULED -> {
                String triggerId = eventId != null ? eventId : "schedule-" + now;
                yield kafka -> updater.onSchedule(kafka, triggerId);
            }
        };
    }
}
