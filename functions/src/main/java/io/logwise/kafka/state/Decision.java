package io.logwise.kafka.state;

import io.logwise.kafka.topics.TopicNames;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One decision of a function about one topic, as kept in the decision journal.
 *
 * @param id        {@link #idFor}: the same trigger, function, topic and action always give the same id
 * @param time      when this state of the decision was recorded
 * @param from      the value before (partitions, retention.ms), when there is one
 * @param to        the value decided, when there is one
 * @param rule      the rule that decided (e.g. {@code lag}, {@code rate}, {@code manual}), when there is one
 * @param inputs    the figures the rule used: strings, booleans, whole numbers (as Long) or decimals (as Double)
 * @param mode      the function's mode when it decided, e.g. {@code on} or {@code dry-run}
 * @param triggerId what triggered the decision: the scan id, the request id or the EventBridge event id
 */
public record Decision(
        String id,
        Instant time,
        DecidingFunction function,
        String topic,
        DecisionAction action,
        Long from,
        Long to,
        String rule,
        Map<String, Object> inputs,
        String reason,
        String mode,
        DecisionOutcome outcome,
        String triggerId) {

    public Decision {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(triggerId, "triggerId");
        TopicNames.problemWith(topic).ifPresent(problem -> {
            throw new IllegalArgumentException("decision on '" + topic + "': " + problem);
        });
        if (id.isEmpty() || id.contains("/")) {
            throw new IllegalArgumentException("decision id must be non-empty without '/': '" + id + "'");
        }
        inputs = normalised(inputs == null ? Map.of() : inputs);
    }

    /**
     * The deterministic id of a decision: a duplicate delivery of the same trigger (EventBridge and Lambda retry)
     * yields the same id, hence the same journal key, so the journal holds it once.
     */
    public static String idFor(DecidingFunction function, String triggerId, String topic, DecisionAction action) {
        String material = function.functionName() + '\n' + triggerId + '\n' + topic + '\n' + action.name();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The same decision in a later state: e.g. PENDING (intent) followed by APPLIED or FAILED (outcome). */
    public Decision withOutcome(DecisionOutcome newOutcome, String newReason, Instant at) {
        return new Decision(id, at, function, topic, action, from, to, rule, inputs, newReason, mode, newOutcome,
                triggerId);
    }

    public StateKey.DecisionKey key() {
        return new StateKey.DecisionKey(topic, id);
    }

    /** JSON gives back Integer for small numbers; Long/Double everywhere keeps round trips equal. */
    private static Map<String, Object> normalised(Map<String, ?> raw) {
        var copy = new LinkedHashMap<String, Object>();
        raw.forEach((name, value) -> copy.put(Objects.requireNonNull(name, "input name"), scalar(name, value)));
        return Collections.unmodifiableMap(copy);
    }

    private static Object scalar(String name, Object value) {
        if (value instanceof Double number && !Double.isFinite(number)) {
            throw new IllegalArgumentException("input '" + name + "': " + number + " cannot be written as JSON");
        }
        if (value instanceof String || value instanceof Boolean || value instanceof Long || value instanceof Double) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big && big.bitLength() < 64) {
            return big.longValue();
        }
        if (value instanceof Float || value instanceof BigDecimal) {
            return scalar(name, ((Number) value).doubleValue());
        }
        throw new IllegalArgumentException("input '" + name + "': " + (value == null ? "null"
                : value.getClass().getSimpleName()) + " is not a string, boolean or number");
    }
}
