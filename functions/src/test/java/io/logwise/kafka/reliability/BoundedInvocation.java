package io.logwise.kafka.reliability;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.handler.JsonHandler;
import io.logwise.kafka.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One handler invocation through its Lambda entry point, with Lambda's remaining time and a hard bound on the
 * caller's side: a hang is reported as such instead of blocking the test.
 */
final class BoundedInvocation {

    /** How an invocation ended: a JSON result, an exception, or no end within the bound. */
    sealed interface Outcome {
        record Result(JsonNode json) implements Outcome { }
        record Failure(Throwable error) implements Outcome { }
        record Hang(Duration bound) implements Outcome { }
    }

    private BoundedInvocation() {
    }

    static Outcome invoke(JsonHandler handler, byte[] event, Duration lambdaRemaining, Duration bound) {
        ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bounded-invocation");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<Outcome> call = worker.submit(() -> {
                ByteArrayOutputStream output = new ByteArrayOutputStream();
                try {
                    handler.handleRequest(new ByteArrayInputStream(event), output, context(lambdaRemaining));
                } catch (Throwable error) {
                    return new Outcome.Failure(error);
                }
                try {
                    JsonNode json = Json.MAPPER.readTree(output.toByteArray());
                    return json == null || json.isMissingNode()
                            ? new Outcome.Failure(new AssertionError("empty result"))
                            : new Outcome.Result(json);
                } catch (Exception notJson) {
                    return new Outcome.Failure(new AssertionError("the result is not JSON: " + output, notJson));
                }
            });
            return call.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return new Outcome.Hang(bound);
        } catch (Exception e) {
            return new Outcome.Failure(e);
        } finally {
            worker.shutdownNow();
        }
    }

    /** A Lambda context that only knows the remaining time, which is all the handlers read. */
    static Context context(Duration remaining) {
        long deadline = System.nanoTime() + remaining.toNanos();
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getRemainingTimeInMillis" ->
                            (int) Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                    case "getAwsRequestId" -> "hostile-" + System.nanoTime();
                    case "toString" -> "test context";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }
}
