package io.logwise.kafka.scaling;

/** Which rule chose a target partition count. */
public enum TargetRule {
    /** LogWise's lag rule: used when rates are unknown. */
    LAG,
    /** Rate rule: absorb the ingest rate and drain the worst partition within the drain target. */
    RATE,
    /** An operator's explicit request. */
    MANUAL
}
