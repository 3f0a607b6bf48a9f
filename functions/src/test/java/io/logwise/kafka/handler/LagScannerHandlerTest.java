package io.logwise.kafka.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.error.InvalidRequestException;
import io.logwise.kafka.json.Json;
import io.logwise.kafka.lag.ScanRequest;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LagScannerHandlerTest {

    private static ScanRequest requestOf(String json) throws Exception {
        return LagScannerHandler.requestOf(IncomingEvent.from(Json.MAPPER.readTree(json)));
    }

    @Test
    void aScheduleTickIsAFullScan() throws Exception {
        assertEquals(ScanRequest.FULL, requestOf("""
                {"version": "0", "id": "x", "detail-type": "Scheduled Event", "source": "aws.events",
                 "time": "2026-11-25T12:00:00Z", "resources": [], "detail": {}}"""));
    }

    @Test
    void aBareRequestNarrowsTheScan() throws Exception {
        assertEquals(new ScanRequest(Optional.of(Set.of("logs.a")), Optional.empty()),
                requestOf("{\"topics\": [\"logs.a\"]}"));
        assertEquals(new ScanRequest(Optional.empty(), Optional.of(Set.of("g"))), requestOf("{\"groups\": [\"g\"]}"));
    }

    /** Its result would reach the scaler and the retention updater, which take every scan for a whole one. */
    @Test
    void aScanRequestFromTheBusIsRefused() {
        InvalidRequestException bus = assertThrows(InvalidRequestException.class, () -> requestOf("""
                {"detail-type": "Scan Lag", "source": "logwise.kafka", "detail": {"groups": ["g"]}}"""));
        assertTrue(bus.getMessage().contains("takes no bus requests"), bus.getMessage());
    }

    @Test
    void otherFunctionsEventsAndScanResultsAreRefused() {
        InvalidRequestException foreign = assertThrows(InvalidRequestException.class, () -> requestOf("""
                {"detail-type": "Provision Topics", "source": "logwise.kafka", "detail": {"topics": ["logs.a"]}}"""));
        assertTrue(foreign.getMessage().contains("'Provision Topics'"), foreign.getMessage());
        InvalidRequestException result = assertThrows(InvalidRequestException.class,
                () -> requestOf("{\"scanId\": \"x\", \"topics\": []}"));
        assertTrue(result.getMessage().contains("produces scan results"), result.getMessage());
        assertThrows(InvalidRequestException.class, () -> requestOf("{\"topics\": \"logs.a\"}"));
    }
}
