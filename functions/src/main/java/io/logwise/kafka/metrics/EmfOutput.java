package io.logwise.kafka.metrics;

import io.logwise.kafka.config.Env;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where EMF lines go ({@code EMF_OUTPUT}): {@code stdout} in Lambda, where CloudWatch Logs reads them;
 * {@code stderr} for local runs whose stdout carries the function's response (scripts/invoke); {@code off}.
 * With {@code LOGWISE_ENVIRONMENT} set (the stack sets it on every function), every document written carries the
 * dimension {@code Environment} first, so that two environments in one account and region never share a series.
 */
public record EmfOutput(Target target, Optional<String> environment) {

    public enum Target { STDOUT, STDERR, OFF }

    public static final String VARIABLE = "EMF_OUTPUT";
    public static final String ENVIRONMENT_VARIABLE = "LOGWISE_ENVIRONMENT";
    public static final String ENVIRONMENT_DIMENSION = "Environment";

    public static final EmfOutput STDOUT = new EmfOutput(Target.STDOUT, Optional.empty());
    public static final EmfOutput STDERR = new EmfOutput(Target.STDERR, Optional.empty());
    public static final EmfOutput OFF = new EmfOutput(Target.OFF, Optional.empty());

    public static EmfOutput fromEnv(Map<String, String> environment) {
        Env env = Env.of(environment);
        return new EmfOutput(env.choice(VARIABLE, Target.class, Target.STDOUT), env.optional(ENVIRONMENT_VARIABLE));
    }

    /** The documents as they are written: with the environment's dimension when one is named. */
    public List<EmfDocument> stamped(List<EmfDocument> documents) {
        return environment.map(name -> documents.stream()
                .map(document -> document.withFirstDimension(ENVIRONMENT_DIMENSION, name)).toList())
                .orElse(documents);
    }

    /** Writes each document as one line; a single println per line keeps concurrent log lines apart. */
    public void write(List<EmfDocument> documents) {
        PrintStream stream = switch (target) {
            case STDOUT -> System.out;
            case STDERR -> System.err;
            case OFF -> null;
        };
        if (stream == null) {
            return;
        }
        for (EmfDocument document : stamped(documents)) {
            stream.println(document.toJsonLine());
        }
        stream.flush();
    }
}
