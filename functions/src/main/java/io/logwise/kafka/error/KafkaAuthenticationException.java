package io.logwise.kafka.error;

/** The cluster refused the function's credentials. */
public class KafkaAuthenticationException extends LogwiseException {

    public KafkaAuthenticationException(String message) {
        super(Reason.AUTHENTICATION, message);
    }

    public KafkaAuthenticationException(String message, Throwable cause) {
        super(Reason.AUTHENTICATION, message, cause);
    }
}
