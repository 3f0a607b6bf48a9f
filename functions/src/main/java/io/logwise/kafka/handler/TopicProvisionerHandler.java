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
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * topic-provisioner: an explicit request creates (or adopts) the topics of the named services; the scheduled event
 * sweeps every topic under the managed prefix. The request is validated before Kafka is contacted.
 */
public final class TopicProvisionerHandler extends JsonHandler {

    static final String REQUEST_DETAIL_TYPE = "Provision Topics";

    private final Supplier<ProvisionerSettings> settings;
    private final Supplier<KafkaClients> clients;
    private ProvisionerSettings loadedSettings;

    /** Lambda's constructor: the environment is read, and the Kafka client built, on the first invocation. */
    public TopicProvisionerHandler() {
        this(() -> ProvisionerSettings.fromEnv(System.getenv()), KafkaClients::shared);
        SnapshotPriming.primeIfSnapStart(System.getenv(), ProvisionReport.class);
    }

    /** For tests and local runs: settings and connection from the given environment. */
    public TopicProvisionerHandler(Map<String, String> environment, KafkaClients clients) {
        this(() -> ProvisionerSettings.fromEnv(environment), () -> clients);
    }

    private TopicProvisionerHandler(Supplier<ProvisionerSettings> settings, Supplier<KafkaClients> clients) {
        this.settings = settings;
        this.clients = clients;
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
        return provision(request, remaining);
    }

    private ProvisionRequest parseRequest(IncomingEvent incoming) {
        return new ProvisionRequestParser(settings())
                .parse(incoming.requireRequestType(REQUEST_DETAIL_TYPE, "topic-provisioner").body());
    }

    private ProvisionReport provision(ProvisionRequest request, Duration remaining) {
        KafkaClients kafka = clients.get();
        Deadline deadline = Deadline.after(remaining, kafka.factory().settings().apiTimeout());
        try {
            return new TopicProvisioningService(kafka.admin(), settings()).run(request, deadline);
        } catch (RuntimeException e) {
            throw KafkaErrors.translate("provisioning topics", kafka.onFailure(e));
        }
    }

    private synchronized ProvisionerSettings settings() {
        if (loadedSettings == null) {
            loadedSettings = settings.get();
        }
        return loadedSettings;
    }
}
