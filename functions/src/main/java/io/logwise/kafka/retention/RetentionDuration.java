package io.logwise.kafka.retention;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in requests and settings: a whole number and one unit, {@code 30s}, {@code 90m},
 * {@code 24h} or {@code 7d}. No compound forms ({@code 1h30m}: write {@code 90m}), no fractions, no weeks; plain
 * milliseconds only through the {@code retentionMs} field. Kafka's {@code -1} (unlimited) is never accepted.
 */
public final class RetentionDuration {
    /** Kafka's retention.ms / retention.bytes value for "no limit". */
    public static final long UNLIMITED = -1L;

    private static final Pattern DURATION = Pattern.compile("([-+]?)(\\d+)\\s*([a-zA-Z]*)");

    private RetentionDuration() {
    }

    // duration.toMillis() below is called for its ArithmeticException only: retention.ms must fit in a long.
    @SuppressWarnings("ReturnValueIgnored")
    public static Duration parse(String field, String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty()) {
            throw new InvalidFieldException(field, "a duration is required, e.g. 90m, 24h or 7d");
        }
        Matcher matcher = DURATION.matcher(trimmed);
        if (!matcher.matches()) {
            throw new InvalidFieldException(field, "'" + trimmed + "' is not a duration; write a whole number and"
                    + " a unit: 30s, 90m, 24h or 7d");
        }
        if (matcher.group(1).equals("-")) {
            throw new InvalidFieldException(field, "must be positive, got '" + trimmed + "'");
        }
        String unit = matcher.group(3).toLowerCase(Locale.ROOT);
        if (unit.isEmpty()) {
            throw new InvalidFieldException(field, "'" + trimmed + "' has no unit; write e.g. " + matcher.group(2)
                    + "h, " + matcher.group(2) + "m or " + matcher.group(2) + "d"
                    + (field.equals("retention") ? " (plain milliseconds go in retentionMs)" : ""));
        }
        long amount;
        try {
            amount = Long.parseLong(matcher.group(2));
        } catch (NumberFormatException e) {
            throw tooLarge(field, trimmed);
        }
        if (amount == 0) {
            throw new InvalidFieldException(field, "must be positive, got '" + trimmed + "'");
        }
        try {
            Duration duration = switch (unit) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                default -> throw new InvalidFieldException(field, "unknown unit '" + matcher.group(3) + "' in '"
                        + trimmed + "'; use s, m, h or d");
            };
            duration.toMillis(); // retention.ms is a long: refuse what does not fit
            return duration;
        } catch (ArithmeticException e) {
            throw tooLarge(field, trimmed);
        }
    }

    private static InvalidFieldException tooLarge(String field, String text) {
        return new InvalidFieldException(field, "'" + text + "' is too large");
    }
}
