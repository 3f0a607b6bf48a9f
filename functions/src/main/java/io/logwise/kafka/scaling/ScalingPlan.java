package io.logwise.kafka.scaling;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * All decisions of one policy run. The executor applies the increases only when {@code mode} is
 * {@link ScalingMode#ON}; in {@link ScalingMode#DRY_RUN} it journals them without touching Kafka.
 */
public record ScalingPlan(Instant decidedAt, ScalingMode mode, List<ScalingDecision> decisions) {

    public ScalingPlan {
        Objects.requireNonNull(decidedAt, "decidedAt");
        Objects.requireNonNull(mode, "mode");
        decisions = List.copyOf(decisions);
    }

    public List<ScalingDecision.Increase> increases() {
        return decisions.stream()
                .filter(ScalingDecision.Increase.class::isInstance)
                .map(ScalingDecision.Increase.class::cast)
                .toList();
    }

    /** True when the executor should change partition counts. */
    public boolean applies() {
        return mode == ScalingMode.ON;
    }
}
