package io.logwise.kafka.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.logwise.kafka.infra.settings.LogwiseFunction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The sample events in events/ and Lambda's destination event reach exactly the functions they are meant for. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventRoutingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private TemplateFacts facts;

    @BeforeAll
    void synthesize() {
        facts = TemplateFacts.of(TestApps.stack("msk-iam-example"));
    }

    static Stream<Arguments> sampleRequests() {
        return Stream.of(
                Arguments.of("eventbridge-provision-request.json", LogwiseFunction.TOPIC_PROVISIONER),
                Arguments.of("eventbridge-scale-request.json", LogwiseFunction.PARTITION_SCALER),
                Arguments.of("eventbridge-retention-request.json", LogwiseFunction.RETENTION_UPDATER));
    }

    @ParameterizedTest
    @MethodSource("sampleRequests")
    void eachSampleRequestReachesOnlyItsFunction(String file, LogwiseFunction expected) throws IOException {
        Map<?, ?> event = JSON.readValue(TestApps.REPO_ROOT.resolve("events").resolve(file).toFile(), Map.class);
        assertEquals("logwise.kafka", event.get("source"));
        assertTrue(event.get("detail") instanceof Map<?, ?> detail && !detail.isEmpty(), "the request is the detail");
        assertEquals(Set.of(expected), receivers(event));
    }

    @Test
    void theScannersSuccessResultReachesTheScalerAndTheRetentionUpdater() {
        assertEquals(Set.of(LogwiseFunction.PARTITION_SCALER, LogwiseFunction.RETENTION_UPDATER),
                receivers(destinationEvent("<LagScannerFunction.Arn>:live")));
        assertEquals(Set.of(LogwiseFunction.PARTITION_SCALER, LogwiseFunction.RETENTION_UPDATER),
                receivers(destinationEvent("<LagScannerFunction.Arn>:$LATEST")));
    }

    @Test
    void otherFunctionsResultsAndScheduledEventsOnTheBusReachNobody() {
        assertEquals(Set.of(), receivers(destinationEvent("<PartitionScalerFunction.Arn>:live")));
        assertEquals(Set.of(), receivers(Map.of("source", "aws.events", "detail-type", "Scheduled Event",
                "detail", Map.of())));
        assertEquals(Set.of(), receivers(Map.of("source", "someone.else", "detail-type", "Scale Partitions",
                "detail", Map.of("topic", "logs.x", "partitions", 3))));
    }

    @Test
    void onlyTheThreeRequestFilesAreInfrasOwn() throws IOException {
        try (Stream<Path> files = Files.list(TestApps.REPO_ROOT.resolve("events"))) {
            Set<String> bus = new TreeSet<>(files.map(p -> p.getFileName().toString())
                    .filter(name -> name.startsWith("eventbridge-")).toList());
            assertEquals(Set.of("eventbridge-provision-request.json", "eventbridge-retention-request.json",
                    "eventbridge-scale-request.json"), bus);
        }
    }

    /** Lambda's on-success destination event, as documented, with the scan result in detail.responsePayload. */
    private static Map<String, Object> destinationEvent(String functionArn) {
        return Map.of(
                "version", "0",
                "source", "lambda",
                "detail-type", "Lambda Function Invocation Result - Success",
                "resources", List.of(),
                "detail", Map.of(
                        "version", "1.0",
                        "requestContext", Map.of("requestId", "c1d2", "functionArn", functionArn,
                                "condition", "Success", "approximateInvokeCount", 1),
                        "responseContext", Map.of("statusCode", 200, "executedVersion", "3"),
                        "responsePayload", Map.of("scanId", "2026-11-25T09:00:00Z", "topics", List.of())));
    }

    /** The functions whose alias is a target of a rule on the LogWise bus matching {@code event}. */
    private Set<LogwiseFunction> receivers(Map<?, ?> event) {
        Set<LogwiseFunction> receivers = new TreeSet<>();
        for (LogwiseFunction function : LogwiseFunction.values()) {
            boolean reached = facts.rulesTargeting(function).values().stream()
                    .filter(rule -> rule.containsKey("EventBusName"))
                    .anyMatch(rule -> EventPatterns.matches(rule.get("EventPattern"), event));
            if (reached) {
                receivers.add(function);
            }
        }
        return receivers;
    }
}
