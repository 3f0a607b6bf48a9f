package io.logwise.kafka.error;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps error messages readable when they quote hostile input: a 100,000-character service name must not end up
 * whole in the Lambda error, the log line and the alarm. Long unbroken runs (no whitespace) are cut to their start
 * plus their length, and the message as a whole is capped. Kafka topic names (at most 249 characters), S3 locations
 * and ordinary words are kept in full.
 */
public final class ErrorText {

    static final int LONGEST_RUN = 300;
    static final int KEPT_OF_A_LONG_RUN = 120;
    static final int LONGEST_MESSAGE = 4_000;
    private static final Pattern LONG_RUN = Pattern.compile("\\S{" + (LONGEST_RUN + 1) + ",}");

    private ErrorText() {
    }

    /** The message with every over-long run shortened and the whole capped at {@value #LONGEST_MESSAGE} characters. */
    public static String bounded(String message) {
        if (message == null || message.length() <= LONGEST_RUN) {
            return message;
        }
        String shortened = LONG_RUN.matcher(message)
                .replaceAll(run -> Matcher.quoteReplacement(cut(run.group(), KEPT_OF_A_LONG_RUN)));
        if (shortened.length() <= LONGEST_MESSAGE) {
            return shortened;
        }
        return cut(shortened, LONGEST_MESSAGE);
    }

    private static String cut(String text, int kept) {
        int end = text.offsetByCodePoints(0, Math.min(kept, text.codePointCount(0, text.length())));
        return text.substring(0, end) + "... (" + text.length() + " characters)";
    }
}
