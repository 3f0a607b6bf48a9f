package io.logwise.kafka.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.error.InvalidRequestException;
import io.logwise.kafka.json.Json;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProvisionRequestParserTest {

    private final ProvisionRequestParser parser = new ProvisionRequestParser(
            ProvisionerSettings.fromEnv(Map.of("MAX_SERVICES_PER_REQUEST", "3")));

    private ProvisionRequest parse(String json) throws Exception {
        return parser.parse(Json.MAPPER.readTree(json));
    }

    @Test
    void readsTheIssuesExample() throws Exception {
        ProvisionRequest request = parse("""
                {"services": ["order-service", "billing"], "partitions": 6, "retentionMs": 604800000, "dryRun": true}
                """);
        assertEquals(List.of("order-service", "billing"), request.services());
        assertEquals(OptionalInt.of(6), request.partitions());
        assertEquals(OptionalLong.of(604_800_000L), request.retentionMs());
        assertEquals(OptionalInt.empty(), request.replicationFactor());
        assertTrue(request.dryRun());
        assertFalse(request.sweep());
    }

    @Test
    void onlyServicesIsRequiredAndNamesAreKeptAsGiven() throws Exception {
        ProvisionRequest request = parse("{\"services\": [\" Order Service \", \"logs.billing\"]}");
        assertEquals(List.of(" Order Service ", "logs.billing"), request.services());
        assertEquals(OptionalInt.empty(), request.partitions());
        assertEquals(OptionalLong.empty(), request.retentionMs());
        assertFalse(request.dryRun());
    }

    @Test
    void aSweepCanBeAskedForExplicitlyToPreviewIt() throws Exception {
        ProvisionRequest request = parse("{\"sweep\": true, \"dryRun\": true}");
        assertTrue(request.sweep());
        assertTrue(request.dryRun());
        assertEquals(List.of(), request.services());
    }

    /** Each bad request is refused as a whole, with a message naming the offending field. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {}                                                  | services: required
            {"services": []}                                    | services: expected a non-empty array
            {"services": "order-service"}                       | services: expected a non-empty array
            {"services": null}                                  | services: expected a non-empty array
            {"services": ["a", 7]}                              | services[1]: expected a string, got number 7
            {"services": ["a", null]}                           | services[1]: expected a string
            {"services": ["a", "b", "c", "d"]}                  | services: 4 entries; at most 3
            {"services": ["a"], "partitons": 3}                 | unknown field 'partitons'
            {"services": ["a"], "security": {"mode": "x"}}      | unknown field 'security'
            {"services": ["a"], "partitions": 0}                | partitions: 0 is below the minimum 1
            {"services": ["a"], "partitions": -2}               | partitions: -2 is below the minimum 1
            {"services": ["a"], "partitions": 101}              | partitions: 101 is above the maximum 100 (MAX_PARTITIONS)
            {"services": ["a"], "partitions": 2.5}              | partitions: expected a whole number from 1 to 100
            {"services": ["a"], "partitions": "6"}              | partitions: expected a whole number
            {"services": ["a"], "partitions": 99999999999999}   | partitions: 99999999999999 is above the maximum 100
            {"services": ["a"], "retentionMs": 0}               | retentionMs: 0 is below the minimum 60000
            {"services": ["a"], "retentionMs": -1}              | retentionMs: -1 is below the minimum 60000
            {"services": ["a"], "retentionMs": 2592000001}      | retentionMs: 2592000001 is above the maximum 2592000000 (MAX_RETENTION_MS)
            {"services": ["a"], "retentionMs": 1e12}            | retentionMs: expected a whole number
            {"services": ["a"], "replicationFactor": 0}         | replicationFactor: 0 is below the minimum 1
            {"services": ["a"], "replicationFactor": 40000}     | replicationFactor: 40000 is above the maximum 32767
            {"services": ["a"], "dryRun": "yes"}                | dryRun: expected true or false, got string
            {"services": ["a"], "sweep": true}                  | services: not allowed with "sweep": true
            {"sweep": true, "partitions": 4}                    | partitions: not allowed with "sweep": true
            {"sweep": 1}                                        | sweep: expected true or false
            """)
    void refusesWithTheFieldNamed(String json, String expected) {
        InvalidRequestException error = assertThrows(InvalidRequestException.class, () -> parse(json));
        assertTrue(error.getMessage().startsWith(expected) || error.getMessage().contains(expected),
                () -> "expected '" + expected + "' in: " + error.getMessage());
    }

    @Test
    void aRequestThatIsNotAnObjectIsRefused() throws Exception {
        var error = assertThrows(InvalidRequestException.class, () -> parser.parse(Json.MAPPER.readTree("[1]")));
        assertTrue(error.getMessage().contains("JSON object"), error.getMessage());
    }
}
