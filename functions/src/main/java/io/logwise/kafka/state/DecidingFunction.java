package io.logwise.kafka.state;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The function that took a decision, written as its Lambda function name. */
public enum DecidingFunction {
    TOPIC_PROVISIONER("topic-provisioner"),
    PARTITION_SCALER("partition-scaler"),
    RETENTION_UPDATER("retention-updater");

    private final String functionName;

    DecidingFunction(String functionName) {
        this.functionName = functionName;
    }

    @JsonValue
    public String functionName() {
        return functionName;
    }

    @JsonCreator
    public static DecidingFunction of(String functionName) {
        for (DecidingFunction function : values()) {
            if (function.functionName.equals(functionName)) {
                return function;
            }
        }
        throw new IllegalArgumentException("unknown function '" + functionName + "'");
    }
}
