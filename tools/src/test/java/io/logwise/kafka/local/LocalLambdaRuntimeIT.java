package io.logwise.kafka.local;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logwise.kafka.local.fixtures.BrokenInitHandler;
import io.logwise.kafka.local.fixtures.FailingHandler;
import io.logwise.kafka.local.fixtures.FailingRestoreHandler;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * scripts/invoke end to end: one JVM with the local Runtime API and the real Lambda runtime interface client (and its
 * native client), running fixture handlers from the test classes next to the deployment jar. Needs the package phase
 * (the jar and target/local-runtime); it never builds (LOGWISE_INVOKE_NO_BUILD).
 */
class LocalLambdaRuntimeIT {

    private static final Path ROOT = Path.of(System.getProperty("logwise.root", "..")).toAbsolutePath().normalize();
    private static final Path SCHEDULED_EVENT = ROOT.resolve("events/scheduled-event.json");
    private static final String FIXTURES = "io.logwise.kafka.local.fixtures.";
    private static final Pattern REQUEST_ID = Pattern.compile("REPORT RequestId: ([0-9a-f-]{36})\t");
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Run(int exitCode, String stdout, String stderr, Duration elapsed) {
        JsonNode json() throws IOException {
            assertTrue(stdout.endsWith("}\n") && stdout.indexOf('\n') == stdout.length() - 1,
                    "stdout must be one JSON document on one line, was: " + stdout);
            return JSON.readTree(stdout);
        }

        /** The JSON document on stdout, once the exit code is {@code expectedExitCode} (stderr shown if not). */
        JsonNode json(int expectedExitCode) throws IOException {
            assertEquals(expectedExitCode, exitCode, stderr);
            return json();
        }

        String requestId() {
            Matcher matcher = REQUEST_ID.matcher(stderr);
            assertTrue(matcher.find(), "no REPORT line in stderr: " + stderr);
            return matcher.group(1);
        }
    }

    private static Run invoke(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("scripts/invoke").toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("invoke", ".out");
        Path err = Files.createTempFile("invoke", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("AWS_") || name.equals("_HANDLER"));
            builder.environment().put("LOGWISE_INVOKE_NO_BUILD", "1");
            builder.environment().putAll(env);
            long started = System.nanoTime();
            Process process = builder.start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("scripts/invoke did not finish within 2 minutes: " + Files.readString(err));
            }
            return new Run(process.exitValue(), Files.readString(out, UTF_8), Files.readString(err, UTF_8),
                    Duration.ofNanos(System.nanoTime() - started));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static Run invoke(String... args) throws IOException, InterruptedException {
        return invoke(Map.of(), args);
    }

    /** A fixture handler, by its name in the fixtures package, invoked with the scheduled event. */
    private static Run invokeFixtureOnScheduledEvent(String handler) throws IOException, InterruptedException {
        return invoke(FIXTURES + handler, SCHEDULED_EVENT.toString());
    }

    private static String resource(String name) throws URISyntaxException {
        return Path.of(LocalLambdaRuntimeIT.class.getResource(name).toURI()).toString();
    }

    @Test
    void theHandlerGetsTheEventLambdasContextAndTheEnvironmentAndOnlyItsResponseReachesStdout() throws Exception {
        String event = resource("/local-runtime/echo-event.json");

        Run run = invoke(Map.of("LOGWISE_INHERITED", "from the caller"), "--timeout", "30",
                "--env", "KAFKA_BOOTSTRAP_SERVERS=broker-1:9092,broker-2:9092", FIXTURES + "EchoHandler::handleRequest",
                event);

        JsonNode reply = run.json(0);
        assertEquals(JSON.readTree(Path.of(event).toFile()), reply.get("event"));
        assertEquals("EchoHandler", reply.get("functionName").asText());
        assertEquals("$LATEST", reply.get("functionVersion").asText());
        assertEquals("arn:aws:lambda:us-east-1:123456789012:function:EchoHandler",
                reply.get("invokedFunctionArn").asText());
        assertEquals(run.requestId(), reply.get("awsRequestId").asText());
        long remaining = reply.get("remainingTimeInMillis").asLong();
        assertTrue(remaining > 0 && remaining <= 30_000, "remaining time " + remaining + " ms");
        assertEquals(512, reply.get("memoryLimitInMB").asInt());
        assertEquals("/aws/lambda/EchoHandler", reply.get("logGroupName").asText());
        JsonNode environment = reply.get("environment");
        assertEquals("broker-1:9092,broker-2:9092", environment.get("KAFKA_BOOTSTRAP_SERVERS").asText());
        assertEquals("from the caller", environment.get("LOGWISE_INHERITED").asText());
        assertEquals("us-east-1", environment.get("AWS_REGION").asText());
        assertEquals(":UTC", environment.get("TZ").asText());
        for (String line : List.of("echo-fixture: System.out line", "echo-fixture: context logger line",
                "echo-fixture: SLF4J line")) {
            assertTrue(run.stderr().contains(line), "missing on stderr: " + line);
        }
        assertTrue(run.stderr().contains("\tStatus: success"), run.stderr());
    }

