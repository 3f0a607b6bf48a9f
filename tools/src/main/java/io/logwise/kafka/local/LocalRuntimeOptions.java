package io.logwise.kafka.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one local invocation needs. The command line names the event, the timeout and where the response goes; the
 * rest comes from the same reserved environment variables Lambda gives its runtimes, which the runtime interface
 * client reads too ({@code AWS_LAMBDA_RUNTIME_API}, {@code _HANDLER}, {@code AWS_LAMBDA_FUNCTION_NAME}, ...).
 *
 * @param responseOut where the function's JSON response goes; empty means this process's standard output
 * @param exitCodeOut where to write the exit code, as one line, once the outcome is printed: a caller can end the
 *                    process then instead of waiting for the JVM's own exit, which lingers up to 300 ms while a
 *                    thread sits in a native call (the runtime client's next-event request, a Kafka network thread)
 */
record LocalRuntimeOptions(Path eventFile, int timeoutSeconds, Optional<Path> responseOut,
                           Optional<Path> exitCodeOut, String runtimeApiHost, int runtimeApiPort, String handler,
                           String functionName, String region, int memoryMb) {

    static final int DEFAULT_TIMEOUT_SECONDS = 60;
    /** Lambda's own upper limit for a function timeout. */
    static final int MAX_TIMEOUT_SECONDS = 900;
    static final String DEFAULT_REGION = "us-east-1";
    /** The runtime interface client's default when AWS_LAMBDA_FUNCTION_MEMORY_SIZE is unset. */
    static final int DEFAULT_MEMORY_MB = 128;

    static final String USAGE = "usage: LocalLambdaRuntime --event FILE [--timeout SECONDS] [--response-out PATH]"
            + " [--exit-code-out PATH] (with AWS_LAMBDA_RUNTIME_API, _HANDLER and AWS_LAMBDA_FUNCTION_NAME set)";

    /** Thrown for a bad command line or environment; the message says what to fix. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    static LocalRuntimeOptions parse(List<String> args, Map<String, String> env) {
        Path eventFile = null;
        int timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
        Path responseOut = null;
        Path exitCodeOut = null;
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            if (i + 1 >= args.size()) {
                throw new UsageException(option + " needs a value; " + USAGE);
            }
            String value = args.get(++i);
            switch (option) {
                case "--event" -> eventFile = Path.of(value);
                case "--timeout" -> timeoutSeconds = timeoutSeconds(value);
                case "--response-out" -> responseOut = Path.of(value);
                case "--exit-code-out" -> exitCodeOut = Path.of(value);
                default -> throw new UsageException("unknown option " + option + "; " + USAGE);
            }
        }
        if (eventFile == null) {
            throw new UsageException("--event is required; " + USAGE);
        }
        String runtimeApi = required(env, "AWS_LAMBDA_RUNTIME_API");
        int colon = runtimeApi.lastIndexOf(':');
        if (colon <= 0) {
            throw new UsageException("AWS_LAMBDA_RUNTIME_API must be host:port, not '" + runtimeApi + "'");
        }
        return new LocalRuntimeOptions(eventFile, timeoutSeconds, Optional.ofNullable(responseOut),
                Optional.ofNullable(exitCodeOut), runtimeApi.substring(0, colon), port(runtimeApi.substring(colon + 1)),
                required(env, "_HANDLER"), required(env, "AWS_LAMBDA_FUNCTION_NAME"),
                env.getOrDefault("AWS_REGION", DEFAULT_REGION),
                memoryMb(env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")));
    }

    static int timeoutSeconds(String value) {
        int seconds = wholeNumber(value, "--timeout");
        if (seconds < 1 || seconds > MAX_TIMEOUT_SECONDS) {
            throw new UsageException("--timeout must be between 1 and " + MAX_TIMEOUT_SECONDS
                    + " seconds (Lambda's range), not " + value);
        }
        return seconds;
    }

    private static int port(String value) {
        int port = wholeNumber(value, "the port in AWS_LAMBDA_RUNTIME_API");
        if (port < 1 || port > 65_535) {
            throw new UsageException("the port in AWS_LAMBDA_RUNTIME_API must be 1-65535, not " + value);
        }
        return port;
    }

    private static int memoryMb(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_MEMORY_MB;
        }
        int memory = wholeNumber(value, "AWS_LAMBDA_FUNCTION_MEMORY_SIZE");
        if (memory < 1) {
            throw new UsageException("AWS_LAMBDA_FUNCTION_MEMORY_SIZE must be a positive number of MB, not " + value);
        }
        return memory;
    }

    private static int wholeNumber(String value, String what) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(what + " must be a whole number, not '" + value + "'");
        }
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new UsageException(name + " is not set; " + USAGE);
        }
        return value;
    }
}
