package io.logwise.kafka.handler;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.client.KafkaClients;
import io.logwise.kafka.error.InvalidRequestException;
import io.logwise.kafka.gateway.ScalingKafkaGateway;
import io.logwise.kafka.gateway.StateStore;
import io.logwise.kafka.lag.ScanRequest;
import io.logwise.kafka.metrics.ScalingMetrics;
import io.logwise.kafka.scaling.LagMeter;
import io.logwise.kafka.scaling.ManualRequest;
import io.logwise.kafka.scaling.ScalingReport;
import io.logwise.kafka.scaling.ScalingRequests;
import io.logwise.kafka.scan.ScanResult;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

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
        IncomingEvent incoming = IncomingEvent.from(event);
        if (incoming.kind() == IncomingEvent.Kind.SCHEDULED) {
            throw new InvalidRequestException("partition-scaler is not scheduled: it acts on lag scan results and"
                    + " manual requests");
        }
        incoming.requireRequestType(REQUEST_DETAIL_TYPE, "partition-scaler");
        Wiring.Scaler scaler = this.scaler.get();
        if (incoming.kind() == IncomingEvent.Kind.REQUEST) {
            ManualRequest manual = ScalingRequests.manual(incoming.body());
            String requestId = ScalingRequests.requestId(manual, event.path("id").asText(null));
            return kafka -> scale(scaler, kafka, (gateway, state) ->
                    scaler.service().onRequest(manual, requestId, gateway, state.journal()));
        }
        ScanResult scan = ScalingRequests.scanResultForScaling(incoming.body());
        return kafka -> scale(scaler, kafka, (gateway, state) -> {
            LagMeter meter = (topics, consumers) -> scaler.measuring().scan(kafka.clients(), kafka.deadline(),
                    new ScanRequest(Optional.of(topics), Optional.of(consumers)));
            return scaler.service().onScan(scan, gateway, state.journal(), meter);
        });
    }

    /** A state topic this invocation had to create means the journal (and its cooldowns) may have been lost. */
    private ScalingReport scale(Wiring.Scaler scaler, KafkaInvocation kafka,
                                BiFunction<ScalingKafkaGateway, StateStore, ScalingReport> decide) {
        StateStore state = kafka.state(scaler.state());
        ScalingReport decided = decide.apply(new ScalingKafkaGateway(kafka.admin(), kafka.deadline()), state);
        ScalingReport report = state.topic().creationNotice().map(decided::withProblem).orElse(decided);
        scaler.emf().write(ScalingMetrics.documents(report, scaler.clock().instant()));
        return report;
    }
}
