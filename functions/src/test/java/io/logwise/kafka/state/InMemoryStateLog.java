package io.logwise.kafka.state;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link StateLog} contract in memory, for unit tests of the stores' rules: an append-only list of records per
 * part, read back latest-value-per-key with tombstones removing keys. The Kafka implementation is tested in *IT.
 */
final class InMemoryStateLog implements StateLog {

    private final Map<StatePart, List<StateRecord>> log = new EnumMap<>(StatePart.class);
    private final Map<StatePart, Integer> reads = new EnumMap<>(StatePart.class);

    @Override
    public Map<String, byte[]> read(StatePart part) {
        reads.merge(part, 1, Integer::sum);
        Map<String, byte[]> latest = new LinkedHashMap<>();
        for (StateRecord record : records(part)) {
            latest.remove(record.key().text());
            if (!record.isTombstone()) {
                latest.put(record.key().text(), record.value());
            }
        }
        return latest;
    }

    @Override
    public void write(StatePart part, List<StateRecord> records) {
        records(part).addAll(records);
    }

    List<StateRecord> records(StatePart part) {
        return log.computeIfAbsent(part, p -> new ArrayList<>());
    }

    int reads(StatePart part) {
        return reads.getOrDefault(part, 0);
    }
}
