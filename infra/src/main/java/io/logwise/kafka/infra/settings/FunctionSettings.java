package io.logwise.kafka.infra.settings;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Sizing and behaviour of one function. {@code environment} is a free map of extra variables for that function
 * (e.g. {@code MAX_LAG_PER_PARTITION} for the scanner); variables the stack derives itself may not appear in it.
 */
public record FunctionSettings(
        int memoryMb,
        int timeoutSeconds,
        Optional<Integer> reservedConcurrency,
        boolean snapStart,
        int retryAttempts,
        int maxEventAgeMinutes,
        Map<String, String> environment) {

    static final Set<String> KEYS = Set.of(
            "memoryMb", "timeoutSeconds", "reservedConcurrency", "snapStart", "retryAttempts", "maxEventAgeMinutes",
            "environment");

    public FunctionSettings {
        environment = Map.copyOf(environment);
    }

    static FunctionSettings parse(ContextMap context, FunctionSettings defaults, Set<String> derivedVariables) {
        context.rejectUnknownKeys(KEYS);
        Optional<Integer> reserved = context.has("reservedConcurrency")
                ? Optional.of(context.integer("reservedConcurrency", 1, 1, 1000))
                : defaults.reservedConcurrency();
        Map<String, String> environment = context.stringMap("environment");
        for (String name : environment.keySet()) {
            if (derivedVariables.contains(name)) {
                throw new SettingsException(context.pathOf("environment") + "." + name
                        + " is set by the stack from the typed settings; set it there instead");
            }
        }
        return new FunctionSettings(
                context.integer("memoryMb", defaults.memoryMb(), 128, 10240),
                context.integer("timeoutSeconds", defaults.timeoutSeconds(), 1, 900),
                reserved,
                context.bool("snapStart", defaults.snapStart()),
                context.integer("retryAttempts", defaults.retryAttempts(), 0, 2),
                context.integer("maxEventAgeMinutes", defaults.maxEventAgeMinutes(), 1, 360),
                environment);
    }
}
