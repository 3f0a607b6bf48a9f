package io.logwise.kafka.error;

/** The cluster could not be reached or did not answer in time. */
public class KafkaUnavailableException extends LogwiseException {

    public KafkaUnavailableException(String message) {
        super(Reason.UNAVAILABLE, message);
    }

    public KafkaUnavailableException(String message, Throwable cause) {
        super(Reason.UNAVAILABLE, message, cause);
    }
}
