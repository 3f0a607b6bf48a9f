package io.logwise.kafka.client;

import io.logwise.kafka.config.KafkaConnectionSettings;
import io.logwise.kafka.error.KafkaErrors;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka clients of one Lambda container. Created on first use (after a SnapStart restore, never in a snapshot),
 * reused by warm invocations, and rebuilt after a failure that leaves a client unusable (bad credentials, a closed
 * client). MSK IAM limits new connections per broker, so reuse matters.
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

    public synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(factory.adminProperties());
        }
        return admin;
    }

    /** Call with any failure of a Kafka call: discards the clients when they cannot recover on their own. */
    public synchronized void onFailure(Throwable failure) {
        if (admin != null && KafkaErrors.isFatalForClient(failure)) {
            LOG.warn("discarding the Kafka admin client after {}; the next call builds a new one",
                    KafkaErrors.unwrap(failure).getClass().getSimpleName());
            closeAdmin();
        }
    }

    @Override
    public synchronized void close() {
        closeAdmin();
    }

    private void closeAdmin() {
        if (admin != null) {
            try {
                admin.close(Duration.ofSeconds(2));
            } catch (RuntimeException e) {
                LOG.debug("ignored while closing the admin client", e);
            }
            admin = null;
        }
    }
}
