package io.logwise.kafka.topics;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.error.InvalidRequestException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads a provisioning request strictly: an unknown field, a wrong type or an out-of-range number refuses the whole
 * request with a message naming the field, before anything is read from or written to Kafka. Service names are not
 * judged here: an illegal name is one invalid item of the batch, reported by the planner while the rest proceed.
 */
public final class ProvisionRequestParser {

    static final String SERVICES = "services";
    static final String PARTITIONS = "partitions";
    static final String RETENTION_MS = "retentionMs";
    static final String REPLICATION_FACTOR = "replicationFactor";
    static final String DRY_RUN = "dryRun";
    static final String SWEEP = "sweep";
    private static final Set<String> FIELDS = Set.of(SERVICES, PARTITIONS, RETENTION_MS, REPLICATION_FACTOR, DRY_RUN,
            SWEEP);
    private static final String FIELD_LIST = String.join(", ", SERVICES, PARTITIONS, RETENTION_MS,
            REPLICATION_FACTOR, DRY_RUN, SWEEP);

    private final ProvisionerSettings settings;

    public ProvisionRequestParser(ProvisionerSettings settings) {
        this.settings = settings;
    }

    public ProvisionRequest parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidRequestException("the request must be a JSON object with a '" + SERVICES + "' array");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new InvalidRequestException("unknown field '" + name + "'; a request may only have "
                        + FIELD_LIST);
            }
        }
        boolean dryRun = bool(body, DRY_RUN);
        if (bool(body, SWEEP)) {
            for (String field : List.of(SERVICES, PARTITIONS, RETENTION_MS, REPLICATION_FACTOR)) {
                if (body.has(field)) {
                    throw new InvalidRequestException(field + ": not allowed with \"sweep\": true (a sweep applies"
                            + " the configured policy to every topic under the managed prefix)");
                }
            }
            return ProvisionRequest.sweep(dryRun);
        }
        return new ProvisionRequest(services(body.get(SERVICES)),
                wholeInt(body, PARTITIONS, settings.maxPartitions(), ProvisionerSettings.MAX_PARTITIONS),
                wholeNumber(body, RETENTION_MS, ProvisionerSettings.MIN_RETENTION_MS, settings.maxRetentionMs(),
                        ProvisionerSettings.MAX_RETENTION_MS),
                wholeInt(body, REPLICATION_FACTOR, ProvisionerSettings.MAX_REPLICATION_FACTOR, "Kafka's limit"),
                dryRun, false);
    }

    private List<String> services(JsonNode node) {
        if (node == null) {
            throw new InvalidRequestException(SERVICES + ": required; give a non-empty array of service names, e.g."
                    + " [\"order-service\"], or \"sweep\": true");
        }
        if (!node.isArray() || node.isEmpty()) {
            throw new InvalidRequestException(SERVICES + ": expected a non-empty array of strings, got "
                    + describe(node));
        }
        if (node.size() > settings.maxServicesPerRequest()) {
            throw new InvalidRequestException(SERVICES + ": " + node.size() + " entries; at most "
                    + settings.maxServicesPerRequest() + " per request (" + ProvisionerSettings.MAX_SERVICES_PER_REQUEST
                    + "); split the batch");
        }
        List<String> services = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isTextual()) {
                throw new InvalidRequestException(SERVICES + "[" + i + "]: expected a string, got " + describe(item));
            }
            services.add(item.asText());
        }
        return services;
    }

    private static OptionalInt wholeInt(JsonNode body, String field, int max, String maxSource) {
        OptionalLong value = wholeNumber(body, field, 1, max, maxSource);
        return value.isPresent() ? OptionalInt.of((int) value.getAsLong()) : OptionalInt.empty();
    }

    private static OptionalLong wholeNumber(JsonNode body, String field, long min, long max, String maxSource) {
        JsonNode node = body.get(field);
        if (node == null) {
            return OptionalLong.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new InvalidRequestException(field + ": expected a whole number from " + min + " to " + max
                    + ", got " + describe(node));
        }
        long value = node.asLong();
        if (value < min) {
            throw new InvalidRequestException(field + ": " + value + " is below the minimum " + min);
        }
        if (value > max) {
            throw new InvalidRequestException(field + ": " + value + " is above the maximum " + max + " ("
                    + maxSource + ")");
        }
        return OptionalLong.of(value);
    }

    private static boolean bool(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new InvalidRequestException(field + ": expected true or false, got " + describe(node));
        }
        return node.asBoolean();
    }

    private static String describe(JsonNode node) {
        String text = node.toString();
        String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT) + " " + shown;
    }
}
