package io.logwise.kafka.handler;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.client.KafkaClients;
import io.logwise.kafka.lag.LagScannerSettings;
import io.logwise.kafka.lag.ScanRequest;
import io.logwise.kafka.metrics.EmfOutput;
import io.logwise.kafka.scan.ScanResult;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code lag-scanner}: a schedule tick scans every managed topic; a bare request
 * {@code {"topics": [...], "groups": [...]}} (a direct invocation) narrows the scan. Returns the compacted scan result,
 * which the on-success destination delivers to the partition scaler and the retention updater; writes EMF metrics.
 * No bus request reaches it: a narrowed scan must not be handed to the functions that act on scans as if it were whole.
 */
public final class LagScannerHandler extends JsonHandler {

    private static final String REQUEST_SHAPE = "{\"topics\": [...], \"groups\": [...]}";
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
        return kafka -> scanner.scan(kafka, request);
    }

    static ScanRequest requestOf(IncomingEvent incoming) {
        incoming.requireBareRequest("lag-scanner", REQUEST_SHAPE).refuse(IncomingEvent.Kind.SCAN_RESULT,
                "the lag scanner produces scan results and does not take one; send a schedule tick or "
                        + REQUEST_SHAPE);
        return incoming.kind() == IncomingEvent.Kind.SCHEDULED ? ScanRequest.FULL : ScanRequest.parse(incoming.body());
    }
}
