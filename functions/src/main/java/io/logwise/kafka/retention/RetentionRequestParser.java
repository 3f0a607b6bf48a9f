package io.logwise.kafka.retention;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.error.InvalidRequestException;
import io.logwise.kafka.time.HumanDuration;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Turns a retention request body into a {@link RetentionRequest} or a list of whole-request errors.
 *
 * <p>Whole-request errors (nothing changes): a bad or missing retention, bad temporary span, force without a reason,
 * unknown fields, no targets at all. Per-target errors (the rest proceed): an illegal name, a topic outside
 * {@code logs.}.
 */
public final class RetentionRequestParser {
    static final Set<String> FIELDS = Set.of("services", "topics", "retention", "retentionMs", "retentionBytes",
            "for", "until", "reason", "force", "dryRun");
    static final int MAX_REASON_LENGTH = 500;

    /** The outcome: a request to carry out, or why the whole request is refused. */
    public sealed interface Result {

        /** The request to carry out; a refused one is an invalid request, naming every error, and changes nothing. */
        default RetentionRequest orRefuse() {
            if (this instanceof Rejected rejected) {
                throw new InvalidRequestException("nothing changed: " + rejected.errors().stream()
                        .map(Object::toString).collect(Collectors.joining("; ")));
            }
            return ((Accepted) this).request();
        }

        record Accepted(RetentionRequest request) implements Result {
        }

        record Rejected(List<FieldError> errors) implements Result {
        }
    }

    private RetentionRequestParser() {
    }

