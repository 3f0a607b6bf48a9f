package io.logwise.kafka.config;

/** How the functions authenticate to Kafka ({@code KAFKA_SECURITY_MODE}). */
public enum SecurityMode {
    /** No TLS, no authentication: a local broker. */
    PLAINTEXT,
    /** TLS, optionally with a custom truststore; no client authentication. */
    TLS,
    /** SASL/SCRAM-SHA-512 over TLS, as Amazon MSK offers it. */
    SCRAM,
    /** Amazon MSK IAM access control (aws-msk-iam-auth) over TLS. */
    IAM
}
