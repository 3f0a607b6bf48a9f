package io.logwise.kafka.lag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.error.InvalidRequestException;
import io.logwise.kafka.json.Json;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScanRequestTest {

    @Test
    void emptyRequestIsAFullScan() throws Exception {
        ScanRequest request = ScanRequest.parse(Json.MAPPER.readTree("{}"));
        assertFalse(request.narrowed());
        assertEquals(ScanRequest.FULL, request);
    }

    @Test
    void topicsAndGroupsNarrowTheScan() throws Exception {
        ScanRequest request = ScanRequest.parse(Json.MAPPER.readTree(
                "{\"topics\": [\"logs.a\", \"logs.b\", \"logs.a\"], \"groups\": [\"g\"]}"));
        assertTrue(request.narrowed());
        assertEquals(Optional.of(Set.of("logs.a", "logs.b")), request.topics());
        assertEquals(Optional.of(Set.of("g")), request.groups());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"topic\": [\"logs.a\"]}|unknown field 'topic'",
            "{\"topics\": \"logs.a\"}|topics: expected a list",
            "{\"topics\": []}|topics: the list is empty",
            "{\"groups\": [1]}|groups[0]: expected a non-empty name",
            "{\"groups\": [\" \"]}|groups[0]",
            "[1]|must be a JSON object"})
    void malformedRequestsAreRejectedWithAClearMessage(String json, String expected) throws Exception {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> ScanRequest.parse(Json.MAPPER.readTree(json)));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
