package io.logwise.kafka.scaling;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The partition scaler's return value: one line per decision with its figures, and what happened to it.
 *
 * @param trigger the scan id, or the request id of a manual request
 */
public record ScalingReport(String trigger, Instant decidedAt, String mode, List<Line> decisions) {

    /**
     * @param decision increase, no-change or refused
     * @param outcome  applied, already-there, dry-run, refused, failed, or none (nothing to do)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(String topic, String decision, Integer from, Integer to, String rule, String refusal,
                       String reason, String outcome, Map<String, Number> inputs) {
    }

    public long count(String outcome) {
        return decisions.stream().filter(line -> outcome.equals(line.outcome())).count();
    }
}
