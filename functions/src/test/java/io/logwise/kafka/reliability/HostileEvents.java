package io.logwise.kafka.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logwise.kafka.json.Json;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * Hostile events, each fully determined by a seed: random JSON values, or a real sample event with fields dropped,
 * duplicated, retyped, made huge, negative or deeply nested, a wrong detail-type, then possibly truncated or spoilt
 * with bytes that are not UTF-8.
 */
final class HostileEvents {

    enum Kind { RANDOM_JSON, MUTATED_SAMPLE, MUTATED_AND_BROKEN_TEXT }

    static final List<String> FIELD_NAMES = List.of("services", "topics", "groups", "topic", "partitions", "reason",
            "retention", "for", "retentionMs", "dryRun", "detail-type", "detail", "source", "id", "responsePayload",
            "scanId", "scannedAt", "verdict", "worst", "consumers", "lag", "maxLagPerPartition", "prefix");
    static final List<String> DETAIL_TYPES = List.of("Provision Topics", "Scale Partitions", "Change Retention",
            "Scan Lag", "Scheduled Event", "Lambda Function Invocation Result - Success", "Lambda Function Invocation"
                    + " Result - Failure", "provision topics", "", "Provision Topics ");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final List<JsonNode> samples;

    HostileEvents(List<JsonNode> samples) {
        this.samples = List.copyOf(samples);
    }

    byte[] event(Kind kind, long seed) {
        Random random = new Random(seed);
        return switch (kind) {
            case RANDOM_JSON -> bytes(randomValue(random, 3));
            case MUTATED_SAMPLE -> bytes(mutatedSample(random));
            case MUTATED_AND_BROKEN_TEXT -> brokenText(random, bytes(mutatedSample(random)));
        };
    }

