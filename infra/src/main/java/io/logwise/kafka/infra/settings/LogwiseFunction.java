package io.logwise.kafka.infra.settings;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/** The four functions of the deployment jar, with the defaults each gets when the context does not override them. */
public enum LogwiseFunction {

    TOPIC_PROVISIONER("topic-provisioner", "TopicProvisioner", "TopicProvisionerHandler",
            new FunctionSettings(512, 120, Optional.empty(), true, 2, 60, Map.of())),
    LAG_SCANNER("lag-scanner", "LagScanner", "LagScannerHandler",
            // A scan is only useful while fresh: no async retries, the next scheduled scan replaces it.
            new FunctionSettings(1024, 60, Optional.empty(), true, 0, 5, Map.of())),
    PARTITION_SCALER("partition-scaler", "PartitionScaler", "PartitionScalerHandler",
            // One at a time: two concurrent scalers could both decide an increase from the same old partition count.
            new FunctionSettings(512, 60, Optional.of(1), true, 2, 60, Map.of())),
    RETENTION_UPDATER("retention-updater", "RetentionUpdater", "RetentionUpdaterHandler",
            new FunctionSettings(512, 60, Optional.of(1), true, 2, 60, Map.of()));

    private static final String HANDLER_PACKAGE = "io.logwise.kafka.handler.";

    private final String functionName;
    private final String constructId;
    private final String handlerClass;
    // A record of ints, a boolean, an Optional and a Map.of(): immutable, though not annotated @Immutable.
    @SuppressWarnings("ImmutableEnumChecker")
    private final FunctionSettings defaults;

    LogwiseFunction(String functionName, String constructId, String handlerClass, FunctionSettings defaults) {
        this.functionName = functionName;
        this.constructId = constructId;
        this.handlerClass = handlerClass;
        this.defaults = defaults;
    }

    /** The short name used in context keys, scripts and the deployed function name, e.g. {@code lag-scanner}. */
    public String functionName() {
        return functionName;
    }

    /** The CDK construct id, also the stem of the function's fixed logical id (e.g. {@code LagScannerFunction}). */
    public String constructId() {
        return constructId;
    }

    public String logicalId() {
        return constructId + "Function";
    }

    public String handler() {
        return HANDLER_PACKAGE + handlerClass + "::handleRequest";
    }

    public FunctionSettings defaults() {
        return defaults;
    }

    /**
     * Whether the function reads who has read what (group offsets, Spark checkpoints): the scanner to report lag, the
     * scaler to measure again the lag a scan claims, the retention updater before any lowering. They need the same
     * positions, so they get the same checkpoint sources and the same read permissions.
     */
    public boolean readsConsumerPositions() {
        return this != TOPIC_PROVISIONER;
    }

    public static Optional<LogwiseFunction> byName(String functionName) {
        return Arrays.stream(values()).filter(f -> f.functionName.equals(functionName)).findFirst();
    }
}
