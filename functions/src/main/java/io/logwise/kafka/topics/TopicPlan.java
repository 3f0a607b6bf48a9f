package io.logwise.kafka.topics;

import io.logwise.kafka.topics.TopicResult.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The planner's decision for one topic. {@code requested} is the entry as the request gave it (null in a sweep).
 * {@code drift} lists what differs from the policy and the provisioner will not or cannot fix.
 */
public sealed interface TopicPlan {

    String requested();

    String topic();

    /** What the plan reports when it is carried out without error, or planned in a dry run. */
    TopicResult asResult();

    /** A new topic with the policy's partitions, replication factor and topic-level configs. */
    record Create(String requested, String topic, int partitions, int replicationFactor, Map<String, String> configs)
            implements TopicPlan {

        public Create {
            configs = Map.copyOf(configs);
        }

        public List<ConfigChange> changes() {
            List<ConfigChange> changes = new ArrayList<>();
            changes.add(ConfigChange.initial(ConfigChange.PARTITIONS, Integer.toString(partitions)));
            changes.add(ConfigChange.initial(ConfigChange.REPLICATION_FACTOR, Integer.toString(replicationFactor)));
            configs.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(config -> changes.add(ConfigChange.initial(config.getKey(), config.getValue())));
            return changes;
        }

        @Override
        public TopicResult asResult() {
            return new TopicResult(topic, requested, Status.CREATED, "the topic did not exist", changes(), List.of(),
                    Optional.empty());
        }
    }

    /** Already as the policy wants it (or better); nothing to do. */
    record Exists(String requested, String topic, String reason, List<String> drift) implements TopicPlan {

        public Exists {
            drift = List.copyOf(drift);
        }

        @Override
        public TopicResult asResult() {
            return new TopicResult(topic, requested, Status.EXISTS, reason, List.of(), drift, Optional.empty());
        }
    }

    /**
     * An existing topic to bring under the policy: topic-level configs to set (never removed, never lowering
     * retention) and/or a partition increase.
     */
    record Adopt(String requested, String topic, String reason, List<ConfigChange> configPins,
                 int currentPartitions, OptionalInt raisePartitionsTo, List<String> drift) implements TopicPlan {

        public Adopt {
            configPins = List.copyOf(configPins);
            drift = List.copyOf(drift);
        }

        public List<ConfigChange> changes() {
            List<ConfigChange> changes = new ArrayList<>();
            raisePartitionsTo.ifPresent(target -> changes.add(ConfigChange.change(ConfigChange.PARTITIONS,
                    Integer.toString(currentPartitions), Integer.toString(target))));
            changes.addAll(configPins);
            return changes;
        }

        @Override
        public TopicResult asResult() {
            return new TopicResult(topic, requested, Status.ADOPTED, reason, changes(), drift, Optional.empty());
        }
    }

    /** Refused: the name is illegal or collides; nothing is done for it. */
    record Invalid(String requested, String topic, String reason, Optional<String> suggestion) implements TopicPlan {

        @Override
        public TopicResult asResult() {
            return new TopicResult(topic, requested, Status.INVALID, reason, List.of(), List.of(), suggestion);
        }
    }
}
