package io.logwise.kafka.state;

import static io.logwise.kafka.state.StateFixtures.extension;
import static io.logwise.kafka.state.StateFixtures.increase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logwise.kafka.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StateCodecTest {

    private static final Instant NOW = Instant.parse("2026-11-02T10:15:30.123456Z");

    @Test
    void decisionRoundTripsWithItsInputsAndSchemaFirst() throws IOException {
        Decision decision = increase("logs.orders", "scan-1", NOW, DecisionOutcome.APPLIED);
        byte[] encoded = StateCodec.encode(decision);

        assertEquals(decision, StateCodec.decodeDecision(encoded));
        JsonNode json = Json.MAPPER.readTree(encoded);
        assertEquals("schema", json.fieldNames().next());
        assertEquals(1, json.get("schema").intValue());
        assertEquals("partition-scaler", json.get("function").asText());
        assertEquals("INCREASE_PARTITIONS", json.get("action").asText());
        assertEquals("2026-11-02T10:15:30.123456Z", json.get("time").asText());
        assertEquals(50_000L, decision.inputs().get("maxLagPerPartition"), "Integer inputs are kept as Long");
    }

    @Test
    void decisionWithoutOptionalFieldsRoundTrips() {
        Decision decision = new Decision("abc", NOW, DecidingFunction.TOPIC_PROVISIONER, "logs.new",
                DecisionAction.CREATE_TOPIC, null, 3L, null, null, "requested by order-service", "on",
                DecisionOutcome.APPLIED, "request-9");
        byte[] encoded = StateCodec.encode(decision);
        assertEquals(decision, StateCodec.decodeDecision(encoded));
        assertTrue(!new String(encoded, StandardCharsets.UTF_8).contains("\"from\""), "absent values are left out");
    }

    @Test
    void extensionRoundTrips() {
        RetentionExtension extension = extension("logs.billing", NOW);
        assertEquals(extension, StateCodec.decodeExtension(StateCodec.encode(extension)));
    }

    @Test
    void fieldsAddedByANewerWriterOfTheSameSchemaAreIgnored() throws IOException {
        Decision decision = increase("logs.orders", "scan-1", NOW, DecisionOutcome.APPLIED);
        ObjectNode json = (ObjectNode) Json.MAPPER.readTree(StateCodec.encode(decision));
        json.put("approvedBy", "someone");
        assertEquals(decision, StateCodec.decodeDecision(Json.MAPPER.writeValueAsBytes(json)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not json",
        "[1,2]",
        "{\"id\":\"x\"}",
        "{\"schema\":2,\"id\":\"x\"}",
        "{\"schema\":0}",
        "{\"schema\":1,\"id\":\"x\"}",
        "{\"schema\":1,\"id\":\"x\",\"time\":\"yesterday\"}"
    })
    void unreadableValuesAreReportedAsSuch(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        assertThrows(UnreadableStateException.class, () -> StateCodec.decodeDecision(bytes));
        assertThrows(UnreadableStateException.class, () -> StateCodec.decodeExtension(bytes));
        assertThrows(UnreadableStateException.class, () -> StateCodec.decodeSnapshot(bytes));
    }

    @Test
    void decisionIdIsDeterministicAndDependsOnEveryPart() {
        String id = Decision.idFor(DecidingFunction.PARTITION_SCALER, "scan-1", "logs.a",
                DecisionAction.INCREASE_PARTITIONS);
        assertEquals(id, Decision.idFor(DecidingFunction.PARTITION_SCALER, "scan-1", "logs.a",
                DecisionAction.INCREASE_PARTITIONS));
        assertEquals(24, id.length());
        assertTrue(id.matches("[0-9a-f]+"));
        assertNotEquals(id, Decision.idFor(DecidingFunction.RETENTION_UPDATER, "scan-1", "logs.a",
                DecisionAction.INCREASE_PARTITIONS));
        assertNotEquals(id, Decision.idFor(DecidingFunction.PARTITION_SCALER, "scan-2", "logs.a",
                DecisionAction.INCREASE_PARTITIONS));
        assertNotEquals(id, Decision.idFor(DecidingFunction.PARTITION_SCALER, "scan-1", "logs.b",
                DecisionAction.INCREASE_PARTITIONS));
        assertNotEquals(id, Decision.idFor(DecidingFunction.PARTITION_SCALER, "scan-1", "logs.a",
                DecisionAction.SET_RETENTION));
    }

    @Test
    void withOutcomeKeepsTheKey() {
        Decision intent = increase("logs.orders", "scan-1", NOW, DecisionOutcome.PENDING);
        Decision done = intent.withOutcome(DecisionOutcome.APPLIED, "increased to 12", NOW.plusSeconds(2));
        assertEquals(intent.key(), done.key());
        assertEquals(DecisionOutcome.APPLIED, done.outcome());
        assertEquals(intent.inputs(), done.inputs());
    }

    @Test
    void inputsMustBeJsonScalars() {
        assertThrows(IllegalArgumentException.class, () -> new Decision("a", NOW, DecidingFunction.PARTITION_SCALER,
                "logs.a", DecisionAction.INCREASE_PARTITIONS, 1L, 2L, "lag", Map.of("list", java.util.List.of(1)),
                "r", "on", DecisionOutcome.APPLIED, "t"));
        assertThrows(IllegalArgumentException.class, () -> new Decision("a", NOW, DecidingFunction.PARTITION_SCALER,
                "logs.a", DecisionAction.INCREASE_PARTITIONS, 1L, 2L, "lag", Map.of("rate", Double.NaN),
                "r", "on", DecisionOutcome.APPLIED, "t"));
    }
}
