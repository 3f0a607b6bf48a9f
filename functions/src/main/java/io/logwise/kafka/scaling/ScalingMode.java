package io.logwise.kafka.scaling;

import java.util.Locale;

/** The scaler's switch. */
public enum ScalingMode {
    /** Decide nothing: every candidate is refused with {@link RefusalReason#MODE_OFF}. */
    OFF("off"),
    /** Decide and journal, never change Kafka. */
    DRY_RUN("dry-run"),
    /** Decide, journal and apply increases. */
    ON("on");

    private final String text;

    ScalingMode(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** Parses {@code off}, {@code dry-run} or {@code on}, case-insensitively. */
    public static ScalingMode parse(String value) {
        String wanted = value.strip().toLowerCase(Locale.ROOT);
        for (ScalingMode mode : values()) {
            if (mode.text.equals(wanted)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not one of off, dry-run, on");
    }
}
