package io.logwise.kafka.retention;

/** Thrown by the small parsers; request parsing turns it into a {@link FieldError} value. */
public final class InvalidFieldException extends IllegalArgumentException {
    private final FieldError error;

    public InvalidFieldException(String field, String message) {
        super(field + ": " + message);
        this.error = new FieldError(field, message);
    }

    public FieldError error() {
        return error;
    }
}
