package io.logwise.kafka.state;

import java.util.List;
import java.util.Map;

/**
 * The state topic as the stores see it: a log of keyed values where the latest value of a key wins and a tombstone
 * removes the key. The Kafka implementation is {@code io.logwise.kafka.gateway.StateLogKafkaGateway}.
 */
public interface StateLog {

    /**
     * Every live key of the part with its latest value, read from the start of the log up to its end as it was when
     * the read began.
     *
     * @return key text to value, in the order the keys were last written
     */
    Map<String, byte[]> read(StatePart part);

    /**
     * Writes the records in order, all to one part, and returns only once all of them are acknowledged by every
     * in-sync replica. Throws when that cannot be confirmed: the records may or may not have been written.
     */
    void write(StatePart part, List<StateRecord> records);

    /** The records the last {@link #read} of the part skipped (too large to load), each named; none by default. */
    default List<String> skipped(StatePart part) {
        return List.of();
    }
}
