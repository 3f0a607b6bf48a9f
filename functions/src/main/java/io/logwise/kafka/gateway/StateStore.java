package io.logwise.kafka.gateway;

import io.logwise.kafka.client.Deadline;
import io.logwise.kafka.client.KafkaClientFactory;
import io.logwise.kafka.state.DecisionJournal;
import io.logwise.kafka.state.ExtensionStore;
import io.logwise.kafka.state.LoadedPart;
import io.logwise.kafka.state.SnapshotStore;
import io.logwise.kafka.state.StatePart;
import io.logwise.kafka.state.StateStoreSettings;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;

/**
 * The project's state on its compacted Kafka topic: the decision journal, the temporary retention extensions and the
 * scan snapshots. Open one per invocation and close it at the end:
 * <pre>{@code
 * try (StateStore state = StateStore.open(clients.factory(), clients.admin(), stateSettings, deadline)) {
 *     Optional<Instant> last = state.journal().lastIncrease("logs.orders");
 * }
 * }</pre>
 * Each part of the topic is read at most once per instance, on first use, and the instance's own writes are added
 * to what it read; nothing is kept across invocations, so a warm container sees every other invocation's writes.
 */
public final class StateStore implements AutoCloseable {

    private final StateTopic topic;
    private final StateLogKafkaGateway log;
    private final DecisionJournal journal;
    private final ExtensionStore extensions;
    private final SnapshotStore snapshots;

    private StateStore(KafkaClientFactory factory, StateTopic topic, StateStoreSettings settings, Deadline deadline) {
        this.topic = topic;
        this.log = new StateLogKafkaGateway(factory, topic, deadline);
        LoadedPart journalPart = new LoadedPart(log, StatePart.JOURNAL);
        this.journal = new DecisionJournal(journalPart, settings.journalRetention());
        this.extensions = new ExtensionStore(journalPart);
        this.snapshots = new SnapshotStore(new LoadedPart(log, StatePart.SNAPSHOTS), settings.snapshotHistory());
    }

    /** Opens the store, creating the state topic with safe settings when it is absent. */
    public static StateStore open(KafkaClientFactory factory, Admin admin, StateStoreSettings settings,
                                  Deadline deadline) {
        return new StateStore(factory, ensureTopic(admin, settings, deadline), settings, deadline);
    }

    /** Opens the store only when the state topic exists: for readers that must not create anything. */
    public static Optional<StateStore> openIfExists(KafkaClientFactory factory, Admin admin,
                                                    StateStoreSettings settings, Deadline deadline) {
        return new StateTopicKafkaGateway(admin, settings).describe(deadline)
                .map(topic -> new StateStore(factory, topic, settings, deadline));
    }

    /** Creates the state topic when absent (concurrent creation is fine) and returns it as found. */
    public static StateTopic ensureTopic(Admin admin, StateStoreSettings settings, Deadline deadline) {
        return new StateTopicKafkaGateway(admin, settings).ensure(deadline);
    }

    public StateTopic topic() {
        return topic;
    }

    public DecisionJournal journal() {
        return journal;
    }

    public ExtensionStore extensions() {
        return extensions;
    }

    public SnapshotStore snapshots() {
        return snapshots;
    }

    @Override
    public void close() {
        log.close();
    }
}
