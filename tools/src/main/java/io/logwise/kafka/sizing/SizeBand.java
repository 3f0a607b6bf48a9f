package io.logwise.kafka.sizing;

/**
 * LogWise's maximum sustained rate per partition by average message size.
 *
 * <p>Each band's upper bound is exclusive: a message of exactly 1 KiB (1024 bytes) is in the "&lt;5 KiB" band
 * (8,000 msgs/s), not the "&lt;1 KiB" band.
 */
public enum SizeBand {
    UNDER_1_KIB(1024L, 10_000, "<1 KiB"),
    UNDER_5_KIB(5 * 1024L, 8_000, "1 KiB to <5 KiB"),
    UNDER_10_KIB(10 * 1024L, 5_000, "5 KiB to <10 KiB"),
    UNDER_20_KIB(20 * 1024L, 3_000, "10 KiB to <20 KiB"),
    LARGER(Long.MAX_VALUE, 2_000, "20 KiB or larger");

    private final long exclusiveUpperBytes;
    private final int maxMessagesPerSecond;
    private final String description;

    SizeBand(long exclusiveUpperBytes, int maxMessagesPerSecond, String description) {
        this.exclusiveUpperBytes = exclusiveUpperBytes;
        this.maxMessagesPerSecond = maxMessagesPerSecond;
        this.description = description;
    }

    public int maxMessagesPerSecond() {
        return maxMessagesPerSecond;
    }

    public String description() {
        return description;
    }

    public static SizeBand forMessageBytes(long averageMessageBytes) {
        if (averageMessageBytes <= 0) {
            throw new IllegalArgumentException("message size must be positive: " + averageMessageBytes);
        }
        for (SizeBand band : values()) {
            if (averageMessageBytes < band.exclusiveUpperBytes) {
                return band;
            }
        }
        return LARGER;
    }
}
