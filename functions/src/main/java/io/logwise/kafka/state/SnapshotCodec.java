package io.logwise.kafka.state;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.logwise.kafka.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The compact JSON form of a scan snapshot, column by column:
 * <pre>{"scanId":"..","time":"..","topics":{"logs.a":{"end":[1200,98,null],"groups":{"g1":[0,3,null]},
 *   "checkpoints":{"etl":[5,0,null]}}}}</pre>
 * {@code end} holds each partition's end offset ({@code null}: unknown). {@code groups} holds Kafka consumer groups,
 * {@code checkpoints} Spark checkpoint sources (either is left out when empty): the two kinds can share a name.
 * Snapshots stored before that hold both kinds in one {@code consumers} object, read as {@link
 * ConsumerKey.Kind#UNRECORDED}. A consumer's entry is its distance behind the end ({@code end - position}: small
 * numbers, where absolute offsets have up to 19 digits), or the position itself when the end is unknown; {@code null}
 * means no position.
 */
final class SnapshotCodec {

    /** A null in a stored column, while it is read (a distance behind the end may be any other long). */
    private static final long NO_VALUE = Long.MIN_VALUE;

    private SnapshotCodec() {
    }

    /** The stored value, schema version first, written as it streams (no JSON tree; see {@link #read}). */
    static byte[] write(ScanSnapshot snapshot) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(bytes)) {
            json.writeStartObject();
            json.writeNumberField(StateCodec.SCHEMA_FIELD, StateCodec.SCHEMA_VERSION);
            json.writeStringField("scanId", snapshot.scanId());
            json.writeStringField("time", snapshot.time().toString());
            json.writeObjectFieldStart("topics");
            for (Map.Entry<String, TopicOffsets> topic : snapshot.topics().entrySet()) {
                TopicOffsets offsets = topic.getValue();
                json.writeObjectFieldStart(topic.getKey());
                json.writeArrayFieldStart("end");
                for (int p = 0; p < offsets.partitions(); p++) {
                    writeOffset(json, offsets.endOffset(p));
                }
                json.writeEndArray();
                ConsumerKey.Kind open = null;
                for (ConsumerKey consumer : offsets.consumers()) { // sorted by kind, then name
                    if (consumer.kind() != open) {
                        if (open != null) {
                            json.writeEndObject();
                        }
                        json.writeObjectFieldStart(field(consumer.kind()));
                        open = consumer.kind();
                    }
                    json.writeArrayFieldStart(consumer.name());
                    for (int p = 0; p < offsets.partitions(); p++) {
                        long position = offsets.position(consumer, p);
                        long endOffset = offsets.endOffset(p);
                        if (position == TopicOffsets.UNKNOWN || endOffset == TopicOffsets.UNKNOWN) {
                            writeOffset(json, position);
                        } else {
                            json.writeNumber(endOffset - position); // below 0 where a commit is past the end
                        }
                    }
                    json.writeEndArray();
                }
                if (open != null) {
                    json.writeEndObject();
                }
                json.writeEndObject();
            }
            json.writeEndObject();
            json.writeEndObject();
        }
        return bytes.toByteArray();
    }

    private static void writeOffset(JsonGenerator json, long offset) throws IOException {
        if (offset == TopicOffsets.UNKNOWN) {
            json.writeNull();
        } else {
            json.writeNumber(offset);
        }
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
            if (topics == null) {
                throw new IllegalArgumentException("no topics object");
            }
            return new ScanSnapshot(scanId, time, topics);
        }
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
