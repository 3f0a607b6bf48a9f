package io.logwise.kafka.client;

import io.logwise.kafka.config.KafkaConnectionSettings;
import io.logwise.kafka.error.ConnectionProblem;
import io.logwise.kafka.error.KafkaErrors;
import io.logwise.kafka.error.KafkaUnavailableException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka clients of one Lambda container. Created on first use (after a SnapStart restore, never in a snapshot),
 * reused by warm invocations, and rebuilt after a failure that leaves a client unusable (bad credentials, a closed
 * client) or may have (a timeout: its connections can be dead, e.g. a network path that dropped traffic, and a client
 * waits out request.timeout.ms before giving one up, so the retry would time out too). MSK IAM limits new connections
 * per broker, so reuse matters otherwise.
 */
public final class KafkaClients implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaClients.class);
    private static KafkaClients shared;

    private final KafkaClientFactory factory;
    private Admin admin;

    public KafkaClients(KafkaClientFactory factory) {
        this.factory = factory;
    }

    /** The container-wide instance for the process environment, built on first call. */
    public static synchronized KafkaClients shared() {
        if (shared == null) {
            shared = new KafkaClients(factoryFor(System.getenv()));
        }
        return shared;
    }

    /** The factory for an environment; SCRAM credentials are resolved only when a SCRAM client is built. */
    public static KafkaClientFactory factoryFor(Map<String, String> environment) {
        KafkaConnectionSettings settings = KafkaConnectionSettings.fromEnv(environment);
        return new KafkaClientFactory(settings, () -> ScramCredentials.resolve(settings, new SecretsManagerSecrets()));
    }

    public KafkaClientFactory factory() {
        return factory;
    }

    /**
     * The admin client, built on first use. Before building one, the bootstrap addresses are checked: when nothing
     * accepts connections there, this fails at once with a {@link io.logwise.kafka.error.ConnectionProblem} naming
     * them, instead of after the whole API time-out.
     */
    public synchronized Admin admin() {
        if (admin == null) {
            ConnectionCheck.requireListening(factory.settings());
            admin = Admin.create(factory.adminProperties());
        }
        return admin;
    }

    /** Call with any failure of a Kafka call: discards the clients when they cannot recover on their own. */
    public synchronized void onFailure(Throwable failure) {
        discardIfUnusable(failure);
    }

    /**
     * As {@link #onFailure(Throwable)}, then translate what it returns: after a time-out, a
     * {@link io.logwise.kafka.error.ConnectionProblem} naming the likely cause when a probe finds one (a protocol
     * mismatch, no AWS credentials) in the time the invocation can spare before its answer is due, else the failure.
     */
    public synchronized Throwable onFailure(Throwable failure, Deadline deadline) {
        discardIfUnusable(failure);
        if (KafkaErrors.isTimeout(failure)) {
            Optional<String> cause = ConnectionCheck.explainTimeout(factory.settings(), spareTime(deadline));
            if (cause.isPresent()) {
                LOG.warn("Kafka did not answer in time; probing its addresses found: {}", cause.get());
                return new ConnectionProblem(cause.get(), failure);
            }
        }
        return failure;
    }

    /**
     * The deadline keeps {@link Deadline#SAFETY_MARGIN} for the answer after the last Kafka call; writing the answer
     * needs well under a second of it, the rest may go to probing.
     */
    private static Duration spareTime(Deadline deadline) {
        Duration spare = deadline.remaining().plus(Deadline.SAFETY_MARGIN).minus(Duration.ofMillis(1300));
        return spare.isNegative() ? Duration.ZERO : spare;
    }

    private void discardIfUnusable(Throwable failure) {
        if (admin != null && (KafkaErrors.isFatalForClient(failure) || failure instanceof KafkaUnavailableException)) {
            LOG.warn("discarding the Kafka admin client after {}; the next call builds a new one",
                    KafkaErrors.unwrap(failure).getClass().getSimpleName());
            Admin discarded = admin;
            admin = null;
            // The failing invocation is close to its deadline: close without waiting, off its thread.
            Thread closer = new Thread(() -> closeQuietly(discarded, Duration.ZERO), "logwise-admin-close");
            closer.setDaemon(true);
            closer.start();
        }
    }

    @Override
    public synchronized void close() {
        closeAdmin();
    }

    private void closeAdmin() {
        if (admin != null) {
            closeQuietly(admin, Duration.ofSeconds(2));
            admin = null;
        }
    }

    private static void closeQuietly(Admin admin, Duration timeout) {
        try {
            admin.close(timeout);
        } catch (RuntimeException e) {
            LOG.debug("ignored while closing the admin client", e);
        }
    }
}
