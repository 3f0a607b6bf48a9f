package io.logwise.kafka.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.json.Json;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses one batch file of a checkpoint's {@code offsets/} folder in the formats of Spark's {@code OffsetSeqLog}.
 * Version 1 (what Spark writes by default) has one line per source, in query order:
 * <pre>
 * v1
 * {"batchWatermarkMs":0,"batchTimestampMs":1700000000000,"conf":{...}}
 * {"logs.order-service":{"0":1234,"1":1200}}     a Kafka source's offsets
 * -                                             a source with no offset yet
 * </pre>
 * Version 2 (Spark's {@code OffsetMap}, opt-in by {@code spark.sql.streaming.offsetLog.formatVersion=2}) keys each
 * line by the source's id, split from the offset at the first colon as Spark's deserializer does:
 * <pre>
 * v2
 * {...metadata...}
 * 0:{"logs.order-service":{"0":1234,"1":1200}}
 * orders_b:-
 * </pre>
 * A Kafka source offset is Spark's {@code KafkaSourceOffset} JSON ({@code JsonUtils.partitionOffsets}): topic to
 * partition number (a JSON string) to offset; {@code {}} is a Kafka source with no partition yet (a pattern that
 * matches no topic). Offsets of other sources (a file source's {@code {"logOffset":3}}, a rate source's
 * {@code {"0":{"value":5,"runTimeMs":9}}}) do not have numeric partition keys and are skipped. Any other version is
 * reported as unsupported, never guessed.
 */
public final class OffsetLogParser {

    /** The offset log versions this parser reads ({@code OffsetSeqLog.VERSION_1} and {@code VERSION_2}). */
    public static final int SUPPORTED_VERSION = 2;
    private static final int KEYED_BY_SOURCE_ID = 2;

    private static final Pattern VERSION_LINE = Pattern.compile("v(\\d{1,9})");
    /** A source's ordinal or name; JSON before the first colon means a v1-style line, not an id. */
    private static final Pattern SOURCE_ID = Pattern.compile("[^\\s\"{}\\[\\]]+");
    private static final Pattern PARTITION = Pattern.compile("0|[1-9]\\d{0,9}");

    private OffsetLogParser() {
    }

    /**
     * @param file    the file's name in reasons, e.g. {@code offsets/12}
     * @param content the file's bytes
     */
    public static OffsetLogEntry parse(String file, byte[] content) throws MalformedCheckpointException {
        String[] lines = decode(file, content).split("\r?\n", -1);
        if (lines.length == 1 && lines[0].isBlank()) {
            throw new MalformedCheckpointException(file + " is empty (an incomplete write?)");
        }
        int version = checkVersion(file, lines[0].strip());
        if (lines.length < 2) {
            throw new MalformedCheckpointException(file + " is incomplete: it ends after the version line,"
                    + " without the metadata line");
        }
        Instant timestamp = batchTimestamp(file, lines[1].strip());
        Map<String, Map<Integer, Long>> offsets = new TreeMap<>();
        int kafka = 0;
        int withoutOffset = 0;
        int other = 0;
        Set<String> sourceIds = new HashSet<>();
        for (int i = 2; i < lines.length; i++) {
            String line = lines[i].strip();
            if (version == KEYED_BY_SOURCE_ID && !line.isEmpty()) {
                line = offsetOfSource(file, i + 1, line, sourceIds);
            }
            if (line.equals("-") || line.equals("{}")) {
                withoutOffset++;
            } else if (line.isEmpty()) {
                if (i < lines.length - 1) {
                    throw new MalformedCheckpointException(file + ": line " + (i + 1) + " is empty");
                }
                // else a trailing newline
            } else if (addKafkaOffsets(file, i + 1, readLine(file, i + 1, line), offsets)) {
                kafka++;
            } else {
                other++;
            }
        }
        return new OffsetLogEntry(timestamp, frozen(offsets), kafka, withoutOffset, other);
    }

    private static String decode(String file, byte[] content) throws MalformedCheckpointException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedCheckpointException(file + " is not UTF-8 text");
        }
    }

    /** The offset part of a version 2 line {@code sourceId:offset}. */
    private static String offsetOfSource(String file, int lineNumber, String line, Set<String> sourceIds)
            throws MalformedCheckpointException {
        int colon = line.indexOf(':');
        if (colon <= 0 || !SOURCE_ID.matcher(line.substring(0, colon)).matches()) {
            throw new MalformedCheckpointException(file + ": line " + lineNumber
                    + " is not of the form sourceId:offset (" + abbreviate(line) + ")");
        }
        String sourceId = line.substring(0, colon);
        if (!sourceIds.add(sourceId)) {
            throw new MalformedCheckpointException(file + ": line " + lineNumber + " repeats the source id "
                    + abbreviate(sourceId));
        }
        return line.substring(colon + 1).strip();
    }

    private static int checkVersion(String file, String line) throws MalformedCheckpointException {
        Matcher matcher = VERSION_LINE.matcher(line);
        if (!matcher.matches() || Integer.parseInt(matcher.group(1)) == 0) {
            throw new MalformedCheckpointException(file + " does not start with a log version line such as v1 (found '"
                    + abbreviate(line) + "')");
        }
        int version = Integer.parseInt(matcher.group(1));
        if (version > SUPPORTED_VERSION) {
            throw new MalformedCheckpointException(file + " has the unsupported offset log version v" + version
                    + "; this reader understands v1 and v" + SUPPORTED_VERSION
                    + " (the checkpoint was written by a newer Spark)");
        }
        return version;
    }

    private static Instant batchTimestamp(String file, String line) throws MalformedCheckpointException {
        if (line.isEmpty()) {
            return null; // Spark writes an empty line for a batch without metadata
        }
        JsonNode metadata = readLine(file, 2, line);
        if (!metadata.isObject()) {
            throw new MalformedCheckpointException(file + ": line 2 (the batch metadata) is not a JSON object");
        }
        JsonNode millis = metadata.path("batchTimestampMs");
        if (millis.isMissingNode() || millis.isNull()) {
            return null;
        }
        if (!millis.isIntegralNumber() || !millis.canConvertToLong()) {
            throw new MalformedCheckpointException(file + ": batchTimestampMs is not a whole number of milliseconds");
        }
        return millis.asLong() > 0 ? Instant.ofEpochMilli(millis.asLong()) : null;
    }

    private static JsonNode readLine(String file, int lineNumber, String line) throws MalformedCheckpointException {
        try {
            return Json.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new MalformedCheckpointException(file + ": line " + lineNumber + " is not valid JSON ("
                    + abbreviate(line) + ")");
        }
    }

    /** Adds a Kafka source's offsets; false when the line is another kind of source. */
    private static boolean addKafkaOffsets(String file, int lineNumber, JsonNode source,
            Map<String, Map<Integer, Long>> offsets) throws MalformedCheckpointException {
        if (!isKafkaSourceOffset(source)) {
            return false;
        }
        for (Iterator<Map.Entry<String, JsonNode>> topics = source.fields(); topics.hasNext(); ) {
            Map.Entry<String, JsonNode> topic = topics.next();
            for (Iterator<Map.Entry<String, JsonNode>> parts = topic.getValue().fields(); parts.hasNext(); ) {
                Map.Entry<String, JsonNode> partition = parts.next();
                long offset = partition.getValue().asLong();
                if (offset < 0) {
                    throw new MalformedCheckpointException(file + ": line " + lineNumber + " gives partition "
                            + partition.getKey() + " of " + topic.getKey() + " the offset " + offset
                            + ", which is not a position");
                }
                // Two sources of one query on the same topic: the slower one is the query's position.
                offsets.computeIfAbsent(topic.getKey(), t -> new TreeMap<>())
                        .merge(Integer.parseInt(partition.getKey()), offset, Math::min);
            }
        }
        return true;
    }

    private static boolean isKafkaSourceOffset(JsonNode source) {
        if (!source.isObject() || source.isEmpty()) {
            return false;
        }
        for (JsonNode partitions : source) {
            if (!partitions.isObject()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = partitions.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> partition = it.next();
                if (!PARTITION.matcher(partition.getKey()).matches()
                        || Long.parseLong(partition.getKey()) > Integer.MAX_VALUE
                        || !partition.getValue().isIntegralNumber() || !partition.getValue().canConvertToLong()) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Map<String, Map<Integer, Long>> frozen(Map<String, Map<Integer, Long>> offsets) {
        Map<String, Map<Integer, Long>> copy = new TreeMap<>();
        offsets.forEach((topic, partitions) -> copy.put(topic, Collections.unmodifiableMap(partitions)));
        return Collections.unmodifiableMap(copy);
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
