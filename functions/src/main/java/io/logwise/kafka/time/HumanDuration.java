package io.logwise.kafka.time;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * The one way durations are written for people (reasons, problems, tables, notes): {@code 45s}, {@code 1.5s},
 * {@code 1m}, {@code 16m52s}, {@code 5h12m}, {@code 1d12h}, {@code 7d}. Under a minute in seconds with the fraction
 * that matters ({@code 0.25s}, never {@code 250ms}); from a minute on to the nearest second. JSON keeps exact numbers.
 */
public final class HumanDuration {

    private HumanDuration() {
    }

    public static String format(Duration duration) {
        if (duration.isNegative()) {
            return "-" + format(duration.negated());
        }
        if (duration.compareTo(Duration.ofMinutes(1)) < 0) {
            // Whole seconds from 10 s on, two significant digits below: 47s, 9.5s, 0.25s (the JSON keeps the exact
            // figure; a reason only needs the order of magnitude).
            BigDecimal seconds = BigDecimal.valueOf(duration.toNanos(), 9);
            BigDecimal shown = seconds.compareTo(BigDecimal.TEN) >= 0 ? seconds.setScale(0, RoundingMode.HALF_UP)
                    : seconds.round(new MathContext(2, RoundingMode.HALF_UP));
            if (shown.compareTo(BigDecimal.valueOf(60)) < 0) {
                return shown.stripTrailingZeros().toPlainString() + "s";
            }
        }
        Duration rounded = Duration.ofSeconds(duration.getSeconds() + (duration.getNano() >= 500_000_000 ? 1 : 0));
        StringBuilder text = new StringBuilder();
        append(text, rounded.toDays(), "d");
        append(text, rounded.toHoursPart(), "h");
        append(text, rounded.toMinutesPart(), "m");
        append(text, rounded.toSecondsPart(), "s");
        return text.toString();
    }

    public static String formatMillis(long millis) {
        return format(Duration.ofMillis(millis));
    }

    /** A {@code retention.ms} value: Kafka's {@code -1} (any negative value) means no limit. */
    public static String retentionMs(long millis) {
        return millis < 0 ? "unlimited" : formatMillis(millis);
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount != 0) {
            text.append(amount).append(unit);
        }
    }
}
