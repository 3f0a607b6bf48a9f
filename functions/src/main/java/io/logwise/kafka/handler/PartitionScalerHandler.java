package io.logwise.kafka.handler;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.client.KafkaClients;
import io.logwise.kafka.scaling.ManualRequest;
import io.logwise.kafka.scaling.ScalingReport;
import io.logwise.kafka.scaling.ScalingRequests;
import io.logwise.kafka.scan.ScanResult;
import java.time.Clock;
import java.util.Map;

/**
 * partition-scaler: the lag scanner's result (bare or as EventBridge delivers a Lambda on-success destination) or an
 * operator's {@code {"topic", "partitions", "reason"}}; decisions go to the journal, increases to Kafka.
 */
public final class PartitionScalerHandler extends JsonHandler {

    static final String REQUEST_DETAIL_TYPE = "Scale Partitions";

    private final Once<Wiring.Scaler> scaler;

    public PartitionScalerHandler() {
        this(System.getenv(), null, Clock.systemUTC());
    }

    /** For tests: a given environment, Kafka clients ({@code null}: the container's) and clock. */
    public PartitionScalerHandler(Map<String, String> environment, KafkaClients clients, Clock clock) {
        super("scaling partitions", clients, ScalingReport.class);
        this.scaler = new Once<>(() -> Wiring.Scaler.fromEnv(environment, clock));
    }

    @Override
    protected Work prepare(JsonNode event) {
        IncomingEvent incoming = IncomingEvent.from(event).refuse(IncomingEvent.Kind.SCHEDULED,
                "partition-scaler is not scheduled: it acts on lag scan results and manual requests")
                .requireRequestType(REQUEST_DETAIL_TYPE, "partition-scaler");
        Wiring.Scaler scaler = this.scaler.get();
        if (incoming.kind() == IncomingEvent.Kind.REQUEST) {
            ManualRequest manual = ScalingRequests.manual(incoming.body());
            String requestId = ScalingRequests.requestId(manual, event.path("id").asText(null));
            return kafka -> scaler.onRequest(kafka, manual, requestId);
        }
        ScanResult scan = ScalingRequests.scanResultForScaling(incoming.body());
        return kafka -> scaler.onScan(kafka, scan);
    }
}
