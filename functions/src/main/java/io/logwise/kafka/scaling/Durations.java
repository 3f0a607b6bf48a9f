package io.logwise.kafka.scaling;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Reads durations as {@code 90s}, {@code 10m}, {@code 1h} or ISO-8601 ({@code PT10M}); HumanDuration prints them. */
final class Durations {

    private Durations() {
    }

    static Duration parse(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        if (value.startsWith("p")) {
            try {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 duration such as PT10M");
            }
        }
        if (value.length() < 2) {
            throw new IllegalArgumentException("'" + text + "' is not a duration such as 90s, 10m or 1h");
        }
        char unit = value.charAt(value.length() - 1);
        long amount;
        try {
            amount = Long.parseLong(value.substring(0, value.length() - 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration such as 90s, 10m or 1h");
        }
        return switch (unit) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> throw new IllegalArgumentException(
                    "'" + text + "' has unit '" + unit + "'; use s, m or h (e.g. 90s, 10m, 1h)");
        };
    }
}
