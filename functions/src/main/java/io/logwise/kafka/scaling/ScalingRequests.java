package io.logwise.kafka.scaling;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.error.InvalidRequestException;
import io.logwise.kafka.scan.ScanResult;
import io.logwise.kafka.scan.ScanResults;
import io.logwise.kafka.topics.TopicNames;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/** Reads the partition scaler's two inputs strictly: a lag scan result, or an operator's manual request. */
public final class ScalingRequests {

    private static final Set<String> MANUAL_FIELDS = Set.of("topic", "partitions", "reason");

    private ScalingRequests() {
    }

    /**
     * The scan result, checked for what the scaling policy will read: figures no scanner produces (a negative lag or
     * rate, a missing verdict, a topic without a legal name) are refused here, as a bad request, before Kafka is
     * contacted. The scaler reads it ({@link ScanAdapter#topicsOf}) once, when it decides.
     */
    public static ScanResult scanResultForScaling(JsonNode body) {
        ScanResult scan = ScanResults.read(body);
        ScanResults.requirePlausible(scan);
        // A scanner only reports topics Kafka holds, so an illegal name means the event was not written by one.
        for (var topic : scan.topics()) {
            Optional<String> illegal = TopicNames.problemWith(topic.topic());
            if (illegal.isPresent()) {
                throw new InvalidRequestException("the lag scan result names '" + topic.topic()
                        + "', which is not a legal Kafka topic name: " + illegal.get());
            }
        }
        return scan;
    }

    /** {@code {"topic": "logs.x", "partitions": 12, "reason": "..."}}; every problem names its field. */
    public static ManualRequest manual(JsonNode body) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!MANUAL_FIELDS.contains(name)) {
                throw new InvalidRequestException(name + ": unknown field; a scaling request has topic, partitions"
                        + " and reason");
            }
        }
        JsonNode topic = body.get("topic");
        if (topic == null || !topic.isTextual() || topic.asText().isBlank()) {
            throw new InvalidRequestException("topic: required, the full topic name (e.g. logs.order-service)");
        }
        Optional<String> illegal = TopicNames.problemWith(topic.asText());
        if (illegal.isPresent()) {
            throw new InvalidRequestException("topic: '" + topic.asText() + "' is not a legal Kafka topic"
                    + " name: " + illegal.get());
        }
        JsonNode partitions = body.get("partitions");
        if (partitions == null || !partitions.isIntegralNumber() || !partitions.canConvertToInt()) {
            throw new InvalidRequestException("partitions: required, a whole number of partitions");
        }
        if (partitions.asInt() < 1) {
            throw new InvalidRequestException("partitions: " + partitions.asInt() + " is below 1");
        }
        JsonNode reason = body.get("reason");
        if (reason == null || !reason.isTextual() || reason.asText().isBlank()) {
            throw new InvalidRequestException("reason: required; every manual change is recorded with its reason");
        }
        return new ManualRequest(topic.asText(), partitions.asInt(), reason.asText());
    }

    /** A retried delivery of the same request gets the same id, so the journal records it once. */
    public static String requestId(ManualRequest request, String eventId) {
        if (eventId != null && !eventId.isBlank()) {
            return eventId;
        }
        String material = request.topic() + '\n' + request.partitions() + '\n' + request.reason();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
            return "manual-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
