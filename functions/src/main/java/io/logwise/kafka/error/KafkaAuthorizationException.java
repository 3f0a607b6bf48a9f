package io.logwise.kafka.error;

/** The cluster authenticated the function but refused an operation (ACL or IAM policy). */
public class KafkaAuthorizationException extends LogwiseException {

    public KafkaAuthorizationException(String message) {
        super(Reason.AUTHORIZATION, message);
    }

    public KafkaAuthorizationException(String message, Throwable cause) {
        super(Reason.AUTHORIZATION, message, cause);
    }
}
