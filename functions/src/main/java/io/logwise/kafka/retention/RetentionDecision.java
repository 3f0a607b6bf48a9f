package io.logwise.kafka.retention;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The guard's verdict on one config of one topic. Values are in the config's unit (ms or bytes); -1 is unlimited.
 */
public sealed interface RetentionDecision {
    String topic();

    ConfigKey key();

    List<String> warnings();

    /** True when the topic config must be altered. */
    default boolean changes() {
        return this instanceof Raise || this instanceof Lower;
    }

    record Raise(String topic, ConfigKey key, long from, long to, List<String> warnings)
            implements RetentionDecision {
        public Raise {
            warnings = List.copyOf(warnings);
        }
    }

    /** A lowering; {@code overridden} lists the refusals a forced request overrode, to be recorded. */
    record Lower(String topic, ConfigKey key, long from, long to, List<Refusal> overridden, List<String> warnings)
            implements RetentionDecision {
        public Lower {
            overridden = List.copyOf(overridden);
            warnings = List.copyOf(warnings);
        }

        public boolean forced() {
            return !overridden.isEmpty();
        }
    }

    /** Already at the requested value: retries and repeated requests are no-ops. */
    record NoChange(String topic, ConfigKey key, long value, List<String> warnings) implements RetentionDecision {
        public NoChange {
            warnings = List.copyOf(warnings);
        }
    }

    record Refused(String topic, ConfigKey key, long from, long to, List<Refusal> refusals, List<String> warnings)
            implements RetentionDecision {
        public Refused {
            if (refusals.isEmpty()) {
                throw new IllegalArgumentException("a refusal needs a reason");
            }
            refusals = List.copyOf(refusals);
            warnings = List.copyOf(warnings);
        }

        public String message() {
            return refusals.stream().map(Refusal::message).collect(Collectors.joining("; "));
        }
    }
}
