package io.logwise.kafka.state;

import java.util.Objects;

/** One write to the state topic: a key and its new value, or a tombstone ({@code value == null}) that removes it. */
// The bytes are carried to and from the state topic, never compared: equals/hashCode of the array are not used.
@SuppressWarnings("ArrayRecordComponent")
public record StateRecord(StateKey key, byte[] value) {

    public StateRecord {
        Objects.requireNonNull(key, "key");
    }

    public static StateRecord put(StateKey key, byte[] value) {
        return new StateRecord(key, Objects.requireNonNull(value, "value"));
    }

    public static StateRecord tombstone(StateKey key) {
        return new StateRecord(key, null);
    }

    public boolean isTombstone() {
        return value == null;
    }
}
