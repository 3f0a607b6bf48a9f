package io.logwise.kafka.scaling;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The policy's answer for one topic. Every decision goes to the decision journal. */
public sealed interface ScalingDecision {

    String topic();

    /** Raise the topic from {@code from} to {@code to} partitions (never lower). */
    record Increase(String topic, int from, int to, TargetRule rule, Map<String, Number> inputs, String reason)
            implements ScalingDecision {

        public Increase {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(reason, "reason");
            if (to <= from) {
                throw new IllegalArgumentException(topic + ": an increase must go up, not " + from + " -> " + to);
            }
            inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        }

        /**
         * "Increase to N" is idempotent: given the count read again just before applying, this is a no-op
         * when the topic already has N or more partitions (a retry after success, or a concurrent change).
         */
        public ScalingDecision recheck(int currentPartitions) {
            if (currentPartitions >= to) {
                return new NoChange(topic, "already has " + currentPartitions + " partitions (target " + to
                        + "): nothing to do");
            }
            if (currentPartitions == from) {
                return this;
            }
            return new Increase(topic, currentPartitions, to, rule, inputs,
                    reason + " (re-read " + currentPartitions + " partitions, decided at " + from + ")");
        }
    }

    /** Nothing to do, and why. */
    record NoChange(String topic, String reason) implements ScalingDecision {
        public NoChange {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** A rule stopped an increase that was asked for; the explanation carries the figures. */
    record Refused(String topic, RefusalReason reason, String explanation) implements ScalingDecision {
        public Refused {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(explanation, "explanation");
        }
    }
}
