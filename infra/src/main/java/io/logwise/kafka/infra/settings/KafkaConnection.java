package io.logwise.kafka.infra.settings;

import java.util.Optional;

/** How the functions reach and authenticate to Kafka; one case per {@code KAFKA_SECURITY_MODE}. */
public sealed interface KafkaConnection {

    /** The value of {@code KAFKA_SECURITY_MODE}. */
    String securityMode();

    /** MSK with IAM access control; without a bootstrap string the stack looks it up at deploy time. */
    record MskIam(MskClusterArn cluster, Optional<String> bootstrapServers) implements KafkaConnection {
        @Override
        public String securityMode() {
            return "iam";
        }
    }

    /** SASL/SCRAM-SHA-512 over TLS; the secret holds {@code username} and {@code password}. */
    record Scram(String bootstrapServers, String secretArn, Optional<String> secretKmsKeyArn)
            implements KafkaConnection {
        @Override
        public String securityMode() {
            return "scram";
        }
    }

    /** TLS without client authentication. */
    record Tls(String bootstrapServers) implements KafkaConnection {
        @Override
        public String securityMode() {
            return "tls";
        }
    }

    /** No encryption, no authentication: local brokers only. */
    record Plaintext(String bootstrapServers) implements KafkaConnection {
        @Override
        public String securityMode() {
            return "plaintext";
        }
    }
}
