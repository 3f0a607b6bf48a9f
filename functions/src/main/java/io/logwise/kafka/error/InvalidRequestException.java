package io.logwise.kafka.error;

/** The event or request is malformed or names something that cannot be used; nothing was changed. */
public class InvalidRequestException extends LogwiseException {

    public InvalidRequestException(String message) {
        super(Reason.INVALID_REQUEST, message);
    }

    public InvalidRequestException(String message, Throwable cause) {
        super(Reason.INVALID_REQUEST, message, cause);
    }
}
