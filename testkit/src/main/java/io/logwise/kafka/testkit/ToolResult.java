package io.logwise.kafka.testkit;

/** What one of Kafka's command-line tools printed, and its exit code. */
public record ToolResult(int exitCode, String stdout, String stderr) {

    public ToolResult requireSuccess() {
        if (exitCode != 0) {
            throw new AssertionError("Kafka tool failed with exit code " + exitCode + "\nstdout:\n" + stdout
                    + "\nstderr:\n" + stderr);
        }
        return this;
    }
}
