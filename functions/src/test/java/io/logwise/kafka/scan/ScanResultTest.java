package io.logwise.kafka.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logwise.kafka.error.InvalidRequestException;
import io.logwise.kafka.json.Json;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScanResultTest {

    private static final Instant AT = Instant.parse("2026-12-01T09:00:00Z");
    private static final Path EVENTS = Path.of(System.getProperty("logwise.root", ".."), "events");

    private static TopicSummary topic(String name, int partitions, Verdict verdict) {
        return new TopicSummary(name, partitions, 0, verdict, 3_600_000L, 50_000, null, null, null, null);
    }

    @Test
    void aBuiltResultCountsItsTopicsAndPartitionsUnlessTold() {
        List<TopicSummary> topics = List.of(topic("logs.a", 3, Verdict.LAGGING), topic("logs.b", 6, Verdict.OK));
        ScanResult built = ScanResult.builder("s", AT).prefix("logs.").topics(topics).build();

        assertEquals(2, built.topicCount());
        assertEquals(9, built.partitionCount());
        assertFalse(built.partial());
        assertEquals(List.of(), built.problems());
        assertNull(built.omittedTopics());
        assertEquals(Map.of(Verdict.LAGGING, 1, Verdict.OK, 1), ScanResult.countVerdicts(topics));
    }

    @Test
    void toBuilderChangesOnlyWhatItIsTold() {
        ScanResult full = ScanResult.builder("s", AT).durationMs(12).partial(true).prefix("logs.").narrowed(true)
                .topics(List.of(topic("logs.a", 3, Verdict.LAGGING), topic("logs.b", 6, Verdict.OK)))
                .problems(List.of("p")).verdictCounts(Map.of(Verdict.LAGGING, 1, Verdict.OK, 1)).build();

        ScanResult cut = full.toBuilder().topics(List.of(full.topics().get(0))).omittedTopics(1).build();

        assertEquals(new ScanResult("s", AT, 12, true, "logs.", 2, 9, List.of(full.topics().get(0)), List.of("p"),
                true, full.verdictCounts(), 1), cut);
        assertNull(full.toBuilder().omittedTopics(0).build().omittedTopics(), "0 omitted is none");
    }

    @Test
    void aResultWrittenWithActionsIsStillReadAndTheActionsIgnored() throws Exception {
        ObjectNode sample = (ObjectNode) Json.MAPPER.readTree(EVENTS.resolve("lag-scan-result.json").toFile());
        ScanResult expected = ScanResults.read(sample);
        sample.putArray("actions").addObject().put("topic", "logs.order-service").put("kind", "PROTECT_RETENTION")
                .put("reason", "written by an older scanner");

        assertEquals(expected, ScanResults.read(sample));
        assertFalse(Json.MAPPER.writeValueAsString(expected).contains("actions"), "not written any more");
    }

    @Test
    void anUnknownFieldOtherThanActionsIsStillRefused() throws Exception {
        ObjectNode sample = (ObjectNode) Json.MAPPER.readTree(EVENTS.resolve("lag-scan-result.json").toFile());
        sample.put("verdictz", 1);

        assertThrows(InvalidRequestException.class, () -> ScanResults.read(sample));
    }

    @Test
    void theSampleResultIsPlausibleAndFiguresNoScannerWritesAreRefused() throws Exception {
        ObjectNode sample = (ObjectNode) Json.MAPPER.readTree(EVENTS.resolve("lag-scan-result.json").toFile());
        ScanResults.requirePlausible(ScanResults.read(sample));

        for (String path : List.of("/topics/0/worst/lag", "/topics/0/consumers/0/laggingPartitions",
                "/topics/0/consumers/0/consumeRatePerSec", "/topics/0/ingestRatePerSec",
                "/topics/0/maxLagPerPartition")) {
            ObjectNode spoilt = sample.deepCopy();
            String parent = path.substring(0, path.lastIndexOf('/'));
            ((ObjectNode) spoilt.at(parent)).put(path.substring(path.lastIndexOf('/') + 1), -1);
            ScanResult read = ScanResults.read(spoilt);

            InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                    () -> ScanResults.requirePlausible(read), path);
            assertTrue(refused.getMessage().contains("no scan produces"), refused.getMessage());
        }
        ObjectNode noVerdict = sample.deepCopy();
        ((ObjectNode) noVerdict.at("/topics/0")).remove("verdict");
        ScanResult withoutVerdict = ScanResults.read(noVerdict);
        assertThrows(InvalidRequestException.class, () -> ScanResults.requirePlausible(withoutVerdict));
    }
}
