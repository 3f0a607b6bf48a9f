package io.logwise.kafka.error;

import java.util.function.Supplier;

/** A setting (environment variable) is missing or has a value that cannot be used. */
public class ConfigurationException extends LogwiseException {

    public ConfigurationException(String message) {
        super(Reason.CONFIGURATION, message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(Reason.CONFIGURATION, message, cause);
    }

    /** Reads settings with a parser that refuses a bad value with an IllegalArgumentException naming the variable. */
    public static <T> T reading(Supplier<T> settings) {
        try {
            return settings.get();
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
    }
}
