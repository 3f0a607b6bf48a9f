package io.logwise.kafka.handler;

import java.util.function.Supplier;

/**
 * A value built on its first use and kept for the container's life (Lambda reuses the handler instance): the
 * function's settings and long-lived collaborators. A build that fails (a bad setting) is tried again on the next use,
 * so every invocation reports the same configuration error.
 */
final class Once<T> implements Supplier<T> {

    private final Supplier<T> build;
    private T value;

    Once(Supplier<T> build) {
        this.build = build;
    }

    @Override
    public synchronized T get() {
        if (value == null) {
            value = build.get();
        }
        return value;
    }
}
