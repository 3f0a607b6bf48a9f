package io.logwise.kafka.retention;

/** One rejected input: the field (JSON path such as {@code services[1]}, or an env var) and what is wrong. */
public record FieldError(String field, String message) {
    @Override
    public String toString() {
        return field + ": " + message;
    }
}
