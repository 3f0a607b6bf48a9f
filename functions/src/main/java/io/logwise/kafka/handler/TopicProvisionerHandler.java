package io.logwise.kafka.handler;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.client.Deadline;
import io.logwise.kafka.client.KafkaClients;
import io.logwise.kafka.error.InvalidRequestException;
import io.logwise.kafka.error.KafkaErrors;
import io.logwise.kafka.gateway.TopicProvisioningService;
import io.logwise.kafka.topics.ProvisionReport;
import io.logwise.kafka.topics.ProvisionRequest;
import io.logwise.kafka.topics.ProvisionRequestParser;
import io.logwise.kafka.topics.ProvisionerSettings;
import io.logwise.kafka.state.StateStoreSettings;
import io.logwise.kafka.state.kafka.StateStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Supplier;

/**
 * topic-provisioner: an explicit request creates (or adopts) the topics of the named services; the scheduled event
 * sweeps every topic under the managed prefix. The request is validated before Kafka is contacted.
 */
public final class TopicProvisionerHandler extends JsonHandler {

    static final String REQUEST_DETAIL_TYPE = "Provision Topics";

    private final Map<String, String> environment;
    private final Supplier<KafkaClients> clients;
    private final Clock clock;
    private ProvisionerSettings loadedSettings;

    /** Lambda's constructor: the environment is read, and the Kafka client built, on the first invocation. */
    public TopicProvisionerHandler() {
        this(System.getenv(), KafkaClients::shared, Clock.systemUTC());
        SnapshotPriming.primeIfSnapStart(System.getenv(), ProvisionReport.class);
    }

    /** For tests and local runs: settings and connection from the given environment. */
    public TopicProvisionerHandler(Map<String, String> environment, KafkaClients clients) {
        this(environment, () -> clients, Clock.systemUTC());
    }

    private TopicProvisionerHandler(Map<String, String> environment, Supplier<KafkaClients> clients, Clock clock) {
        this.environment = environment;
        this.clients = clients;
        this.clock = clock;
    }

    @Override
    protected Object handle(JsonNode event, Duration remaining) {
        IncomingEvent incoming = IncomingEvent.from(event);
        ProvisionRequest request = switch (incoming.kind()) {
            case SCHEDULED -> ProvisionRequest.sweep(false);
            case REQUEST -> parseRequest(incoming);
            case SCAN_RESULT -> throw new InvalidRequestException("topic-provisioner does not take a lag scan result;"
                    + " send {\"services\": [...]} or a scheduled event");
        };
        return provision(request, triggerOf(event, incoming), remaining);
    }

    /** The event's id; for a bare request a digest of it, so a retried delivery records its decisions once. */
    private static String triggerOf(JsonNode event, IncomingEvent incoming) {
        String id = event.path("id").asText("");
        if (!id.isBlank()) {
            return id;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(incoming.body().toString().getBytes(StandardCharsets.UTF_8));
            return "provision-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private ProvisionRequest parseRequest(IncomingEvent incoming) {
        return new ProvisionRequestParser(settings())
                .parse(incoming.requireRequestType(REQUEST_DETAIL_TYPE, "topic-provisioner").body());
    }

    private ProvisionReport provision(ProvisionRequest request, String trigger, Duration remaining) {
        ProvisionerSettings settings = settings();
        StateStoreSettings stateSettings = StateStoreSettings.fromEnv(environment);
        KafkaClients kafka = clients.get();
        Deadline deadline = Deadline.after(remaining, kafka.factory().settings().apiTimeout());
        // Opened once the request is known to be valid: a refused request creates nothing, not even the state topic.
        try (OnDemand state = new OnDemand(() -> StateStore.open(kafka.factory(), kafka.admin(), stateSettings,
                deadline))) {
            ProvisionReport report = new TopicProvisioningService(kafka.admin(), settings, clock)
                    .run(request, deadline, () -> state.get().journal(), trigger);
            return state.get().topic().creationNotice().map(report::withProblem).orElse(report);
        } catch (RuntimeException e) {
            throw KafkaErrors.translate("provisioning topics", kafka.onFailure(e, deadline));
        }
    }

    private synchronized ProvisionerSettings settings() {
        if (loadedSettings == null) {
            loadedSettings = ProvisionerSettings.fromEnv(environment);
        }
        return loadedSettings;
    }

    /** The state store, opened on first use and closed with this if it was. */
    private static final class OnDemand implements AutoCloseable {
        private final Supplier<StateStore> opener;
        private StateStore store;

        OnDemand(Supplier<StateStore> opener) {
            this.opener = opener;
        }

        StateStore get() {
            if (store == null) {
                store = opener.get();
            }
            return store;
        }

        @Override
        public void close() {
            if (store != null) {
                store.close();
            }
        }
    }
}
