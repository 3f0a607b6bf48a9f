package io.logwise.kafka.config;

import io.logwise.kafka.error.ConfigurationException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Typed reading of a function's environment. Handlers pass {@code System.getenv()}, tests pass {@code Map.of(...)}.
 * Every error names the variable and says what is expected.
 */
public final class Env {

    private final Map<String, String> values;

    private Env(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static Env of(Map<String, String> values) {
        return new Env(values);
    }

    public Optional<String> optional(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public String string(String name, String defaultValue) {
        return optional(name).orElse(defaultValue);
    }

    public String required(String name, String meaning) {
        return optional(name).orElseThrow(() -> new ConfigurationException(name + " is not set: " + meaning));
    }

    public long positiveLong(String name, long defaultValue) {
        return longAtLeast(name, defaultValue, 1);
    }

    public long longAtLeast(String name, long defaultValue, long minimum) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        long value;
        try {
            value = Long.parseLong(raw.get().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new ConfigurationException(name + ": '" + raw.get() + "' is not a whole number");
        }
        if (value < minimum) {
            throw new ConfigurationException(name + ": " + value + " is below the minimum " + minimum);
        }
        return value;
    }

    public int positiveInt(String name, int defaultValue) {
        long value = positiveLong(name, defaultValue);
        if (value > Integer.MAX_VALUE) {
            throw new ConfigurationException(name + ": " + value + " is too large");
        }
        return (int) value;
    }

    public double positiveDouble(String name, double defaultValue) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        double value;
        try {
            value = Double.parseDouble(raw.get());
        } catch (NumberFormatException e) {
            throw new ConfigurationException(name + ": '" + raw.get() + "' is not a number");
        }
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new ConfigurationException(name + ": " + raw.get() + " must be a positive number");
        }
        return value;
    }

    public boolean bool(String name, boolean defaultValue) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        return switch (raw.get().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new ConfigurationException(name + ": '" + raw.get() + "' is not true or false");
        };
    }

    /** Milliseconds given as a plain number; kept as a Duration. */
    public Duration millis(String name, Duration defaultValue) {
        return Duration.ofMillis(positiveLong(name, defaultValue.toMillis()));
    }

    /** An enum value written in lower case with dashes, e.g. {@code dry-run} for {@code DRY_RUN}. */
    public <E extends Enum<E>> E choice(String name, Class<E> type, E defaultValue) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        String wanted = raw.get().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(wanted)) {
                return constant;
            }
        }
        throw new ConfigurationException(name + ": unknown value '" + raw.get() + "'; expected one of "
                + Arrays.stream(type.getEnumConstants()).map(Env::externalName).collect(Collectors.joining(", ")));
    }

    public static String externalName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
