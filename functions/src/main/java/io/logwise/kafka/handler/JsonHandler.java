package io.logwise.kafka.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.client.Deadline;
import io.logwise.kafka.client.KafkaClients;
import io.logwise.kafka.error.KafkaErrors;
import io.logwise.kafka.error.LogwiseException;
import io.logwise.kafka.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Template for the four handlers: read one JSON event, let the function check it against its settings without
 * contacting Kafka ({@link #prepare}), then run the prepared work with the container's Kafka clients before the
 * invocation's deadline and write the result as JSON. Every failure of that work is translated here, once; failures
 * propagate to the Lambda runtime, which reports the exception's class as {@code errorType}, and are logged as one
 * JSON line with the type and message only (no stack trace, no secret).
 */
public abstract class JsonHandler implements RequestStreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(JsonHandler.class);

    /** What the function does with Kafka, e.g. "scaling partitions": names the operation in its errors. */
    private final String operation;
    private final Supplier<KafkaClients> clients;

    /**
     * Reads no setting and opens no connection: both wait for the first invocation. Under SnapStart, primes what a
     * first invocation loads (see {@link SnapshotPriming}) for the snapshot.
     *
     * @param clients    the Kafka clients to use; {@code null} for the container's, built on the first invocation
     * @param resultType what {@link #prepare}'s work returns, for priming its JSON serializer
     */
    protected JsonHandler(String operation, KafkaClients clients, Class<?> resultType) {
        this.operation = operation;
        this.clients = clients == null ? KafkaClients::shared : () -> clients;
        SnapshotPriming.primeIfSnapStart(System.getenv(), resultType);
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        try {
            JsonNode event = Json.readEvent(input);
            Work work = prepare(event);
            Json.MAPPER.writeValue(output, run(work, remainingTime(context)));
        } catch (LogwiseException e) {
            LOG.error("{} failed ({}): {}", getClass().getSimpleName(), e.reason(), e.getMessage());
            throw e;
        }
    }

    /** Checks {@code event} against the function's settings and returns what to do with Kafka; contacts nothing. */
    protected abstract Work prepare(JsonNode event);

    /** One invocation's work with Kafka; returns the JSON-serialisable result. */
    @FunctionalInterface
    protected interface Work {
        Object run(KafkaInvocation kafka);
    }

    private Object run(Work work, Duration remaining) {
        KafkaClients kafka = clients.get();
        Deadline deadline = Deadline.after(remaining, kafka.factory().settings().apiTimeout());
        try (KafkaInvocation invocation = new KafkaInvocation(kafka, deadline)) {
            return work.run(invocation);
        } catch (RuntimeException e) {
            throw KafkaErrors.translate(operation, kafka.onFailure(e, deadline));
        }
    }

    private static Duration remainingTime(Context context) {
        return context == null ? Duration.ofMinutes(1) : Duration.ofMillis(context.getRemainingTimeInMillis());
    }
}
