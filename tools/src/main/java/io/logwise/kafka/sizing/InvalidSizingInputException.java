package io.logwise.kafka.sizing;

/** Bad calculator input; the message names the field (command-line option) at fault. */
public final class InvalidSizingInputException extends IllegalArgumentException {
    private final String field;

    public InvalidSizingInputException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
