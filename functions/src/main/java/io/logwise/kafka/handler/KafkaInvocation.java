package io.logwise.kafka.handler;

import io.logwise.kafka.client.Deadline;
import io.logwise.kafka.client.KafkaClients;
import io.logwise.kafka.gateway.StateStore;
import io.logwise.kafka.state.StateStoreSettings;
import org.apache.kafka.clients.admin.Admin;

/**
 * What one invocation works with: the container's Kafka clients, the invocation's deadline, and the state store,
 * opened on first use (a request refused before that creates nothing, not even the state topic) and closed with this.
 */
final class KafkaInvocation implements AutoCloseable {

    private final KafkaClients clients;
    private final Deadline deadline;
    private StateStore state;

    KafkaInvocation(KafkaClients clients, Deadline deadline) {
        this.clients = clients;
        this.deadline = deadline;
    }

    KafkaClients clients() {
        return clients;
    }

    Admin admin() {
        return clients.admin();
    }

    Deadline deadline() {
        return deadline;
    }

    StateStore state(StateStoreSettings settings) {
        if (state == null) {
            state = StateStore.open(clients.factory(), clients.admin(), settings, deadline);
        }
        return state;
    }

    @Override
    public void close() {
        if (state != null) {
            state.close();
        }
    }
}
