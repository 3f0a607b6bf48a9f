package io.logwise.kafka.state;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.logwise.kafka.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored form of a scan snapshot: a JSON object whose offsets are packed (see {@link PackedOffsets}):
 * <pre>{"schema":1,"scanId":"..","time":"..","consumers":{"groups":["g1"],"checkpoints":["etl"]},
 *   "topicNames":["logs.a"],"offsets":"(base64)"}</pre>
 * {@code consumers} is the dictionary the packed columns refer to: Kafka groups, then Spark checkpoint sources (the
 * two kinds can share a name), each sorted by name; a kind without consumers is left out.
 *
 * <p>Snapshots written before the offsets were packed are still read: one JSON object per topic,
 * <pre>{"topics":{"logs.a":{"end":[1200,98,null],"groups":{"g1":[0,3,null]},"checkpoints":{"etl":[5,0,null]}}}}</pre>
 * with each partition's end offset ({@code null}: unknown) and each consumer's distance behind it ({@code end -
 * position}), the position itself where the end is unknown, {@code null} for no position. The oldest of them hold
 * both kinds in one {@code consumers} object, read as {@link ConsumerKey.Kind#UNRECORDED}.
 */
final class SnapshotCodec {

    /** A null in a stored column, while it is read (a distance behind the end may be any other long). */
    private static final long NO_VALUE = Long.MIN_VALUE;

    private SnapshotCodec() {
    }

    /** The stored value, schema version first, written as it streams (no JSON tree; see {@link #read}). */
    static byte[] write(ScanSnapshot snapshot) throws IOException {
        List<ConsumerKey> dictionary = PackedOffsets.dictionary(snapshot.topics());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(bytes)) {
            json.writeStartObject();
            json.writeNumberField(StateCodec.SCHEMA_FIELD, StateCodec.SCHEMA_VERSION);
            json.writeStringField("scanId", snapshot.scanId());
            json.writeStringField("time", snapshot.time().toString());
            json.writeObjectFieldStart("consumers");
            ConsumerKey.Kind open = null;
            for (ConsumerKey consumer : dictionary) { // sorted by kind, then name
                if (consumer.kind() != open) {
                    if (open != null) {
                        json.writeEndArray();
                    }
                    json.writeArrayFieldStart(field(consumer.kind()));
                    open = consumer.kind();
                }
                json.writeString(consumer.name());
            }
            if (open != null) {
                json.writeEndArray();
            }
            json.writeEndObject();
            json.writeArrayFieldStart("topicNames");
            for (String topic : snapshot.topics().keySet()) {
                json.writeString(topic);
            }
            json.writeEndArray();
            json.writeFieldName("offsets");
            json.writeBinary(PackedOffsets.write(snapshot.topics(), dictionary));
            json.writeEndObject();
        }
        return bytes.toByteArray();
    }

    /**
     * Reads a stored value (schema version included) as it streams: a snapshot of a large scan holds hundreds of
     * thousands of numbers, and a history reads a dozen snapshots, so no JSON tree is built.
     *
     * @throws IllegalArgumentException a value that is not a snapshot this version can read
     * @throws IOException not JSON
     */
    static ScanSnapshot read(byte[] value) throws IOException {
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new UnreadableStateException("not a JSON object");
            }
            Integer schema = null;
            String scanId = null;
            Instant time = null;
            Map<String, TopicOffsets> topics = null;
            List<ConsumerKey> dictionary = null;
            List<String> topicNames = null;
            byte[] packed = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken token = parser.nextToken();
                switch (field) {
                    case StateCodec.SCHEMA_FIELD -> schema = token == JsonToken.VALUE_NUMBER_INT
                            && parser.getNumberType() == JsonParser.NumberType.INT
                            ? Integer.valueOf(parser.getIntValue()) : null;
                    case "scanId" -> scanId = token == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "time" -> time = token == JsonToken.VALUE_STRING ? Instant.parse(parser.getText()) : null;
                    case "topics" -> topics = topics(parser);
                    case "consumers" -> dictionary = dictionary(parser);
                    case "topicNames" -> topicNames = strings(parser, "topicNames");
                    case "offsets" -> packed = token == JsonToken.VALUE_STRING ? parser.getBinaryValue() : null;
                    default -> parser.skipChildren();
                }
            }
            StateCodec.requireReadable(schema);
            if (scanId == null) {
                throw new IllegalArgumentException("no scanId");
            }
            if (time == null) {
                throw new IllegalArgumentException("no time");
            }
            if (topics == null && packed != null && topicNames != null) {
                topics = PackedOffsets.read(packed, topicNames, dictionary == null ? List.of() : dictionary);
            }
            if (topics == null) {
                throw new IllegalArgumentException("neither offsets with topicNames nor a topics object");
            }
            return new ScanSnapshot(scanId, time, topics);
        }
    }

    /** The consumer dictionary: per kind, its names, sorted; concatenated in the order of the kinds. */
    private static List<ConsumerKey> dictionary(JsonParser parser) throws IOException {
        expect(parser.currentToken(), JsonToken.START_OBJECT, "consumers: an object");
        Map<ConsumerKey.Kind, List<String>> byKind = new EnumMap<>(ConsumerKey.Kind.class);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            ConsumerKey.Kind kind = kindOf(field);
            if (kind == null) {
                parser.skipChildren();
            } else {
                byKind.put(kind, strings(parser, "consumers." + field));
            }
        }
        List<ConsumerKey> dictionary = new ArrayList<>();
        byKind.forEach((kind, names) -> names.forEach(name -> dictionary.add(new ConsumerKey(kind, name))));
        return dictionary;
    }

    private static List<String> strings(JsonParser parser, String what) throws IOException {
        expect(parser.currentToken(), JsonToken.START_ARRAY, what + ": an array");
        List<String> strings = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            expect(token, JsonToken.VALUE_STRING, what + ": strings");
            strings.add(parser.getText());
        }
        return strings;
    }

    private static Map<String, TopicOffsets> topics(JsonParser parser) throws IOException {
        expect(parser.currentToken(), JsonToken.START_OBJECT, "topics: an object");
        Map<String, TopicOffsets> topics = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String topic = parser.currentName();
            expect(parser.nextToken(), JsonToken.START_OBJECT, topic + ": an object");
            long[] end = null;
            Map<ConsumerKey, long[]> columns = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                ConsumerKey.Kind kind = kindOf(field);
                if (field.equals("end")) {
                    end = column(parser, topic, null, 8);
                } else if (kind != null) {
                    expect(parser.currentToken(), JsonToken.START_OBJECT, topic + ": " + field + " as an object");
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String consumer = parser.currentName();
                        parser.nextToken();
                        columns.put(new ConsumerKey(kind, consumer), column(parser, topic, consumer,
                                end == null ? 8 : end.length));
                    }
                } else {
                    parser.skipChildren();
                }
            }
            if (end == null) {
                throw new IllegalArgumentException(topic + ": no end offsets");
            }
            for (int p = 0; p < end.length; p++) {
                end[p] = end[p] == NO_VALUE ? TopicOffsets.UNKNOWN : end[p];
            }
            for (Map.Entry<ConsumerKey, long[]> column : columns.entrySet()) {
                column.setValue(positions(topic, column.getKey().name(), column.getValue(), end));
            }
            topics.put(topic, TopicOffsets.of(end, columns));
        }
        return topics;
    }

    /**
     * An array of whole numbers or nulls (null is {@link #NO_VALUE}), of {@code expected} entries if well-formed: the
     * end offsets of {@code topic} ({@code consumer} null) or a consumer's column.
     */
    private static long[] column(JsonParser parser, String topic, String consumer, int expected) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw new IllegalArgumentException(columnName(topic, consumer) + ": expected an array");
        }
        long[] values = new long[Math.max(1, expected)];
        int size = 0;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            long entry;
            if (token == JsonToken.VALUE_NULL) {
                entry = NO_VALUE;
            } else if (token == JsonToken.VALUE_NUMBER_INT
                    && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                entry = parser.getLongValue();
            } else {
                throw new IllegalArgumentException(columnName(topic, consumer) + ": '" + parser.getText()
                        + "' is not a whole number");
            }
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = entry;
        }
        return size == values.length ? values : Arrays.copyOf(values, size);
    }

    private static String columnName(String topic, String consumer) {
        return consumer == null ? topic + ": end offsets" : topic + "/" + consumer;
    }

    private static void expect(JsonToken actual, JsonToken expected, String what) {
        if (actual != expected) {
            throw new IllegalArgumentException("expected " + what);
        }
    }

    private static ConsumerKey.Kind kindOf(String field) {
        for (ConsumerKey.Kind kind : ConsumerKey.Kind.values()) {
            if (field(kind).equals(field)) {
                return kind;
            }
        }
        return null;
    }

    private static String field(ConsumerKey.Kind kind) {
        return switch (kind) {
            case GROUP -> "groups";
            case SPARK_CHECKPOINT -> "checkpoints";
            case UNRECORDED -> "consumers";
        };
    }

    /** A consumer's column as stored (distances behind the end, or positions where the end is unknown). */
    private static long[] positions(String topic, String consumer, long[] column, long[] end) {
        if (column.length != end.length) {
            throw new IllegalArgumentException(columnName(topic, consumer) + ": expected " + end.length
                    + " positions");
        }
        long[] byPartition = new long[end.length];
        for (int p = 0; p < end.length; p++) {
            if (column[p] == NO_VALUE) {
                byPartition[p] = TopicOffsets.UNKNOWN;
            } else if (end[p] == TopicOffsets.UNKNOWN) {
                byPartition[p] = column[p];
            } else {
                byPartition[p] = end[p] - column[p];
            }
        }
        return byPartition;
    }

}
