package io.logwise.kafka.retention;

/**
 * The lag scanner's verdict for a topic, as retention protection needs it. The handler maps the scanner's own
 * result onto this, which keeps the retention package independent of the lag package.
 */
public enum LagState {
    /** Consumers keep up. */
    OK,
    /** Behind, but not in danger of losing records to retention. */
    LAGGING,
    /** Unread records will soon reach retention. */
    AT_RISK,
    /** No consumer data. */
    UNKNOWN
}
