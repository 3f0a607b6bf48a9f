package io.logwise.kafka.scan;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.error.InvalidRequestException;
import io.logwise.kafka.json.Json;

/** Reads a lag scan result delivered to a downstream function (the partition scaler, the retention updater). */
public final class ScanResults {

    private ScanResults() {
    }

    public static ScanResult read(JsonNode body) {
        ScanResult scan;
        try {
            scan = Json.MAPPER.treeToValue(body, ScanResult.class);
        } catch (Exception e) {
            throw new InvalidRequestException("the lag scan result cannot be read: " + Json.firstLine(e.getMessage()));
        }
        if (scan.scanId() == null || scan.scannedAt() == null || scan.topics() == null) {
            throw new InvalidRequestException("the lag scan result needs scanId, scannedAt and topics");
        }
        return scan;
    }
}
