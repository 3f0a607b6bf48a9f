package io.logwise.kafka.state;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Sample state values shared by the unit tests and the broker tests, the tools' too (through the test-jar). */
public final class StateFixtures {

    private StateFixtures() {
    }

    public static Decision increase(String topic, String triggerId, Instant time, DecisionOutcome outcome) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("avgLagPerLaggingPartition", 120_000L);
        inputs.put("maxLagPerPartition", 50_000);
        inputs.put("ingestRatePerSec", 1520.5);
        inputs.put("verdict", "LAGGING");
        inputs.put("complete", true);
        return new Decision(
                Decision.idFor(DecidingFunction.PARTITION_SCALER, triggerId, topic, DecisionAction.INCREASE_PARTITIONS),
                time, DecidingFunction.PARTITION_SCALER, topic, DecisionAction.INCREASE_PARTITIONS, 6L, 12L, "lag",
                inputs, "average lag 120000 per lagging partition is above 50000", "on", outcome, triggerId);
    }

    public static Decision retention(String topic, String triggerId, Instant time, DecisionAction action,
                                     DecisionOutcome outcome) {
        return new Decision(Decision.idFor(DecidingFunction.RETENTION_UPDATER, triggerId, topic, action), time,
                DecidingFunction.RETENTION_UPDATER, topic, action, 86_400_000L, 259_200_000L, "at-risk",
                Map.of("timeLagSeconds", 70_000.0), "time lag is 81% of retention", "dry-run", outcome, triggerId);
    }

    public static RetentionExtension extension(String topic, Instant createdAt) {
        return new RetentionExtension(topic, 86_400_000L, 259_200_000L, createdAt.plusSeconds(172_800), true,
                "consumer group billing at risk of losing data", createdAt, "d-" + topic);
    }
}
