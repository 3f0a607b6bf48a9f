package io.logwise.kafka.scan;

/**
 * Something a downstream function (or a person) should do about one topic, derived from measured facts only: an
 * UNKNOWN topic never gets an action.
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
