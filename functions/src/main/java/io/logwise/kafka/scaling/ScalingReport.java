package io.logwise.kafka.scaling;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The partition scaler's return value: one line per decision with its figures, and what happened to it.
 *
 * @param trigger  the scan id, or the request id of a manual request
 * @param problems what the function rejected or could not use (a journal record dated in the future, a re-measured
 *                 figure that could not be read, a state topic it had to create); empty when none
 */
public record ScalingReport(String trigger, Instant decidedAt, String mode, List<Line> decisions,
                            List<String> problems) {

    public ScalingReport {
        decisions = List.copyOf(decisions);
        problems = List.copyOf(problems);
    }

    public ScalingReport(String trigger, Instant decidedAt, String mode, List<Line> decisions) {
        this(trigger, decidedAt, mode, decisions, List.of());
    }

    /**
     * @param decision increase, no-change or refused
     * @param outcome  applied, already-there, dry-run, refused, failed, or none (nothing to do)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(String topic, String decision, Integer from, Integer to, String rule, String refusal,
                       String reason, String outcome, Map<String, Number> inputs) {
    }

    /** This report with one more problem, e.g. the notice of a state topic the invocation had to create. */
    public ScalingReport withProblem(String problem) {
        List<String> more = new ArrayList<>(problems);
        more.add(problem);
        return new ScalingReport(trigger, decidedAt, mode, decisions, more);
    }

    public long count(String outcome) {
        return decisions.stream().filter(line -> outcome.equals(line.outcome())).count();
    }
}
