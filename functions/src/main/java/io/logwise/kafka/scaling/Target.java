package io.logwise.kafka.scaling;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A rule's answer: the partition count it wants, the figures it used and a sentence explaining them.
 * A target at or below the current count means the rule sees no need to increase.
 */
public record Target(int partitions, TargetRule rule, Map<String, Number> inputs, String explanation) {

    public Target {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(explanation, "explanation");
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    }

    /** The same target with one more input figure appended (e.g. the other rule's answer, for the journal). */
    public Target withInput(String name, Number value) {
        Map<String, Number> more = new LinkedHashMap<>(inputs);
        more.put(name, value);
        return new Target(partitions, rule, more, explanation);
    }

    /** Smallest multiple of {@code step} at or above {@code value}, saturating at the largest int multiple. */
    static int roundUpToStep(double value, int step) {
        double steps = Math.ceil(value / step);
        double largest = Math.floor((double) Integer.MAX_VALUE / step);
        return (int) (Math.min(steps, largest) * step);
    }
}