    public static Result parse(JsonNode body, RetentionSettings settings, Instant now) {
        if (body == null || !body.isObject()) {
            return new Result.Rejected(List.of(new FieldError("request", "must be a JSON object")));
        }
        List<FieldError> errors = new ArrayList<>();
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                errors.add(new FieldError(name, "unknown field; expected " + String.join(", ", FIELDS.stream()
                        .sorted().toList())));
            }
        }
        List<FieldError> rejectedTargets = new ArrayList<>();
        Set<String> topics = new LinkedHashSet<>();
        int listed = targets(body, "services", true, topics, rejectedTargets, errors)
                + targets(body, "topics", false, topics, rejectedTargets, errors);
        if (listed == 0 && errors.stream().noneMatch(e -> e.field().equals("services") || e.field().equals("topics"))) {
            errors.add(new FieldError("services", "name at least one service (or full topic name under topics)"));
        }
        Duration retention = capture(errors, () -> retention(body, settings));
        OptionalLong bytes = capture(errors, () -> retentionBytes(body));
        Optional<Instant> expiresAt = capture(errors, () -> expiresAt(body, settings, now));
        Optional<String> reason = capture(errors, () -> reason(body));
        boolean force = Boolean.TRUE.equals(capture(errors, () -> flag(body, "force")));
        boolean dryRun = Boolean.TRUE.equals(capture(errors, () -> flag(body, "dryRun")));
        if (force && reason != null && reason.isEmpty()) {
            errors.add(new FieldError("reason", "is required with force: say why the guard may be overridden"));
        }
        if (!errors.isEmpty()) {
            return new Result.Rejected(List.copyOf(errors));
        }
        return new Result.Accepted(new RetentionRequest(List.copyOf(topics), rejectedTargets, retention, bytes,
                expiresAt, reason, force, dryRun));
    }

    /** Adds valid names to {@code topics}, per-item errors to {@code rejected}; returns how many items were listed. */
    private static int targets(JsonNode body, String field, boolean services, Set<String> topics,
                               List<FieldError> rejected, List<FieldError> errors) {
        JsonNode list = body.get(field);
        if (list == null || list.isNull()) {
            return 0;
        }
        if (!list.isArray()) {
            errors.add(new FieldError(field, "must be an array of " + (services ? "service" : "topic") + " names"));
            return 0;
        }
        for (int i = 0; i < list.size(); i++) {
            String itemField = field + "[" + i + "]";
            JsonNode item = list.get(i);
            if (!item.isTextual()) {
                rejected.add(new FieldError(itemField, "must be a string"));
                continue;
            }
            try {
                topics.add(services ? ManagedTopics.forService(itemField, item.asText())
                        : ManagedTopics.forTopic(itemField, item.asText()));
            } catch (InvalidFieldException e) {
                rejected.add(e.error());
            }
        }
        return list.size();
    }

    private static Duration retention(JsonNode body, RetentionSettings settings) {
        JsonNode text = body.get("retention");
        JsonNode millis = body.get("retentionMs");
        if (text != null && millis != null) {
            throw new InvalidFieldException("retentionMs", "give either retention or retentionMs, not both");
        }
        Duration retention;
        String field;
        if (text != null) {
            field = "retention";
            if (!text.isTextual()) {
                throw new InvalidFieldException(field, "must be a string such as \"7d\" (milliseconds go in"
                        + " retentionMs)");
            }
            retention = RetentionDuration.parse(field, text.asText());
        } else if (millis != null) {
            field = "retentionMs";
            if (!millis.isIntegralNumber() || !millis.canConvertToLong()) {
                throw new InvalidFieldException(field, "must be a whole number of milliseconds, got " + millis);
            }
            if (millis.asLong() <= 0) {
                throw new InvalidFieldException(field, "must be positive, got " + millis.asLong()
                        + " (unlimited retention, -1, is not offered)");
            }
            retention = Duration.ofMillis(millis.asLong());
        } else {
            throw new InvalidFieldException("retention", "is required: a duration such as \"7d\", or retentionMs");
        }
        if (retention.compareTo(settings.maximum()) > 0) {
            throw new InvalidFieldException(field, HumanDuration.format(retention) + " is above the maximum of "
                    + HumanDuration.format(settings.maximum()) + " (" + RetentionSettings.MAXIMUM + ")");
        }
        return retention;
    }

    private static OptionalLong retentionBytes(JsonNode body) {
        JsonNode bytes = body.get("retentionBytes");
        if (bytes == null) {
            return OptionalLong.empty();
        }
        if (!bytes.isIntegralNumber() || !bytes.canConvertToLong()) {
            throw new InvalidFieldException("retentionBytes", "must be a whole number of bytes, got " + bytes);
        }
        long value = bytes.asLong();
        if (value <= 0 && value != RetentionDuration.UNLIMITED) {
            throw new InvalidFieldException("retentionBytes", "must be positive, or -1 for no size limit; got "
                    + value);
        }
        return OptionalLong.of(value);
    }

    private static Optional<Instant> expiresAt(JsonNode body, RetentionSettings settings, Instant now) {
        JsonNode span = body.get("for");
        JsonNode until = body.get("until");
        if (span != null && until != null) {
            throw new InvalidFieldException("until", "give either for or until, not both");
        }
        if (span == null && until == null) {
            return Optional.empty();
        }
        String field = span != null ? "for" : "until";
        JsonNode node = span != null ? span : until;
        if (!node.isTextual()) {
            throw new InvalidFieldException(field, span != null ? "must be a duration such as \"48h\""
                    : "must be an ISO-8601 time with an offset, e.g. \"2026-12-01T08:00:00Z\"");
        }
        Instant expiry;
        if (span != null) {
            expiry = now.plus(RetentionDuration.parse(field, node.asText()));
        } else {
            try {
                expiry = OffsetDateTime.parse(node.asText().trim()).toInstant();
            } catch (DateTimeParseException e) {
                throw new InvalidFieldException(field, "'" + node.asText() + "' is not an ISO-8601 time with an"
                        + " offset, e.g. 2026-12-01T08:00:00Z");
            }
            if (!expiry.isAfter(now)) {
                throw new InvalidFieldException(field, node.asText() + " is not in the future (now " + now + ")");
            }
        }
        Duration length = Duration.between(now, expiry);
        if (length.compareTo(settings.maximum()) > 0) {
            throw new InvalidFieldException(field, "a temporary change of " + HumanDuration.format(length)
                    + " is longer than the maximum of " + HumanDuration.format(settings.maximum()) + " ("
                    + RetentionSettings.MAXIMUM + ")");
        }
        return Optional.of(expiry);
    }

    private static Optional<String> reason(JsonNode body) {
        JsonNode reason = body.get("reason");
        if (reason == null || reason.isNull()) {
            return Optional.empty();
        }
        if (!reason.isTextual()) {
            throw new InvalidFieldException("reason", "must be a string");
        }
        String text = reason.asText().strip();
        if (text.length() > MAX_REASON_LENGTH) {
            throw new InvalidFieldException("reason", "is " + text.length() + " characters; at most "
                    + MAX_REASON_LENGTH);
        }
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    private static Boolean flag(JsonNode body, String field) {
        JsonNode flag = body.get(field);
        if (flag == null || flag.isNull()) {
            return false;
        }
        if (!flag.isBoolean()) {
            throw new InvalidFieldException(field, "must be true or false, got " + flag);
        }
        return flag.asBoolean();
    }

    private static <T> T capture(List<FieldError> errors, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidFieldException e) {
            errors.add(e.error());
            return null;
        }
    }
}
