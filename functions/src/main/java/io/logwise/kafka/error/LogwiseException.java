package io.logwise.kafka.error;

/**
 * Every failure a function reports on purpose. Lambda shows the class name as {@code errorType} and the message as
 * {@code errorMessage}, so subclasses name the kind of failure and messages say what to do, never a secret. Messages
 * are {@linkplain ErrorText#bounded bounded}: hostile input quoted in them is shortened.
 */
public class LogwiseException extends RuntimeException {

    public enum Reason {
        INVALID_REQUEST, CONFIGURATION, AUTHENTICATION, AUTHORIZATION, UNAVAILABLE, KAFKA_ERROR, INTERNAL
    }

    private final Reason reason;

    public LogwiseException(Reason reason, String message) {
        this(reason, message, null);
    }

    public LogwiseException(Reason reason, String message, Throwable cause) {
        super(ErrorText.bounded(message), cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
