package io.logwise.kafka.local;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Runtime API as a runtime client sees it, over real HTTP on loopback. */
class RuntimeApiServerTest {

    private static final String REQUEST_ID = "8476a536-e9f4-4f40-9a28-3a3e5ffa5f70";
    private static final String FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:lag-scanner";
    private static final String TRACE_ID = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0";
    private static final byte[] EVENT = "{\"detail-type\":\"Scheduled Event\"}".getBytes(UTF_8);
    private final HttpClient http = HttpClient.newHttpClient();
    private InvocationSession session;
    private RuntimeApiServer server;

    @BeforeEach
    void start() throws IOException {
        Invocation invocation = new Invocation(REQUEST_ID, FUNCTION_ARN, TRACE_ID, EVENT, Duration.ofSeconds(45));
        session = new InvocationSession(invocation, Duration.ofSeconds(10));
        server = RuntimeApiServer.start(new InetSocketAddress("127.0.0.1", 0), session);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + RuntimeApiServer.BASE_PATH + path);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void nextHandsOutTheEventWithLambdasHeaders() throws Exception {
        long before = System.currentTimeMillis();
        HttpResponse<String> next = get("/invocation/next");

        assertEquals(200, next.statusCode());
        assertArrayEquals(EVENT, next.body().getBytes(UTF_8));
        var headers = next.headers();
        assertEquals(Optional.of(REQUEST_ID), headers.firstValue("Lambda-Runtime-Aws-Request-Id"));
        assertEquals(Optional.of(FUNCTION_ARN), headers.firstValue("Lambda-Runtime-Invoked-Function-Arn"));
        assertEquals(Optional.of(TRACE_ID), headers.firstValue("Lambda-Runtime-Trace-Id"));
        long deadline = Long.parseLong(headers.firstValue("Lambda-Runtime-Deadline-Ms").orElseThrow());
        assertTrue(deadline >= before + 45_000 && deadline <= System.currentTimeMillis() + 45_000, "" + deadline);
    }

    @Test
    void aPostedResponseEndsTheInvocation() throws Exception {
        get("/invocation/next");

        HttpResponse<String> accepted = post("/invocation/" + REQUEST_ID + "/response", "{\"n\":1}");

        assertEquals(202, accepted.statusCode());
        Outcome outcome = session.outcome().orElseThrow();
        assertInstanceOf(Outcome.Response.class, outcome);
        assertEquals("{\"n\":1}", new String(outcome.payload(), UTF_8));
    }

    @Test
    void aPostedErrorIsAFunctionError() throws Exception {
        get("/invocation/next");

        assertEquals(202, post("/invocation/" + REQUEST_ID + "/error",
                "{\"errorType\":\"x.Y\",\"errorMessage\":\"m\"}").statusCode());

        assertEquals(Optional.of("x.Y"), session.outcome().orElseThrow().errorType());
        assertInstanceOf(Outcome.FunctionError.class, session.outcome().orElseThrow());
    }

    @Test
    void anInitErrorEndsTheInvocationBeforeItStarts() throws Exception {
        assertEquals(202, post("/init/error", "{\"errorType\":\"java.lang.IllegalStateException\"}").statusCode());

        assertInstanceOf(Outcome.InitError.class, session.outcome().orElseThrow());
    }

    @Test
    void aResultForAnotherRequestIsRefused() throws Exception {
        get("/invocation/next");

        HttpResponse<String> refused = post("/invocation/some-other-id/response", "{}");

        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("InvalidRequestID"), refused.body());
        assertEquals(Optional.empty(), session.outcome());
    }

    @Test
    void aSecondResultIsRefused() throws Exception {
        get("/invocation/next");
        post("/invocation/" + REQUEST_ID + "/response", "{}");

        HttpResponse<String> refused = post("/invocation/" + REQUEST_ID + "/error", "{}");

        assertEquals(403, refused.statusCode());
        assertInstanceOf(Outcome.Response.class, session.outcome().orElseThrow());
    }

    @Test
    void anUnknownRouteIsNotFound() throws Exception {
        assertEquals(404, get("/restore/later").statusCode());
        assertEquals(404, post("/restore/next", "").statusCode());
    }

    @Test
    void restoreNextRunsTheSnapshotHookBeforeAnsweringAndLeavesTheEventForNext() throws Exception {
        server.close();
        CountDownLatch snapshotTaken = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        server = RuntimeApiServer.start(new InetSocketAddress("127.0.0.1", 0), session, () -> {
            snapshotTaken.countDown();
            await(release);
        });

        CompletableFuture<HttpResponse<String>> restored = http.sendAsync(
                HttpRequest.newBuilder(uri("/restore/next")).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertTrue(snapshotTaken.await(5, TimeUnit.SECONDS), "the snapshot hook did not run");
        Thread.sleep(200);
        assertFalse(restored.isDone(), "restore/next was answered before the snapshot hook returned");
        release.countDown();
        assertEquals(200, restored.get(5, TimeUnit.SECONDS).statusCode());
        assertEquals(Optional.empty(), session.outcome());
        assertArrayEquals(EVENT, get("/invocation/next").body().getBytes(UTF_8));
    }

    @Test
    void aRestoreErrorEndsTheInvocationLikeAnInitError() throws Exception {
        assertEquals(200, get("/restore/next").statusCode());

        HttpResponse<String> accepted = post("/restore/error",
                "{\"errorMessage\":\"no connection after restore\",\"errorType\":\"java.io.UncheckedIOException\"}");

        assertEquals(202, accepted.statusCode());
        Outcome outcome = session.outcome().orElseThrow();
        assertInstanceOf(Outcome.RestoreError.class, outcome);
        assertEquals(Optional.of("java.io.UncheckedIOException"), outcome.errorType());
        assertEquals(Outcome.EXIT_FUNCTION_ERROR, outcome.exitCode());
        assertEquals(Optional.empty(), session.invokeDuration(), "the event was never handed out");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aSecondNextWaitsUntilTheRuntimeEnds() throws Exception {
        get("/invocation/next");

        CompletableFuture<HttpResponse<String>> second = http.sendAsync(
                HttpRequest.newBuilder(uri("/invocation/next")).GET().build(), HttpResponse.BodyHandlers.ofString());

        Thread.sleep(300);
        assertFalse(second.isDone(), "a second event was handed out");
        server.close();
        second.handle((response, error) -> null).get(5, TimeUnit.SECONDS);
    }
}
