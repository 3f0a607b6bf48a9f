package io.logwise.kafka.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.error.LogwiseException;
import io.logwise.kafka.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Template for the four handlers: read one JSON event, hand it to plain Java, write the result as JSON. Failures
 * propagate to the Lambda runtime, which reports the exception's class as {@code errorType}; they are logged as one
 * JSON line with the type and message only (no stack trace, no secret).
 */
public abstract class JsonHandler implements RequestStreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(JsonHandler.class);

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        try {
            JsonNode event = Json.readEvent(input);
            Object result = handle(event, remainingTime(context));
            Json.MAPPER.writeValue(output, result);
        } catch (LogwiseException e) {
            LOG.error("{} failed ({}): {}", getClass().getSimpleName(), e.reason(), e.getMessage());
            throw e;
        }
    }

    /** Handles one parsed event within {@code remaining} time; returns the JSON-serialisable result. */
    protected abstract Object handle(JsonNode event, Duration remaining);

    private static Duration remainingTime(Context context) {
        return context == null ? Duration.ofMinutes(1) : Duration.ofMillis(context.getRemainingTimeInMillis());
    }
}
