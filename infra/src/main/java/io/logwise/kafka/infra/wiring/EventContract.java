package io.logwise.kafka.infra.wiring;

/** The events on the LogWise bus: manual requests carry the request JSON as {@code detail}. */
public final class EventContract {

    public static final String REQUEST_SOURCE = "logwise.kafka";
    public static final String PROVISION_TOPICS = "Provision Topics";
    public static final String SCALE_PARTITIONS = "Scale Partitions";
    public static final String CHANGE_RETENTION = "Change Retention";

    /** Lambda's on-success destination event; the scan result is in {@code detail.responsePayload}. */
    public static final String LAMBDA_SOURCE = "lambda";
    public static final String LAMBDA_SUCCESS = "Lambda Function Invocation Result - Success";

    private EventContract() {
    }
}
