package io.logwise.kafka.handler;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.error.InvalidRequestException;

/**
 * What a handler was invoked with, once EventBridge's envelope is taken off: a schedule tick, the lag scanner's
 * result delivered by a Lambda on-success destination, a manual request sent to the bus, or a bare request.
 */
public record IncomingEvent(Kind kind, JsonNode body, String detailType) {

    public enum Kind { SCHEDULED, SCAN_RESULT, REQUEST }

    public static final String SCHEDULED_DETAIL_TYPE = "Scheduled Event";
    public static final String DESTINATION_DETAIL_TYPE = "Lambda Function Invocation Result - Success";
    public static final String REQUEST_SOURCE = "logwise.kafka";

    public static IncomingEvent from(JsonNode event) {
        JsonNode detailType = event.get("detail-type");
        if (detailType == null) {
            return new IncomingEvent(looksLikeScanResult(event) ? Kind.SCAN_RESULT : Kind.REQUEST, event, null);
        }
        if (!detailType.isTextual()) {
            throw new InvalidRequestException("detail-type: expected a string");
        }
        String type = detailType.asText();
        JsonNode detail = event.path("detail");
        if (SCHEDULED_DETAIL_TYPE.equals(type)) {
            return new IncomingEvent(Kind.SCHEDULED, detail, type);
        }
        if (DESTINATION_DETAIL_TYPE.equals(type)) {
            JsonNode payload = detail.get("responsePayload");
            if (payload == null || !payload.isObject()) {
                throw new InvalidRequestException("detail.responsePayload: the on-success destination event carries"
                        + " no result object");
            }
            return new IncomingEvent(Kind.SCAN_RESULT, payload, type);
        }
        if (!detail.isObject()) {
            throw new InvalidRequestException("detail: an EventBridge event of type '" + type
                    + "' must carry the request as a JSON object");
        }
        return new IncomingEvent(Kind.REQUEST, detail, type);
    }

    /**
     * A request that came through EventBridge must carry the receiving function's detail-type: the bus routes by it,
     * so another type means the event was meant for another function. A bare request has none to check.
     */
    public IncomingEvent requireRequestType(String expectedDetailType, String functionName) {
        if (kind == Kind.REQUEST && detailType != null && !expectedDetailType.equals(detailType)) {
            throw new InvalidRequestException("detail-type '" + detailType + "' is not for " + functionName
                    + "; expected '" + expectedDetailType + "'");
        }
        return this;
    }

    /** For a function invoked directly only: a request that came by the bus is refused, naming what to send instead. */
    public IncomingEvent requireBareRequest(String functionName, String instead) {
        if (kind == Kind.REQUEST && detailType != null) {
            throw new InvalidRequestException("detail-type '" + detailType + "' is not for " + functionName
                    + ", which takes no bus requests; invoke it directly with " + instead);
        }
        return this;
    }

    /** Refuses an event of a {@code kind} the receiving function does not take; {@code why} says what it takes. */
    public IncomingEvent refuse(Kind refused, String why) {
        if (kind == refused) {
            throw new InvalidRequestException(why);
        }
        return this;
    }

    /** The lag scanner's result, delivered bare (e.g. by a test or an operator) instead of by a destination. */
    private static boolean looksLikeScanResult(JsonNode event) {
        return event.has("scanId") && event.has("topics");
    }
}
