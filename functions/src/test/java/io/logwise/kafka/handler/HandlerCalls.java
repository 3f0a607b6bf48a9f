package io.logwise.kafka.handler;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Invokes a handler through its Lambda entry point (stream in, stream out), as the runtime does. */
final class HandlerCalls {

    private HandlerCalls() {
    }

    static JsonNode invoke(JsonHandler handler, String event) throws Exception {
        var output = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), output, null);
        return Json.MAPPER.readTree(output.toByteArray());
    }
}
