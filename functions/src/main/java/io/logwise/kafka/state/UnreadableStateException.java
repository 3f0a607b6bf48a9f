package io.logwise.kafka.state;

/** A state value that this version cannot read (corrupt, or written by a newer schema); readers skip it. */
public class UnreadableStateException extends RuntimeException {

    public UnreadableStateException(String message) {
        super(message);
    }

    public UnreadableStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
