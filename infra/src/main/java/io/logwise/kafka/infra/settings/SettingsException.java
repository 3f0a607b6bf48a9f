package io.logwise.kafka.infra.settings;

/** A deployment setting is missing, malformed or contradicts another; the message names the context key. */
public final class SettingsException extends RuntimeException {

    public SettingsException(String message) {
        super(message);
    }
}
