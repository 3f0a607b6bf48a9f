package io.logwise.kafka.scaling;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** What the policy needs from the decision journal: when each topic's partitions were last increased. */
@FunctionalInterface
public interface JournalView {

    /** Time of the last applied increase (automatic or manual) of the topic, if any. */
    Optional<Instant> lastIncrease(String topic);

    static JournalView empty() {
        return topic -> Optional.empty();
    }

    static JournalView of(Map<String, Instant> lastIncreaseByTopic) {
        Map<String, Instant> copy = Map.copyOf(lastIncreaseByTopic);
        return topic -> Optional.ofNullable(copy.get(topic));
    }
}
