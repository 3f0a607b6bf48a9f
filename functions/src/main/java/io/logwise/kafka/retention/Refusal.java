package io.logwise.kafka.retention;

/** One reason the guard refuses a change, with the figures behind it. */
public record Refusal(Reason reason, String message) {

    public enum Reason {
        /** The new retention would delete records no known consumer has read yet (within the margin). */
        BELOW_UNREAD_DATA(true),
        /** No consumer positions are known, so a lowering cannot be shown to be safe. */
        UNREAD_DATA_UNKNOWN(true),
        /** Below RETENTION_FLOOR. */
        BELOW_FLOOR(true),
        /** retention.bytes lowering: the guard has no per-partition size and unread figures to check it. */
        BYTES_LOWERING(true),
        /** The disk estimate passes the budget; protects the whole cluster, so force does not override it. */
        ABOVE_DISK_BUDGET(false),
        /** A temporary change must raise retention: deleted records cannot be restored when it expires. */
        TEMPORARY_LOWERING(false);

        private final boolean forceOverrides;

        Reason(boolean forceOverrides) {
            this.forceOverrides = forceOverrides;
        }

        public boolean forceOverrides() {
            return forceOverrides;
        }
    }

    @Override
    public String toString() {
        return reason + ": " + message;
    }
}
