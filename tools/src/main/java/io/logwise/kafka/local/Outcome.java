package io.logwise.kafka.local;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the one invocation ended, and what Lambda's Invoke API would have returned for it: the payload is printed as
 * the response, the exit code tells the caller which case it was.
 */
sealed interface Outcome {

    int EXIT_RESPONSE = 0;
    int EXIT_FUNCTION_ERROR = 1;
    int EXIT_USAGE = 2;
    int EXIT_TIMED_OUT = 3;

    /** The JSON Lambda's Invoke API returns as the payload. */
    byte[] payload();

    int exitCode();

    /** Lambda's REPORT status: success, error or timeout. */
    default String status() {
        return "error";
    }

    /** The error type for the report line; empty for a response. */
    Optional<String> errorType();

    /** The function returned: the payload is its response, byte for byte. */
    @SuppressWarnings("ArrayRecordComponent") // bytes carried as they came, never compared or hashed
    record Response(byte[] payload) implements Outcome {
        @Override
        public int exitCode() {
            return EXIT_RESPONSE;
        }

        @Override
        public String status() {
            return "success";
        }

        @Override
        public Optional<String> errorType() {
            return Optional.empty();
        }
    }

    /**
     * The handler threw: the payload is the error document the runtime client posted ({@code errorMessage},
     * {@code errorType}, {@code stackTrace}), which is what Invoke returns.
     */
    @SuppressWarnings("ArrayRecordComponent") // bytes carried as they came, never compared or hashed
    record FunctionError(byte[] payload) implements Outcome {
        @Override
        public int exitCode() {
            return EXIT_FUNCTION_ERROR;
        }

        @Override
        public Optional<String> errorType() {
            return errorTypeIn(payload);
        }
    }

    /** The handler could not be loaded or constructed; the runtime client posted to /runtime/init/error. */
    @SuppressWarnings("ArrayRecordComponent") // bytes carried as they came, never compared or hashed
    record InitError(byte[] payload) implements Outcome {
        @Override
        public int exitCode() {
            return EXIT_FUNCTION_ERROR;
        }

        @Override
        public Optional<String> errorType() {
            return errorTypeIn(payload);
        }
    }

    /**
     * A SnapStart afterRestore hook failed; the runtime client posted to /runtime/restore/error and exits. Lambda
     * fails the invocation as it does for an init error.
     */
    @SuppressWarnings("ArrayRecordComponent") // bytes carried as they came, never compared or hashed
    record RestoreError(byte[] payload) implements Outcome {
        @Override
        public int exitCode() {
            return EXIT_FUNCTION_ERROR;
        }

        @Override
        public Optional<String> errorType() {
            return errorTypeIn(payload);
        }
    }

    /** The deadline passed before the runtime reported a result; Lambda stops the function at that point. */
    record TimedOut(String requestId, Duration timeout) implements Outcome {
        static final String ERROR_TYPE = "Sandbox.Timedout";

        @Override
        public byte[] payload() {
            String message = String.format(Locale.ROOT, "RequestId: %s Error: Task timed out after %.2f seconds",
                    requestId, timeout.toMillis() / 1000.0);
            return errorDocument(ERROR_TYPE, message);
        }

        @Override
        public int exitCode() {
            return EXIT_TIMED_OUT;
        }

        @Override
        public String status() {
            return "timeout";
        }

        @Override
        public Optional<String> errorType() {
            return Optional.of(ERROR_TYPE);
        }
    }

    /** The runtime stopped (System.exit in a handler, a crashed runtime client) without reporting a result. */
    record RuntimeExited(String requestId, String reason) implements Outcome {
        static final String ERROR_TYPE = "Runtime.ExitError";

        @Override
        public byte[] payload() {
            return errorDocument(ERROR_TYPE, "RequestId: " + requestId + " Error: " + reason);
        }

        @Override
        public int exitCode() {
            return EXIT_FUNCTION_ERROR;
        }

        @Override
        public Optional<String> errorType() {
            return Optional.of(ERROR_TYPE);
        }
    }

    private static byte[] errorDocument(String errorType, String errorMessage) {
        return ("{\"errorType\":" + quote(errorType) + ",\"errorMessage\":" + quote(errorMessage) + "}")
                .getBytes(UTF_8);
    }

    private static Optional<String> errorTypeIn(byte[] errorDocument) {
        Matcher matcher = Pattern.compile("\"errorType\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"")
                .matcher(new String(errorDocument, UTF_8));
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** A JSON string literal; Jackson is left out so the local runtime adds nothing to the cold-start floor. */
    static String quote(String text) {
        StringBuilder json = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }
}
