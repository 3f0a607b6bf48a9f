package io.logwise.kafka.lag;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.error.InvalidRequestException;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What to scan: everything (a schedule tick), or a narrowed request {@code {"topics": [...], "groups": [...]}}
 * (either list may be left out). Names that do not exist are reported per item by the scan, not rejected here;
 * anything malformed is rejected before Kafka is called.
 */
public record ScanRequest(Optional<Set<String>> topics, Optional<Set<String>> groups) {

    public static final ScanRequest FULL = new ScanRequest(Optional.empty(), Optional.empty());

    public ScanRequest {
        topics = topics.map(Set::copyOf);
        groups = groups.map(Set::copyOf);
    }

    public boolean narrowed() {
        return topics.isPresent() || groups.isPresent();
    }

    public static ScanRequest parse(JsonNode body) {
        if (body == null || body.isMissingNode() || body.isNull()) {
            return FULL;
        }
        if (!body.isObject()) {
            throw new InvalidRequestException("the scan request must be a JSON object like"
                    + " {\"topics\": [\"logs.a\"], \"groups\": [\"spark-a\"]}");
        }
        for (Iterator<String> fields = body.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!field.equals("topics") && !field.equals("groups")) {
                throw new InvalidRequestException("unknown field '" + field + "' in the scan request;"
                        + " expected topics and/or groups");
            }
        }
        return new ScanRequest(names(body, "topics"), names(body, "groups"));
    }

    private static Optional<Set<String>> names(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isArray()) {
            throw new InvalidRequestException(field + ": expected a list of names, not " + node.getNodeType());
        }
        if (node.isEmpty()) {
            throw new InvalidRequestException(field + ": the list is empty; leave the field out to scan all " + field);
        }
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isTextual() || item.asText().isBlank()) {
                throw new InvalidRequestException(field + "[" + i + "]: expected a non-empty name, not " + item);
            }
            names.add(item.asText());
        }
        return Optional.of(names);
    }
}
