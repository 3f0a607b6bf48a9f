package io.logwise.kafka.error;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;

/** The one place that unwraps Kafka's future exceptions and turns them into {@link LogwiseException}s. */
public final class KafkaErrors {

    private KafkaErrors() {
    }

    /** The exception a Kafka future failed with, without the ExecutionException/CompletionException wrappers. */
    public static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof ExecutionException || current instanceof CompletionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /**
     * Maps a failure of {@code operation} (e.g. "listing topics") to a typed exception with a plain message.
     * Interrupts are restored. Already typed exceptions pass through.
     */
    public static LogwiseException translate(String operation, Throwable failure) {
        Throwable cause = refusal(unwrap(failure));
        if (cause instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new KafkaUnavailableException("interrupted while " + operation, cause);
        }
        if (cause instanceof LogwiseException typed) {
            return typed;
        }
        if (cause instanceof ConnectionProblem problem) {
            String what = isTimeout(problem) ? "Kafka did not answer in time while " : "Kafka is unreachable while ";
            return new KafkaUnavailableException(what + operation + ": " + problem.getMessage(),
                    problem.getCause() != null ? problem.getCause() : problem);
        }
        if (cause instanceof AuthenticationException) {
            return new KafkaAuthenticationException(
                    "Kafka authentication failed while " + operation + ": " + cause.getMessage(), cause);
        }
        if (cause instanceof AuthorizationException) {
            return new KafkaAuthorizationException(
                    "not authorized: " + operation + " was refused by the cluster (" + cause.getMessage() + ")", cause);
        }
        if (cause instanceof TimeoutException) {
            return new KafkaUnavailableException("Kafka did not answer in time while " + operation
                    + " (brokers unreachable, overloaded, or the invocation ran out of time): " + cause.getMessage(),
                    cause);
        }
        if (cause instanceof ApiException || cause instanceof KafkaException) {
            return new KafkaOperationException(operation + " failed: " + cause.getClass().getSimpleName() + ": "
                    + cause.getMessage(), cause);
        }
        return new LogwiseException(LogwiseException.Reason.INTERNAL,
                operation + " failed unexpectedly: " + cause, cause);
    }

    /**
     * The authorization or authentication error behind a client-side KafkaException, else the failure itself. A
     * producer refused its producer id or a topic answers the next call with "Cannot execute transactional method
     * because we are in an error state", the refusal only as its cause: which call sees which depends on timing.
     */
    private static Throwable refusal(Throwable failure) {
        if (failure instanceof KafkaException && !(failure instanceof ApiException)) {
            for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof AuthorizationException || cause instanceof AuthenticationException) {
                    return cause;
                }
            }
        }
        return failure;
    }

    /** True when the failure, or one of its causes, is a time-out (Kafka's or a future's). */
    public static boolean isTimeout(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException || cause instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** True when a cached client should be discarded and rebuilt (credentials or connection state are bad). */
    public static boolean isFatalForClient(Throwable failure) {
        Throwable cause = unwrap(failure);
        return cause instanceof AuthenticationException || cause instanceof KafkaAuthenticationException
                || (cause instanceof KafkaException && !(cause instanceof ApiException));
    }
}
