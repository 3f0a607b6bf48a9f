package io.logwise.kafka.handler;

import io.logwise.kafka.client.Deadline;
import io.logwise.kafka.client.KafkaClients;
import io.logwise.kafka.gateway.RetentionKafkaGateway;
import io.logwise.kafka.gateway.ScalingKafkaGateway;
import io.logwise.kafka.gateway.StateStore;
import io.logwise.kafka.gateway.TopicsKafkaGateway;
import io.logwise.kafka.gateway.UnreadReader;
import io.logwise.kafka.gateway.UnreadReaders;
import io.logwise.kafka.state.StateStoreSettings;
import java.util.Optional;

/**
 * What one invocation works with: the container's Kafka clients, the invocation's deadline, the gateways made of both,
 * and the state store, opened on first use (a request refused before that creates nothing, not even the state topic)
 * and closed with this.
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

    Deadline deadline() {
        return deadline;
    }

    TopicsKafkaGateway topics() {
        return new TopicsKafkaGateway(clients.admin(), deadline);
    }

    ScalingKafkaGateway scaling() {
        return new ScalingKafkaGateway(clients.admin(), deadline);
    }

    RetentionKafkaGateway retention() {
        return new RetentionKafkaGateway(clients.admin(), deadline);
    }

    UnreadReader unreadReader(UnreadReaders readers) {
        return readers.forInvocation(clients.admin(), clients.factory(), deadline);
    }

    StateStore state(StateStoreSettings settings) {
        if (state == null) {
            state = StateStore.open(clients.factory(), clients.admin(), settings, deadline);
        }
        return state;
    }

    /** Set when this invocation had to create the state topic: earlier decisions (and cooldowns) may have been lost. */
    Optional<String> stateCreationNotice() {
        return state == null ? Optional.empty() : state.topic().creationNotice();
    }

    @Override
    public void close() {
        if (state != null) {
            state.close();
        }
    }
}
