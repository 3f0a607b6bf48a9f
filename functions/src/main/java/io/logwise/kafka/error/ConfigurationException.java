package io.logwise.kafka.error;

/** A setting (environment variable) is missing or has a value that cannot be used. */
public class ConfigurationException extends LogwiseException {

    public ConfigurationException(String message) {
        super(Reason.CONFIGURATION, message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(Reason.CONFIGURATION, message, cause);
    }
}