    @Test
    void aPojoHandlerGoesThroughLambdasOwnSerialization() throws Exception {
        Run run = invokeFixtureOnScheduledEvent("MapHandler::handleRequest");

        JsonNode reply = run.json(0);
        assertEquals("Scheduled Event", reply.get("detailType").asText());
        assertEquals("aws.events", reply.get("source").asText());
        assertEquals("[\"account\",\"detail\",\"detail-type\",\"id\",\"region\",\"resources\",\"source\",\"time\","
                + "\"version\"]", reply.get("keys").toString());
    }

    @Test
    void theBareHandlersResponseIsPrintedExactly() throws Exception {
        Run run = invokeFixtureOnScheduledEvent("BareHandler");

        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("{}\n", run.stdout());
    }

    @Test
    void snapStartPrintsOneSnapshotLineBetweenInitAndTheInvocation() throws Exception {
        for (List<String> snapStart : List.of(List.of("--snapstart"),
                List.of("--env", "AWS_LAMBDA_INITIALIZATION_TYPE=snap-start"))) {
            List<String> command = new ArrayList<>(snapStart);
            command.addAll(List.of(FIXTURES + "BareHandler", SCHEDULED_EVENT.toString()));

            Run run = invoke(command.toArray(String[]::new));

            assertEquals(0, run.exitCode(), snapStart + ": " + run.stderr());
            assertEquals("{}\n", run.stdout());
            List<String> snapshotLines = run.stderr().lines().filter(line -> line.startsWith("SNAPSHOT ")).toList();
            assertEquals(List.of("SNAPSHOT Kafka client threads: none\tOpen connections: none"), snapshotLines,
                    snapStart + ": " + run.stderr());
            assertTrue(run.stderr().indexOf("SNAPSHOT ") < run.stderr().indexOf("REPORT RequestId"), run.stderr());
        }
        assertFalse(invoke(FIXTURES + "BareHandler", SCHEDULED_EVENT.toString()).stderr().contains("SNAPSHOT "),
                "a SNAPSHOT line without SnapStart");
    }

    @Test
    void aFailingAfterRestoreHookIsReportedLikeAnInitError() throws Exception {
        String handler = FIXTURES + "FailingRestoreHandler::handleRequest";

        Run restored = invoke("--snapstart", handler, SCHEDULED_EVENT.toString());

        JsonNode error = restored.json(1);
        // The runtime client posts CRaC's RestoreException; the hook's own exception is a suppressed one, in the log.
        assertEquals("com.amazonaws.services.lambda.crac.RestoreException", error.get("errorType").asText());
        assertTrue(restored.stderr().contains(FailingRestoreHandler.MESSAGE), restored.stderr());
        assertTrue(restored.stderr().contains("restore-fixture: beforeCheckpoint"), restored.stderr());
        assertTrue(restored.stderr().contains("SNAPSHOT Kafka client threads: none"), restored.stderr());
        assertTrue(restored.stderr().contains("\tStatus: error\tError Type: " + error.get("errorType").asText()),
                restored.stderr());
        Run onDemand = invoke(handler, SCHEDULED_EVENT.toString());
        assertEquals(0, onDemand.exitCode(), "without SnapStart the hooks never run: " + onDemand.stderr());
    }

