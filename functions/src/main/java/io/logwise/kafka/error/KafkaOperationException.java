package io.logwise.kafka.error;

/** The cluster answered an operation with an error. */
public class KafkaOperationException extends LogwiseException {

    public KafkaOperationException(String message) {
        super(Reason.KAFKA_ERROR, message);
    }

    public KafkaOperationException(String message, Throwable cause) {
        super(Reason.KAFKA_ERROR, message, cause);
    }
}
