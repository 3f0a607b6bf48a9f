package io.logwise.kafka.cli;

import io.logwise.kafka.config.KafkaConnectionSettings;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/** What the command-line tools share: reading their options, and the local broker as the default. */
public final class CommandLine {

    public static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";

    /** The options to run with, or, where there is nothing to run, the exit code. */
    public record Start<T>(T options, int exitCode) {

        public boolean run() {
            return options != null;
        }
    }

    private CommandLine() {
    }

    /**
     * Parses the options with {@code parse}, which returns null for --help and throws IllegalArgumentException for
     * a bad option: then prints the usage (to {@code out}, exit code 0; or after the error to {@code err}, code 2).
     */
    public static <T> Start<T> start(String tool, String usage, String[] args, Function<String[], T> parse,
                                     PrintStream out, PrintStream err) {
        T options;
        try {
            options = parse.apply(args);
        } catch (IllegalArgumentException e) {
            err.println(tool + ": " + e.getMessage());
            err.println(usage);
            return new Start<>(null, 2);
        }
        if (options == null) {
            out.println(usage);
            return new Start<>(null, 0);
        }
        return new Start<>(options, 0);
    }

    /** The environment, with the local broker where KAFKA_BOOTSTRAP_SERVERS is not set. */
    public static Map<String, String> environment(Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(environment);
        env.putIfAbsent(KafkaConnectionSettings.BOOTSTRAP_SERVERS, DEFAULT_BOOTSTRAP);
        return env;
    }
}
