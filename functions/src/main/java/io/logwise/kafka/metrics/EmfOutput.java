package io.logwise.kafka.metrics;

import io.logwise.kafka.config.Env;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * Where EMF lines go ({@code EMF_OUTPUT}): {@code stdout} in Lambda, where CloudWatch Logs reads them;
 * {@code stderr} for local runs whose stdout carries the function's response (scripts/invoke); {@code off}.
 */
public enum EmfOutput {
    STDOUT, STDERR, OFF;

    public static final String VARIABLE = "EMF_OUTPUT";

    public static EmfOutput fromEnv(Map<String, String> environment) {
        return Env.of(environment).choice(VARIABLE, EmfOutput.class, STDOUT);
    }

    /** Writes each document as one line; a single println per line keeps concurrent log lines apart. */
    public void write(List<EmfDocument> documents) {
        PrintStream stream = switch (this) {
            case STDOUT -> System.out;
            case STDERR -> System.err;
            case OFF -> null;
        };
        if (stream == null) {
            return;
        }
        for (EmfDocument document : documents) {
            stream.println(document.toJsonLine());
        }
        stream.flush();
    }
}
