package io.logwise.kafka.error;

/**
 * Why the cluster could not be reached, found by probing its addresses (nothing listening, a protocol mismatch, no
 * AWS credentials). {@link KafkaErrors#translate} turns it into a {@link KafkaUnavailableException} naming the
 * operation; the original failure, if any, is the cause.
 */
public final class ConnectionProblem extends RuntimeException {

    public ConnectionProblem(String message) {
        super(message);
    }

    public ConnectionProblem(String message, Throwable cause) {
        super(message, cause);
    }
}