    private JsonNode mutatedSample(Random random) {
        JsonNode event = samples.get(random.nextInt(samples.size())).deepCopy();
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            event = mutate(random, event);
        }
        return event;
    }

    private JsonNode mutate(Random random, JsonNode event) {
        if (event instanceof ObjectNode root && random.nextInt(8) == 0) {
            root.put("detail-type", DETAIL_TYPES.get(random.nextInt(DETAIL_TYPES.size())));
            return root;
        }
        List<Slot> slots = new ArrayList<>();
        collect(event, slots);
        if (slots.isEmpty()) {
            return randomValue(random, 2);
        }
        Slot slot = slots.get(random.nextInt(slots.size()));
        JsonNode current = slot.get();
        switch (random.nextInt(8)) {
            case 0 -> slot.remove();
            case 1 -> slot.set(randomValue(random, 2));
            case 2 -> slot.set(hugeNumber(random));
            case 3 -> slot.set(negative(random, current));
            case 4 -> slot.set(nested(random, 20 + random.nextInt(200)));
            case 5 -> slot.set(NODES.textNode(hugeString(random)));
            case 6 -> slot.set(NODES.arrayNode().add(current).add(current));
            default -> slot.set(current.isTextual() ? NODES.textNode(lookAlike(random, current.asText()))
                    : NODES.textNode(current.toString()));
        }
        return event;
    }

    /** Text-level damage the parser must reject: truncation, bytes that are not UTF-8, a duplicated key. */
    private static byte[] brokenText(Random random, byte[] json) {
        int at = json.length == 0 ? 0 : random.nextInt(json.length);
        return switch (random.nextInt(5)) {
            case 0 -> java.util.Arrays.copyOf(json, at);
            case 1 -> splice(json, at, new byte[] {(byte) 0xC3, (byte) 0x28});
            case 2 -> splice(json, at, new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0x80});
            case 3 -> duplicateFirstKey(json);
            default -> ("[".repeat(5_000 + random.nextInt(50_000))).getBytes(StandardCharsets.UTF_8);
        };
    }

    private static byte[] duplicateFirstKey(byte[] json) {
        String text = new String(json, StandardCharsets.UTF_8);
        int open = text.indexOf('{');
        int comma = text.indexOf(',', open);
        if (open < 0 || comma < 0) {
            return ("{\"services\":[\"a\"],\"services\":[\"b\"]}").getBytes(StandardCharsets.UTF_8);
        }
        String firstPair = text.substring(open + 1, comma);
        return (text.substring(0, open + 1) + firstPair + "," + text.substring(open + 1))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] splice(byte[] json, int at, byte[] garbage) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(json, 0, at);
        out.writeBytes(garbage);
        out.write(json, at, json.length - at);
        return out.toByteArray();
    }

    static JsonNode randomValue(Random random, int depth) {
        int choice = random.nextInt(depth <= 0 ? 6 : 8);
        return switch (choice) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextLong());
            case 3 -> hugeNumber(random);
            case 4 -> NODES.numberNode(random.nextGaussian() * 1e6);
            case 5 -> NODES.textNode(randomText(random));
            case 6 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(randomValue(random, depth - 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(5); i > 0; i--) {
                    String key = random.nextInt(4) == 0 ? randomText(random)
                            : FIELD_NAMES.get(random.nextInt(FIELD_NAMES.size()));
                    object.set(key, randomValue(random, depth - 1));
                }
                yield object;
            }
        };
    }

    private static JsonNode hugeNumber(Random random) {
        return switch (random.nextInt(7)) {
            case 0 -> NODES.numberNode(Long.MAX_VALUE);
            case 1 -> NODES.numberNode(Long.MIN_VALUE);
            case 2 -> NODES.numberNode(BigInteger.TWO.pow(64 + random.nextInt(200)));
            case 3 -> NODES.numberNode(new BigDecimal("1e308"));
            case 4 -> NODES.numberNode(new BigDecimal("-4.9e-324"));
            case 5 -> NODES.numberNode(Integer.MAX_VALUE + 1L);
            default -> NODES.numberNode(new BigDecimal("123456789012345678901234567890.5"));
        };
    }

    private static JsonNode negative(Random random, JsonNode current) {
        if (current.isNumber()) {
            return NODES.numberNode(current.decimalValue().negate().subtract(BigDecimal.ONE));
        }
        return random.nextBoolean() ? NODES.numberNode(-1) : NODES.textNode("-" + current.asText("1") + "d");
    }

    private static JsonNode nested(Random random, int depth) {
        JsonNode node = NODES.textNode("logs.deep");
        for (int i = 0; i < depth; i++) {
            node = random.nextBoolean() ? NODES.arrayNode().add(node)
                    : NODES.objectNode().set(FIELD_NAMES.get(random.nextInt(FIELD_NAMES.size())), node);
        }
        return node;
    }

    private static String hugeString(Random random) {
        String unit = switch (random.nextInt(3)) {
            case 0 -> "a";
            case 1 -> "logs.";
            default -> "\u00e9\u4e2d\ud83d\ude00";
        };
        return unit.repeat(20_000 + random.nextInt(100_000));
    }

    private static String lookAlike(Random random, String text) {
        return switch (random.nextInt(6)) {
            case 0 -> text.toUpperCase(java.util.Locale.ROOT);
            case 1 -> text.replace('o', '\u043e');
            case 2 -> text + "\u0000";
            case 3 -> text + "/../../etc";
            case 4 -> "\uff4c" + text;
            default -> text.replace(".", "\u3002");
        };
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(20); i > 0; i--) {
            int range = random.nextInt(5);
            text.appendCodePoint(switch (range) {
                case 0 -> 'a' + random.nextInt(26);
                case 1 -> '-' + random.nextInt(3);
                case 2 -> random.nextInt(0x20);
                case 3 -> 0x80 + random.nextInt(0x2000);
                default -> 0x1F600 + random.nextInt(40);
            });
        }
        return random.nextInt(3) == 0 ? "logs." + text : text.toString();
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return Json.MAPPER.writeValueAsBytes(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A place in a JSON tree that holds a value: an object's field or an array's element. */
    private record Slot(ContainerNode<?> parent, String field, int index) {
        JsonNode get() {
            return parent instanceof ObjectNode object ? object.get(field) : ((ArrayNode) parent).get(index);
        }

        void set(JsonNode value) {
            if (parent instanceof ObjectNode object) {
                object.set(field, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }

        void remove() {
            if (parent instanceof ObjectNode object) {
                object.remove(field);
            } else {
                ((ArrayNode) parent).remove(index);
            }
        }
    }

    private static void collect(JsonNode node, List<Slot> slots) {
        if (node instanceof ObjectNode object) {
            for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                slots.add(new Slot(object, name, -1));
                collect(object.get(name), slots);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                slots.add(new Slot(array, null, i));
                collect(array.get(i), slots);
            }
        }
    }
}
