package io.logwise.kafka.checkpoint;

import static io.logwise.kafka.testkit.SparkCheckpointFiles.offsetsFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.testkit.SparkCheckpointFiles;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OffsetLogParserTest {

    private static OffsetLogEntry parse(String content) throws MalformedCheckpointException {
        return OffsetLogParser.parse("offsets/7", content.getBytes(StandardCharsets.UTF_8));
    }

    private static String problem(String content) {
        return assertThrows(MalformedCheckpointException.class, () -> parse(content)).getMessage();
    }

    @Test
    void oneKafkaSourceAsSparkWritesIt() throws Exception {
        OffsetLogEntry entry = parse(offsetsFile(1700000000000L, "{\"logs.a\":{\"0\":10,\"1\":12}}"));

        assertEquals(Map.of("logs.a", Map.of(0, 10L, 1, 12L)), entry.offsets());
        assertEquals(Instant.ofEpochMilli(1700000000000L), entry.batchTimestamp());
        assertEquals(1, entry.kafkaSources());
    }

    @Test
    void severalTopicsAndSourcesWithSourcesWithoutOffsetAndOfOtherKinds() throws Exception {
        OffsetLogEntry entry = parse(offsetsFile(1700000000000L,
                "{\"logs.order-service\":{\"2\":1200,\"0\":1234,\"1\":1201},\"logs.b\":{\"0\":5}}",
                "-",
                "{\"logOffset\":3}",
                "{\"0\":{\"value\":5,\"runTimeMs\":1700000000000}}",
                "42",
                "{\"logs.c\":{\"0\":0}}"));

        assertEquals(Map.of(
                "logs.order-service", Map.of(0, 1234L, 1, 1201L, 2, 1200L),
                "logs.b", Map.of(0, 5L),
                "logs.c", Map.of(0, 0L)), entry.offsets());
        assertEquals(2, entry.kafkaSources());
        assertEquals(1, entry.sourcesWithoutOffset());
        assertEquals(3, entry.otherSources());
    }

    @Test
    void twoSourcesOnOneTopicGiveTheSlowerPosition() throws Exception {
        OffsetLogEntry entry = parse(offsetsFile(1L,
                "{\"logs.a\":{\"0\":10,\"1\":50}}", "{\"logs.a\":{\"0\":30,\"1\":20}}"));

        assertEquals(Map.of("logs.a", Map.of(0, 10L, 1, 20L)), entry.offsets());
    }

    /**
     * Version 2 as Spark 4.x's OffsetSeqLog.serialize writes an OffsetMap (written by hand from Spark's source):
     * {@code v2}, the metadata line, then {@code sourceId:offset} per source, no trailing newline. The id is split
     * off at the first colon, so colons inside the offset JSON stay part of it.
     */
    @Test
    void version2LinesAreKeyedBySourceId() throws Exception {
        OffsetLogEntry entry = parse("v2\n{\"batchWatermarkMs\":0,\"batchTimestampMs\":1700000000000,\"conf\":"
                + SparkCheckpointFiles.CONF + "}\n"
                + "orders_a:{\"logs.a\":{\"0\":10,\"1\":50},\"logs.b\":{\"0\":7}}\n"
                + "orders_b:{\"logs.a\":{\"0\":30,\"1\":20}}\n"
                + "1:-\n"
                + "pattern:{}\n"
                + "files:{\"logOffset\":3}");

        assertEquals(Map.of("logs.a", Map.of(0, 10L, 1, 20L), "logs.b", Map.of(0, 7L)), entry.offsets());
        assertEquals(Instant.ofEpochMilli(1700000000000L), entry.batchTimestamp());
        assertEquals(2, entry.kafkaSources());
        assertEquals(2, entry.sourcesWithoutOffset());
        assertEquals(1, entry.otherSources());
    }

    @Test
    void aKafkaSourceWithoutPartitionsCountsAsWithoutOffset() throws Exception {
        OffsetLogEntry entry = parse(offsetsFile(1L, "{}"));

        assertTrue(entry.offsets().isEmpty());
        assertEquals(0, entry.kafkaSources());
        assertEquals(1, entry.sourcesWithoutOffset());
        assertEquals(0, entry.otherSources());
    }

    @Test
    void onlySourcesWithoutOffsetIsNotAnError() throws Exception {
        OffsetLogEntry entry = parse(offsetsFile(1L, "-"));

        assertTrue(entry.offsets().isEmpty());
        assertEquals(0, entry.kafkaSources());
        assertEquals(1, entry.sourcesWithoutOffset());
    }

    @Test
    void nonNumericPartitionKeysAreNotAKafkaOffset() throws Exception {
        OffsetLogEntry entry = parse(offsetsFile(1L, "{\"logs.a\":{\"zero\":10}}", "{\"logs.b\":{\"-1\":3}}",
                "{\"logs.c\":{\"01\":3}}", "{\"logs.d\":{\"99999999999\":3}}"));

        assertTrue(entry.offsets().isEmpty());
        assertEquals(4, entry.otherSources());
    }

    @Test
    void offsetsBeyondIntegerRangeAndPartitionOrderAreKept() throws Exception {
        OffsetLogEntry entry = parse(offsetsFile(1L, "{\"logs.a\":{\"10\":9000000000000,\"9\":1}}"));

        assertEquals(Map.of(9, 1L, 10, 9_000_000_000_000L), entry.offsets().get("logs.a"));
        assertEquals("[9, 10]", entry.offsets().get("logs.a").keySet().toString());
    }

    @Test
    void metadataWithoutTimestampOrAnEmptyMetadataLineGiveNoTimestamp() throws Exception {
        assertNull(parse("v1\n\n{\"logs.a\":{\"0\":1}}").batchTimestamp());
        assertNull(parse("v1\n{\"batchWatermarkMs\":0}\n{\"logs.a\":{\"0\":1}}").batchTimestamp());
        assertNull(parse("v1\n{\"batchWatermarkMs\":0,\"batchTimestampMs\":0,\"conf\":{}}\n{\"logs.a\":{\"0\":1}}")
                .batchTimestamp());
    }

    @Test
    void newerMetadataFieldsAWindowsLineEndAndATrailingNewlineAreAccepted() throws Exception {
        OffsetLogEntry entry = parse("v1\r\n{\"batchWatermarkMs\":5,\"batchTimestampMs\":1700000000000,"
                + "\"conf\":{},\"someFutureField\":[1]}\r\n{\"logs.a\":{\"0\":1}}\n");

        assertEquals(Map.of("logs.a", Map.of(0, 1L)), entry.offsets());
        assertEquals(Instant.ofEpochMilli(1700000000000L), entry.batchTimestamp());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            empty file                | ''                                                    | is empty
            blank file                | '  '                                                  | is empty
            version line only         | v1                                                    | incomplete
            no version line           | '{"batchWatermarkMs":0}'                              | log version line
            bare v                    | 'v\n{}'                                               | log version line
            version zero              | 'v0\n{}'                                              | log version line
            version with text         | 'v1x\n{}'                                             | log version line
            newer Spark version       | 'v3\n{}\n0:{"logs.a":{"0":1}}'                        | unsupported offset log version v3
            v2 line without id        | 'v2\n{}\n{"logs.a":{"0":1}}'                          | line 3 is not of the form sourceId:offset
            v2 line with empty id     | 'v2\n{}\n:{"logs.a":{"0":1}}'                         | line 3 is not of the form sourceId:offset
            v2 v1-style dash          | 'v2\n{}\n-'                                           | line 3 is not of the form sourceId:offset
            v2 repeated source id     | 'v2\n{}\n0:{"logs.a":{"0":1}}\n0:-'                   | line 4 repeats the source id 0
            v2 truncated offset       | 'v2\n{}\n0:{"logs.a":{"0":1'                          | line 3 is not valid JSON
            much newer version        | 'v12\n{}'                                             | unsupported offset log version v12
            metadata not JSON         | 'v1\n{"batchWatermarkMs":0,\n{"logs.a":{"0":1}}'      | line 2 is not valid JSON
            metadata not an object    | 'v1\n[1]\n{"logs.a":{"0":1}}'                         | not a JSON object
            timestamp not a number    | 'v1\n{"batchTimestampMs":"soon"}\n{"logs.a":{"0":1}}' | batchTimestampMs
            truncated source line     | 'v1\n{}\n{"logs.a":{"0":1'                            | line 3 is not valid JSON
            trailing garbage          | 'v1\n{}\n{"logs.a":{"0":1}} x'                        | line 3 is not valid JSON
            empty line between        | 'v1\n{}\n\n{"logs.a":{"0":1}}'                        | line 3 is empty
            symbolic offset           | 'v1\n{}\n{"logs.a":{"0":-1}}'                         | offset -1
            """)
    void malformedFilesAreRefusedWithTheirReason(String caseName, String content, String reason) {
        String message = problem(content.replace("\\n", "\n"));

        assertTrue(message.startsWith("offsets/7"), message);
        assertTrue(message.contains(reason), caseName + ": " + message);
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() {
        byte[] content = {'v', '1', '\n', (byte) 0xC3, (byte) 0x28};

        String message = assertThrows(MalformedCheckpointException.class,
                () -> OffsetLogParser.parse("offsets/7", content)).getMessage();
        assertTrue(message.contains("not UTF-8"), message);
    }
}
