package io.logwise.kafka.handler;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.client.KafkaClients;
import io.logwise.kafka.topics.ProvisionReport;
import io.logwise.kafka.topics.ProvisionRequest;
import io.logwise.kafka.topics.ProvisionRequestParser;
import java.util.Map;

/**
 * topic-provisioner: an explicit request creates (or adopts) the topics of the named services; the scheduled event
 * sweeps every topic under the managed prefix. The request is validated before Kafka is contacted.
 */
public final class TopicProvisionerHandler extends JsonHandler {

    static final String REQUEST_DETAIL_TYPE = "Provision Topics";

    private final Once<Wiring.Provisioner> provisioner;

    /** Lambda's constructor: the environment is read, and the Kafka client built, on the first invocation. */
    public TopicProvisionerHandler() {
        this(System.getenv(), null);
    }

    /** For tests and local runs: settings from the given environment, the given Kafka clients. */
    public TopicProvisionerHandler(Map<String, String> environment, KafkaClients clients) {
        super("provisioning topics", clients, ProvisionReport.class);
        this.provisioner = new Once<>(() -> Wiring.Provisioner.fromEnv(environment));
    }

    @Override
    protected Work prepare(JsonNode event) {
        IncomingEvent incoming = IncomingEvent.from(event).requireRequestType(REQUEST_DETAIL_TYPE, "topic-provisioner")
                .refuse(IncomingEvent.Kind.SCAN_RESULT, "topic-provisioner does not take a lag scan result;"
                        + " send {\"services\": [...]} or a scheduled event");
        Wiring.Provisioner provisioner = this.provisioner.get();
        ProvisionRequest request = incoming.kind() == IncomingEvent.Kind.SCHEDULED ? ProvisionRequest.sweep(false)
                : new ProvisionRequestParser(provisioner.settings()).parse(incoming.body());
        // The event's id; for a bare request a digest of it, so a retried delivery records its decisions once.
        String id = event.path("id").asText("");
        String trigger = id.isBlank() ? RequestIds.digest("provision-", incoming.body().toString()) : id;
        return kafka -> provisioner.provision(kafka, request, trigger);
    }
}
