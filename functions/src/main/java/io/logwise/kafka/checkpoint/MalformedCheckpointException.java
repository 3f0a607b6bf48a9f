package io.logwise.kafka.checkpoint;

/** A checkpoint file that is not in the format Spark writes, or in a version this reader does not understand. */
public class MalformedCheckpointException extends Exception {

    public MalformedCheckpointException(String message) {
        super(message);
    }
}
