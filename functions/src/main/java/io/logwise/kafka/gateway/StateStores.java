package io.logwise.kafka.gateway;

import io.logwise.kafka.client.Deadline;
import io.logwise.kafka.client.KafkaClientFactory;
import io.logwise.kafka.state.StateStoreSettings;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;

/** Where the state store lives, for a service to open it per invocation without holding the Kafka clients itself. */
public final class StateStores {

    private final KafkaClientFactory factory;
    private final Admin admin;
    private final StateStoreSettings settings;

    public StateStores(KafkaClientFactory factory, Admin admin, StateStoreSettings settings) {
        this.factory = factory;
        this.admin = admin;
        this.settings = settings;
    }

    public StateStoreSettings settings() {
        return settings;
    }

    /** See {@link StateStore#open}: creates the state topic when it is absent. */
    public StateStore open(Deadline deadline) {
        return StateStore.open(factory, admin, settings, deadline);
    }

    /** See {@link StateStore#openIfExists}: creates nothing. */
    public Optional<StateStore> openIfExists(Deadline deadline) {
        return StateStore.openIfExists(factory, admin, settings, deadline);
    }
}
