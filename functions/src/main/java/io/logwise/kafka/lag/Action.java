package io.logwise.kafka.lag;

/**
 * Something a person should do about one topic, derived from a scan's verdicts and figures only: an UNKNOWN topic
 * never gets an action. Listed by the lag table ({@code scripts/lag}); not part of the scan result, so the partition
 * scaler and the retention updater decide from the verdicts and their own measurement.
 *
 * @param topic  the managed topic
 * @param kind   SCALE (partition scaler), PROTECT_RETENTION (retention updater), INVESTIGATE (a person)
 * @param reason the measured facts behind it, in plain language
 */
public record Action(String topic, Kind kind, String reason) {

    public enum Kind {
        /** A consumer lags above maxLagPerPartition: more partitions (and consumers) would spread the load. */
        SCALE,
        /**
         * Records were deleted by retention before a consumer read them, or a consumer's time lag is above the
         * AT_RISK share of retention.ms (they will be).
         */
        PROTECT_RETENTION,
        /** Nobody reads the topic, a consumer has no committed offset on some partitions, or it is STALLED. */
        INVESTIGATE
    }
}
