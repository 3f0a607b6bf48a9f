package io.logwise.kafka.sizing;

import io.logwise.kafka.topics.TopicNames;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validated calculator input. Every constructor and parser failure is an {@link InvalidSizingInputException}
 * naming the field (the command-line option without dashes).
 *
 * @param messagesPerSecond   average log rate, msgs/s (&gt; 0, at most {@value #MAX_RATE})
 * @param averageMessageBytes average message size in bytes (&gt; 0, at most 1 GiB)
 * @param peakFactor          peak rate / average rate (1 to {@value #MAX_PEAK})
 * @param headroom            extra share of partitions as a fraction: 0.2 = 20% (0 to 5, i.e. 500%)
 * @param environment         prod, staging or dev
 * @param services            service names for a provisioning event (may be empty)
 */
public record SizingInput(
        BigDecimal messagesPerSecond,
        long averageMessageBytes,
        BigDecimal peakFactor,
        BigDecimal headroom,
        Environment environment,
        List<String> services) {

    static final long MAX_RATE = 1_000_000_000L;
    static final long MAX_MESSAGE_BYTES = 1024L * 1024 * 1024;
    static final long MAX_PEAK = 100;
    static final BigDecimal MAX_HEADROOM = BigDecimal.valueOf(5);
    /** Topic names are at most 249 characters; the service name follows the 5-character {@code logs.} prefix. */
    static final int MAX_SERVICE_NAME_LENGTH = 249 - 5;

    private static final Pattern SIZE = Pattern.compile("([-+]?\\d+(?:\\.\\d+)?)\\s*([a-zA-Z]*)");

    public SizingInput {
        Objects.requireNonNull(environment, "environment");
        requirePositive("rate", messagesPerSecond, "msgs/s");
        if (messagesPerSecond.compareTo(BigDecimal.valueOf(MAX_RATE)) > 0) {
            throw new InvalidSizingInputException("rate", "must be at most " + MAX_RATE + " msgs/s, got "
                    + messagesPerSecond.toPlainString());
        }
        if (averageMessageBytes <= 0) {
            throw new InvalidSizingInputException("message-size", "must be positive, got " + averageMessageBytes
                    + " bytes");
        }
        if (averageMessageBytes > MAX_MESSAGE_BYTES) {
            throw new InvalidSizingInputException("message-size", "must be at most 1 GiB, got "
                    + averageMessageBytes + " bytes");
        }
        Objects.requireNonNull(peakFactor, "peakFactor");
        if (peakFactor.compareTo(BigDecimal.ONE) < 0 || peakFactor.compareTo(BigDecimal.valueOf(MAX_PEAK)) > 0) {
            throw new InvalidSizingInputException("peak", "must be between 1 (no peak) and " + MAX_PEAK
                    + " (peak rate / average rate), got " + peakFactor.toPlainString());
        }
        Objects.requireNonNull(headroom, "headroom");
        if (headroom.signum() < 0 || headroom.compareTo(MAX_HEADROOM) > 0) {
            throw new InvalidSizingInputException("headroom", "must be between 0% and 500%, got "
                    + headroom.movePointRight(2).stripTrailingZeros().toPlainString() + "%");
        }
        services = List.copyOf(services);
        services.forEach(SizingInput::requireServiceName);
    }

    /** Parses a positive decimal rate in msgs/s, e.g. {@code 50000} or {@code 1500.5}. */
    public static BigDecimal parseRate(String text) {
        return requirePositive("rate", parseDecimal("rate", text), "msgs/s");
    }

    /**
     * Parses a message size: a byte count ({@code 2048}, {@code 2048B}) or binary units ({@code 2KiB},
     * {@code 1.5KiB}, {@code 1MiB}); fractions of a byte round up. {@code KB}/{@code MB} are refused as ambiguous
     * (1000 or 1024?).
     */
    public static long parseMessageSize(String text) {
        String trimmed = text == null ? "" : text.trim();
        Matcher matcher = SIZE.matcher(trimmed);
        if (!matcher.matches()) {
            throw new InvalidSizingInputException("message-size", "not a size: '" + trimmed
                    + "'; write bytes (2048) or binary units (2KiB, 1MiB)");
        }
        BigDecimal amount = new BigDecimal(matcher.group(1));
        String unit = matcher.group(2).toLowerCase(Locale.ROOT);
        long multiplier = switch (unit) {
            case "", "b" -> 1L;
            case "kib" -> 1024L;
            case "mib" -> 1024L * 1024;
            case "k", "kb", "m", "mb" -> throw new InvalidSizingInputException("message-size", "unit '"
                    + matcher.group(2) + "' is ambiguous (1000 or 1024?); write KiB/MiB or a byte count");
            default -> throw new InvalidSizingInputException("message-size", "unknown unit '" + matcher.group(2)
                    + "'; use B, KiB or MiB");
        };
        BigDecimal bytes = amount.multiply(BigDecimal.valueOf(multiplier))
                .setScale(0, RoundingMode.CEILING);
        if (bytes.signum() <= 0) {
            throw new InvalidSizingInputException("message-size", "must be positive, got '" + trimmed + "'");
        }
        if (bytes.compareTo(BigDecimal.valueOf(MAX_MESSAGE_BYTES)) > 0) {
            throw new InvalidSizingInputException("message-size", "must be at most 1 GiB, got '" + trimmed + "'");
        }
        return bytes.longValueExact();
    }

    /** Parses the peak factor, e.g. {@code 2.0}: the peak rate is this many times the average. */
    public static BigDecimal parsePeak(String text) {
        return parseDecimal("peak", text);
    }

    /**
     * Parses headroom as a percentage ({@code 20%}) or a fraction ({@code 0.2}). A plain number above 1 is refused
     * because {@code 20} could mean 20% or 2000%.
     */
    public static BigDecimal parseHeadroom(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.endsWith("%")) {
            return parseDecimal("headroom", trimmed.substring(0, trimmed.length() - 1)).movePointLeft(2);
        }
        BigDecimal fraction = parseDecimal("headroom", trimmed);
        if (fraction.compareTo(BigDecimal.ONE) > 0) {
            throw new InvalidSizingInputException("headroom", "'" + trimmed
                    + "' is ambiguous; write a percentage (" + trimmed + "%) or a fraction between 0 and 1 (0.2)");
        }
        return fraction;
    }

    private static BigDecimal parseDecimal(String field, String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty()) {
            throw new InvalidSizingInputException(field, "a number is required");
        }
        try {
            return new BigDecimal(trimmed);
        } catch (NumberFormatException e) {
            throw new InvalidSizingInputException(field, "not a number: '" + trimmed + "'");
        }
    }

    private static BigDecimal requirePositive(String field, BigDecimal value, String unit) {
        Objects.requireNonNull(value, field);
        if (value.signum() <= 0) {
            throw new InvalidSizingInputException(field, "must be positive, got " + value.toPlainString() + " "
                    + unit);
        }
        return value;
    }

    private static void requireServiceName(String name) {
        if (name == null || !TopicNames.hasOnlyLegalCharacters(name)) {
            throw new InvalidSizingInputException("service", "'" + name
                    + "' is not a valid service name; use letters, digits, '.', '_' and '-'");
        }
        if (name.length() > MAX_SERVICE_NAME_LENGTH) {
            throw new InvalidSizingInputException("service", "'" + name + "' is longer than "
                    + MAX_SERVICE_NAME_LENGTH + " characters (topic names are at most 249 with the 'logs.' prefix)");
        }
        if (name.startsWith("logs.")) {
            throw new InvalidSizingInputException("service", "give the service name without the 'logs.' prefix: '"
                    + name.substring(5) + "'");
        }
    }
}
