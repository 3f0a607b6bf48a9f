package io.logwise.kafka.testkit;

/** Closing what a test class opened, in an {@code @AfterAll} that also runs when its setup failed half way. */
public final class Closeables {

    private Closeables() {
    }

    /** Closes each resource in the order given, passing over those never opened ({@code null}). */
    public static void closeAll(AutoCloseable... resources) throws Exception {
        for (AutoCloseable resource : resources) {
            if (resource != null) {
                resource.close();
            }
        }
    }
}
