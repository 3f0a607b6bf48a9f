package io.logwise.kafka.local;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The part of Lambda's Runtime API (version 2018-06-01) a runtime uses to serve one event, on the JDK's HttpServer:
 * GET invocation/next, POST invocation/{id}/response, POST invocation/{id}/error and POST init/error, plus SnapStart's
 * GET restore/next and POST restore/error. Outcomes go to the {@link InvocationSession}; printing them and exiting is
 * the caller's business.
 *
 * <p>A runtime client started with {@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start} asks for restore/next once init
 * is done: that is when Lambda takes the snapshot, and the request returns only in a restored copy. Here the JVM simply
 * carries on: the request runs the snapshot hook (what the snapshot would hold) and is answered at once.
 */
final class RuntimeApiServer implements AutoCloseable {

    static final String BASE_PATH = "/2018-06-01/runtime";
    private static final String NEXT = BASE_PATH + "/invocation/next";
    private static final String INVOCATION = BASE_PATH + "/invocation/";
    private static final String INIT_ERROR = BASE_PATH + "/init/error";
    private static final String RESTORE_NEXT = BASE_PATH + "/restore/next";
    private static final String RESTORE_ERROR = BASE_PATH + "/restore/error";
    private static final String ACCEPTED = "{\"status\":\"OK\"}";

    private final HttpServer server;
    private final ExecutorService executor;
    private final InvocationSession session;
    private final Runnable atSnapshot;
    private final CountDownLatch closed = new CountDownLatch(1);

    private RuntimeApiServer(HttpServer server, ExecutorService executor, InvocationSession session,
                             Runnable atSnapshot) {
        this.server = server;
        this.executor = executor;
        this.session = session;
        this.atSnapshot = atSnapshot;
    }

    /** Binds the address (a java.net.BindException when it is taken) and starts serving. */
    static RuntimeApiServer start(InetSocketAddress address, InvocationSession session) throws IOException {
        return start(address, session, () -> { });
    }

    /**
     * As {@link #start(InetSocketAddress, InvocationSession)}; {@code atSnapshot} runs when the runtime asks for
     * restore/next, before it is answered, while the runtime client waits as it would for Lambda's snapshot.
     */
    static RuntimeApiServer start(InetSocketAddress address, InvocationSession session, Runnable atSnapshot)
            throws IOException {
        HttpServer server = HttpServer.create(address, 16);
        // A second GET next blocks until the process ends, so requests need threads of their own.
        ExecutorService executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "runtime-api");
            thread.setDaemon(true);
            return thread;
        });
        RuntimeApiServer api = new RuntimeApiServer(server, executor, session, atSnapshot);
        server.createContext("/", api::handle);
        server.setExecutor(executor);
        server.start();
        return api;
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if ("GET".equals(method) && NEXT.equals(path)) {
                next(exchange);
            } else if ("POST".equals(method) && INIT_ERROR.equals(path)) {
                finish(exchange, body -> new Outcome.InitError(body));
            } else if ("GET".equals(method) && RESTORE_NEXT.equals(path)) {
                restoreNext(exchange);
            } else if ("POST".equals(method) && RESTORE_ERROR.equals(path)) {
                finish(exchange, body -> new Outcome.RestoreError(body));
            } else if ("POST".equals(method) && path.startsWith(INVOCATION)) {
                invocationResult(exchange, path.substring(INVOCATION.length()));
            } else {
                send(exchange, 404, error("UnknownRoute", "no such Runtime API route: " + method + " " + path));
            }
        } finally {
            exchange.close();
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        Optional<InvocationSession.Started> started = session.start();
        if (started.isEmpty()) {
            awaitClose(); // Lambda keeps a runtime that asks for more waiting until it freezes or ends it.
            return;
        }
        Invocation invocation = started.get().invocation();
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(started.get().deadlineEpochMillis()));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", invocation.functionArn());
        headers.set("Lambda-Runtime-Trace-Id", invocation.traceId());
        byte[] payload = invocation.payload();
        exchange.sendResponseHeaders(200, payload.length == 0 ? -1 : payload.length);
        exchange.getResponseBody().write(payload);
    }

    private void restoreNext(HttpExchange exchange) throws IOException {
        atSnapshot.run();
        exchange.sendResponseHeaders(200, -1);
    }

    private void invocationResult(HttpExchange exchange, String idAndResult) throws IOException {
        String requestId = session.invocation().requestId();
        if (idAndResult.equals(requestId + "/response")) {
            finish(exchange, Outcome.Response::new);
        } else if (idAndResult.equals(requestId + "/error")) {
            finish(exchange, Outcome.FunctionError::new);
        } else {
            send(exchange, 400, error("InvalidRequestID", "unknown invocation: " + idAndResult));
        }
    }

    private void finish(HttpExchange exchange, Function<byte[], Outcome> outcome) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        if (session.finish(outcome.apply(body))) {
            send(exchange, 202, ACCEPTED);
        } else {
            send(exchange, 403, error("InvalidStateTransition", "the invocation already has an outcome"));
        }
    }

    private void awaitClose() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String error(String type, String message) {
        return "{\"errorMessage\":" + Outcome.quote(message) + ",\"errorType\":" + Outcome.quote(type) + "}";
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }
}
