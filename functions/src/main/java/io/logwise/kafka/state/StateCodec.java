package io.logwise.kafka.state;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logwise.kafka.json.Json;
import java.io.IOException;
import java.time.DateTimeException;

/**
 * The values of the state topic: UTF-8 JSON objects with a {@code schema} version first. Readers accept fields they
 * do not know (a newer writer may add some) and refuse a schema version above {@link #SCHEMA_VERSION}.
 * Decoding failures are {@link UnreadableStateException}s so a reader can skip one bad record and go on.
 */
public final class StateCodec {

    public static final int SCHEMA_VERSION = 1;
    public static final String SCHEMA_FIELD = "schema";

    private static final ObjectReader TOLERANT = Json.MAPPER.reader()
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private StateCodec() {
    }

    public static byte[] encode(Decision decision) {
        return write(Json.MAPPER.valueToTree(decision));
    }

    public static Decision decodeDecision(byte[] value) {
        return read(value, Decision.class);
    }

    public static byte[] encode(RetentionExtension extension) {
        return write(Json.MAPPER.valueToTree(extension));
    }

    public static RetentionExtension decodeExtension(byte[] value) {
        return read(value, RetentionExtension.class);
    }

    public static byte[] encode(ScanSnapshot snapshot) {
        try {
            return SnapshotCodec.write(snapshot);
        } catch (IOException e) {
            throw new IllegalStateException("could not write a scan snapshot as JSON", e);
        }
    }

    public static ScanSnapshot decodeSnapshot(byte[] value) {
        try {
            return SnapshotCodec.read(value);
        } catch (IOException e) {
            throw new UnreadableStateException("not JSON: " + Json.firstLine(e.getMessage()), e);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new UnreadableStateException("not a scan snapshot: " + e.getMessage(), e);
        }
    }

    private static byte[] write(ObjectNode fields) {
        ObjectNode value = Json.MAPPER.createObjectNode().put(SCHEMA_FIELD, SCHEMA_VERSION);
        value.setAll(fields);
        try {
            return Json.MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("could not write a state value as JSON", e);
        }
    }

    private static <T> T read(byte[] value, Class<T> type) {
        JsonNode body = body(value);
        try {
            return TOLERANT.forType(type).readValue(body);
        } catch (IOException | IllegalArgumentException e) {
            throw new UnreadableStateException(
                    "not a " + type.getSimpleName() + ": " + Json.firstLine(e.getMessage()), e);
        }
    }

    /** The value's fields without the schema version, once the version is known to be readable. */
    private static JsonNode body(byte[] value) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(value);
        } catch (IOException e) {
            throw new UnreadableStateException("not JSON: " + Json.firstLine(e.getMessage()), e);
        }
        if (node == null || !node.isObject()) {
            throw new UnreadableStateException("not a JSON object");
        }
        JsonNode schema = node.get(SCHEMA_FIELD);
        requireReadable(schema == null || !schema.canConvertToInt() ? null : schema.intValue());
        ((ObjectNode) node).remove(SCHEMA_FIELD);
        return node;
    }

    /** @param schema a value's schema version, null when it has none */
    static void requireReadable(Integer schema) {
        if (schema == null) {
            throw new UnreadableStateException("no schema version");
        }
        if (schema > SCHEMA_VERSION || schema < 1) {
            throw new UnreadableStateException("schema version " + schema + " is not readable by this"
                    + " version (reads up to " + SCHEMA_VERSION + ")");
        }
    }
}
