package io.logwise.kafka.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.error.InvalidRequestException;
import io.logwise.kafka.json.Json;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IncomingEventTest {

    private static JsonNode json(String text) {
        return Json.readEvent(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void scheduledEvent() {
        IncomingEvent event = IncomingEvent.from(json(
                "{\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\",\"detail\":{}}"));
        assertEquals(IncomingEvent.Kind.SCHEDULED, event.kind());
    }

    @Test
    void destinationEventCarriesTheScanResult() {
        IncomingEvent event = IncomingEvent.from(json("{\"detail-type\":\"Lambda Function Invocation Result - Success\","
                + "\"source\":\"lambda\",\"detail\":{\"responsePayload\":{\"scanId\":\"s1\",\"topics\":[]}}}"));
        assertEquals(IncomingEvent.Kind.SCAN_RESULT, event.kind());
        assertEquals("s1", event.body().get("scanId").asText());
    }

    @Test
    void bareScanResultAndBareRequest() {
        assertEquals(IncomingEvent.Kind.SCAN_RESULT, IncomingEvent.from(json("{\"scanId\":\"s\",\"topics\":[]}")).kind());
        IncomingEvent request = IncomingEvent.from(json("{\"services\":[\"a\"]}"));
        assertEquals(IncomingEvent.Kind.REQUEST, request.kind());
        assertEquals("a", request.body().get("services").get(0).asText());
    }

    @Test
    void busRequestIsItsDetail() {
        IncomingEvent event = IncomingEvent.from(json("{\"detail-type\":\"Change Retention\",\"source\":\"logwise.kafka\","
                + "\"detail\":{\"services\":[\"a\"],\"retention\":\"7d\"}}"));
        assertEquals(IncomingEvent.Kind.REQUEST, event.kind());
        assertEquals("7d", event.body().get("retention").asText());
    }

    @Test
    void malformedEnvelopesAreRefused() {
        assertThrows(InvalidRequestException.class, () -> IncomingEvent.from(json(
                "{\"detail-type\":\"Lambda Function Invocation Result - Success\",\"detail\":{}}")));
        assertThrows(InvalidRequestException.class, () -> IncomingEvent.from(json("{\"detail-type\":7}")));
        assertThrows(InvalidRequestException.class, () -> IncomingEvent.from(json(
                "{\"detail-type\":\"Scale Partitions\",\"detail\":\"x\"}")));
    }

    @Test
    void notJsonOrNotAnObjectIsAnInvalidRequest() {
        assertThrows(InvalidRequestException.class, () -> json("{\"a\":"));
        assertThrows(InvalidRequestException.class, () -> json("[1,2]"));
        assertThrows(InvalidRequestException.class, () -> json(""));
        assertThrows(InvalidRequestException.class, () -> json("{\"a\":1,\"a\":2}"));
        assertThrows(InvalidRequestException.class, () -> json("{\"a\":1} {\"b\":2}"));
    }

    @Test
    void aBusRequestMustCarryTheReceivingFunctionsDetailType() {
        IncomingEvent forScaler = IncomingEvent.from(json("{\"detail-type\":\"Scale Partitions\","
                + "\"source\":\"logwise.kafka\",\"detail\":{\"topic\":\"logs.a\"}}"));
        assertEquals(forScaler, forScaler.requireRequestType("Scale Partitions", "partition-scaler"));
        InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> forScaler.requireRequestType("Change Retention", "retention-updater"));
        assertEquals("detail-type 'Scale Partitions' is not for retention-updater; expected 'Change Retention'",
                refused.getMessage());
        // Bare requests, schedule ticks and scan results have no request type to check.
        IncomingEvent bare = IncomingEvent.from(json("{\"topic\":\"logs.a\"}"));
        assertEquals(bare, bare.requireRequestType("Change Retention", "retention-updater"));
        IncomingEvent tick = IncomingEvent.from(json("{\"detail-type\":\"Scheduled Event\",\"detail\":{}}"));
        assertEquals(tick, tick.requireRequestType("Change Retention", "retention-updater"));
    }

    @Test
    void aFunctionRefusesTheKindsOfEventItDoesNotTakeAndBusRequestsWhenItIsInvokedDirectlyOnly() {
        IncomingEvent tick = IncomingEvent.from(json("{\"detail-type\":\"Scheduled Event\",\"detail\":{}}"));
        assertEquals(tick, tick.refuse(IncomingEvent.Kind.SCAN_RESULT, "no scan results"));
        assertEquals("not scheduled", assertThrows(InvalidRequestException.class,
                () -> tick.refuse(IncomingEvent.Kind.SCHEDULED, "not scheduled")).getMessage());
        assertEquals(tick, tick.requireBareRequest("lag-scanner", "{}"));
        IncomingEvent bare = IncomingEvent.from(json("{\"topics\":[\"logs.a\"]}"));
        assertEquals(bare, bare.requireBareRequest("lag-scanner", "{}"));
        IncomingEvent bus = IncomingEvent.from(json("{\"detail-type\":\"Scan Lag\",\"detail\":{}}"));
        assertEquals("detail-type 'Scan Lag' is not for lag-scanner, which takes no bus requests; invoke it directly"
                + " with {}", assertThrows(InvalidRequestException.class,
                        () -> bus.requireBareRequest("lag-scanner", "{}")).getMessage());
    }
}