    @Test
    void aThrowingHandlerGivesLambdasErrorDocumentAndExitCodeOne() throws Exception {
        Run run = invokeFixtureOnScheduledEvent("FailingHandler::handleRequest");

        JsonNode error = run.json(1);
        assertEquals("java.lang.IllegalStateException", error.get("errorType").asText());
        assertEquals(FailingHandler.MESSAGE, error.get("errorMessage").asText());
        assertTrue(error.get("stackTrace").get(0).asText().startsWith(FIXTURES + "FailingHandler.handleRequest"),
                error.toString());
        assertTrue(run.stderr().contains("\tStatus: error\tError Type: java.lang.IllegalStateException"),
                run.stderr());
    }

    @Test
    void aHandlerThatOverrunsTheTimeoutIsStoppedWithLambdasTimeoutError() throws Exception {
        Run run = invoke("--timeout", "1", FIXTURES + "SleepingHandler::handleRequest", SCHEDULED_EVENT.toString());

        JsonNode error = run.json(3);
        assertEquals("Sandbox.Timedout", error.get("errorType").asText());
        assertEquals("RequestId: " + run.requestId() + " Error: Task timed out after 1.00 seconds",
                error.get("errorMessage").asText());
        // Stopped after its 1 s, not after the ten minutes it sleeps: the JVM's start on a busy machine is the rest.
        assertTrue(run.elapsed().compareTo(Duration.ofSeconds(60)) < 0, "took " + run.elapsed());
        assertTrue(run.stderr().contains("\tStatus: timeout"), run.stderr());
    }

    @Test
    void aHandlerThatCannotBeConstructedIsAnInitError() throws Exception {
        Run run = invokeFixtureOnScheduledEvent("BrokenInitHandler::handleRequest");

        JsonNode error = run.json(1);
        assertEquals("java.lang.IllegalStateException", error.get("errorType").asText());
        assertEquals(BrokenInitHandler.MESSAGE, error.get("errorMessage").asText());
    }

    @Test
    void aMissingHandlerClassIsReportedAsLambdaReportsIt() throws Exception {
        Run run = invokeFixtureOnScheduledEvent("NoSuchHandler::handleRequest");

        JsonNode error = run.json(1);
        assertEquals("java.lang.ClassNotFoundException", error.get("errorType").asText());
        assertEquals("Class not found: " + FIXTURES + "NoSuchHandler", error.get("errorMessage").asText());
    }

    @Test
    void aHandlerThatExitsTheProcessFailsEvenWithStatusZero() throws Exception {
        Run run = invokeFixtureOnScheduledEvent("ExitingHandler::handleRequest");

        assertEquals("Runtime.ExitError", run.json(1).get("errorType").asText());
    }

    @Test
    void anUnknownFunctionNameIsAUsageErrorListingTheValidOnes() throws Exception {
        Run run = invoke("lag-scaner", SCHEDULED_EVENT.toString());

        assertEquals(2, run.exitCode());
        assertEquals("", run.stdout());
        assertTrue(run.stderr().contains("unknown function 'lag-scaner'"), run.stderr());
        for (String name : List.of("topic-provisioner", "lag-scanner", "partition-scaler", "retention-updater")) {
            assertTrue(run.stderr().contains(name), "valid name not listed: " + name);
        }
    }

    @Test
    void aMissingEventFileIsAUsageError() throws Exception {
        Run run = invoke("lag-scanner", "events/no-such-event.json");

        assertEquals(2, run.exitCode());
        assertEquals("", run.stdout());
        assertTrue(run.stderr().contains("event file not found or not readable: events/no-such-event.json"),
                run.stderr());
    }

    @Test
    void badOptionsAreUsageErrors() throws Exception {
        for (List<String> args : List.of(List.of("--timeout", "0"), List.of("--timeout", "soon"),
                List.of("--env", "_HANDLER=x.Y::z"), List.of("--env", "NO_EQUALS_SIGN"), List.of("--table"))) {
            List<String> command = new ArrayList<>(args);
            command.addAll(List.of(FIXTURES + "BareHandler", SCHEDULED_EVENT.toString()));

            Run run = invoke(command.toArray(String[]::new));

            assertEquals(2, run.exitCode(), args + ": " + run.stderr());
            assertEquals("", run.stdout(), args.toString());
            assertFalse(run.stderr().isBlank(), args.toString());
        }
    }
}
