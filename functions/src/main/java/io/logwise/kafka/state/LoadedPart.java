package io.logwise.kafka.state;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One part of the state topic as one store instance sees it: read from the log on first use, then kept in step with
 * the instance's own writes. A store instance lives for one invocation, so a warm container still reads the writes
 * of other invocations: nothing is kept from one invocation to the next.
 */
public final class LoadedPart {

    private final StateLog log;
    private final StatePart part;
    private LinkedHashMap<String, byte[]> values;
    private final Set<String> problems = new LinkedHashSet<>();

    public LoadedPart(StateLog log, StatePart part) {
        this.log = log;
        this.part = part;
    }

    public StatePart part() {
        return part;
    }

    /** Live keys and their latest values, in the order they were last written. */
    public Map<String, byte[]> values() {
        if (values == null) {
            values = new LinkedHashMap<>(log.read(part));
            problems.addAll(log.skipped(part));
        }
        return Collections.unmodifiableMap(values);
    }

    /** Records of this part that were skipped (too large, unreadable): never silently, always named here. */
    public List<String> problems() {
        values();
        return List.copyOf(problems);
    }

    /** Names a record a reader of this part could not use. */
    public void problem(String problem) {
        problems.add(problem);
    }

    /** Reads the part from the log again, to see what other invocations wrote since it was loaded. */
    public void reload() {
        values = null;
        values();
    }

    public boolean isLoaded() {
        return values != null;
    }

    /** Writes to the log; once acknowledged, the loaded view (if any) shows them too. */
    public void write(List<StateRecord> records) {
        for (StateRecord record : records) {
            if (record.key().part() != part) {
                throw new IllegalArgumentException(record.key().text() + " belongs to " + record.key().part()
                        + ", not " + part);
            }
        }
        log.write(part, records);
        if (values != null) {
            for (StateRecord record : records) {
                String key = record.key().text();
                values.remove(key);
                if (!record.isTombstone()) {
                    values.put(key, record.value());
                }
            }
        }
    }
}
