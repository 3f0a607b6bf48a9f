package io.logwise.kafka.state;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The temporary retention extensions still to revert, one key per topic. Write the extension (with the original
 * retention) before raising retention, and remove it only after the revert is done: a crash in between leaves the
 * extension listed, so the next run reverts it.
 */
public final class ExtensionStore {

    private static final Logger LOG = LoggerFactory.getLogger(ExtensionStore.class);

    private final LoadedPart journal;

    public ExtensionStore(LoadedPart journal) {
        if (journal.part() != StatePart.JOURNAL) {
            throw new IllegalArgumentException("extensions live in the journal part");
        }
        this.journal = journal;
    }

    /** Records (or replaces) the topic's active extension. */
    public void put(RetentionExtension extension) {
        journal.write(List.of(StateRecord.put(extension.key(), StateCodec.encode(extension))));
    }

    /** Removes the topic's extension (a tombstone); harmless when there is none. */
    public void remove(String topic) {
        journal.write(List.of(StateRecord.tombstone(new StateKey.ExtensionKey(topic))));
    }

    public Optional<RetentionExtension> get(String topic) {
        byte[] value = journal.values().get(new StateKey.ExtensionKey(topic).text());
        return value == null ? Optional.empty() : decode(topic, value);
    }

    /** Every active extension, by topic name. */
    public List<RetentionExtension> active() {
        List<RetentionExtension> active = new ArrayList<>();
        journal.values().forEach((key, value) -> StateKey.parse(key).ifPresent(parsed -> {
            if (parsed instanceof StateKey.ExtensionKey extensionKey) {
                decode(extensionKey.topic(), value).ifPresent(active::add);
            }
        }));
        active.sort(Comparator.comparing(RetentionExtension::topic));
        return active;
    }

    /** State records of the journal part that could not be used, named (see {@link LoadedPart#problems}). */
    public List<String> problems() {
        return journal.problems();
    }

    private Optional<RetentionExtension> decode(String topic, byte[] value) {
        try {
            RetentionExtension extension = StateCodec.decodeExtension(value);
            if (!extension.topic().equals(topic)) {
                throw new UnreadableStateException("it names topic " + extension.topic());
            }
            return Optional.of(extension);
        } catch (UnreadableStateException e) {
            LOG.warn("skipping the extension record of {}: {}", topic, e.getMessage());
            journal.problem("state record " + new StateKey.ExtensionKey(topic).text() + " skipped: " + e.getMessage());
            return Optional.empty();
        }
    }
}
