package io.logwise.kafka.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logwise.kafka.json.Json;
import java.time.Instant;
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

    private SnapshotCodec() {
    }

    static ObjectNode toJson(ScanSnapshot snapshot) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("scanId", snapshot.scanId());
        root.put("time", snapshot.time().toString());
        ObjectNode topics = root.putObject("topics");
        snapshot.topics().forEach((topic, offsets) -> {
            ObjectNode node = topics.putObject(topic);
            ArrayNode end = node.putArray("end");
            for (int p = 0; p < offsets.partitions(); p++) {
                long endOffset = offsets.endOffset(p);
                if (endOffset == TopicOffsets.UNKNOWN) {
                    end.addNull();
                } else {
                    end.add(endOffset);
                }
            }
            for (ConsumerKey consumer : offsets.consumers()) {
                ArrayNode column = node.withObjectProperty(field(consumer.kind())).putArray(consumer.name());
                for (int p = 0; p < offsets.partitions(); p++) {
                    long position = offsets.position(consumer, p);
                    long endOffset = offsets.endOffset(p);
                    if (position == TopicOffsets.UNKNOWN) {
                        column.addNull();
                    } else {
                        column.add(endOffset == TopicOffsets.UNKNOWN ? position : endOffset - position);
                    }
                }
            }
        });
        return root;
    }

    static ScanSnapshot fromJson(JsonNode root) {
        String scanId = text(root, "scanId");
        Instant time = Instant.parse(text(root, "time"));
        Map<String, TopicOffsets> topics = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> topic : object(root, "topics").properties()) {
            JsonNode endColumn = topic.getValue().get("end");
            if (endColumn == null || !endColumn.isArray()) {
                throw new IllegalArgumentException(topic.getKey() + ": no end offsets");
            }
            long[] end = new long[endColumn.size()];
            for (int p = 0; p < end.length; p++) {
                end[p] = endColumn.get(p).isNull() ? TopicOffsets.UNKNOWN : whole(endColumn.get(p));
            }
            Map<ConsumerKey, long[]> positions = new LinkedHashMap<>();
            for (ConsumerKey.Kind kind : ConsumerKey.Kind.values()) {
                JsonNode consumers = topic.getValue().get(field(kind));
                if (consumers == null) {
                    continue;
                }
                if (!consumers.isObject()) {
                    throw new IllegalArgumentException(topic.getKey() + ": " + field(kind) + " is not an object");
                }
                for (Map.Entry<String, JsonNode> consumer : consumers.properties()) {
                    positions.put(new ConsumerKey(kind, consumer.getKey()),
                            positions(topic.getKey() + "/" + consumer.getKey(), consumer.getValue(), end));
                }
            }
            topics.put(topic.getKey(), TopicOffsets.of(end, positions));
        }
        return new ScanSnapshot(scanId, time, topics);
    }

    private static String field(ConsumerKey.Kind kind) {
        return switch (kind) {
            case GROUP -> "groups";
            case SPARK_CHECKPOINT -> "checkpoints";
            case UNRECORDED -> "consumers";
        };
    }

    private static long[] positions(String what, JsonNode column, long[] end) {
        if (!column.isArray() || column.size() != end.length) {
            throw new IllegalArgumentException(what + ": expected " + end.length + " positions");
        }
        long[] byPartition = new long[end.length];
        for (int p = 0; p < end.length; p++) {
            JsonNode entry = column.get(p);
            if (entry.isNull()) {
                byPartition[p] = TopicOffsets.UNKNOWN;
            } else {
                byPartition[p] = end[p] == TopicOffsets.UNKNOWN ? whole(entry) : end[p] - whole(entry);
            }
        }
        return byPartition;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("no " + field);
        }
        return value.asText();
    }

    private static JsonNode object(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isObject()) {
            throw new IllegalArgumentException("no " + field + " object");
        }
        return value;
    }

    private static long whole(JsonNode number) {
        if (!number.isIntegralNumber() || !number.canConvertToLong()) {
            throw new IllegalArgumentException("'" + number + "' is not a whole number");
        }
        return number.longValue();
    }
}
