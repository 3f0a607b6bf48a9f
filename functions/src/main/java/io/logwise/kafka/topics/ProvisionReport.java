package io.logwise.kafka.topics;

import com.fasterxml.jackson.annotation.JsonValue;
import io.logwise.kafka.topics.TopicResult.Status;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The function's response: what was asked, the policy applied, a count per status (all five, zeros included) and
 * one result per topic.
 * In a dry run the statuses and changes are what would happen; nothing was changed.
 * {@code problems} names what the function could not rely on (e.g. a state topic it had to create); empty when none.
 */
public record ProvisionReport(Mode mode, boolean dryRun, int brokers, TopicPolicy policy, Map<String, Integer> counts,
                              List<TopicResult> topics, List<String> problems) {

    public enum Mode {
        REQUEST, SWEEP;

        @JsonValue
        public String external() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ProvisionReport {
        topics = List.copyOf(topics);
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        problems = List.copyOf(problems);
    }

    public ProvisionReport withProblem(String problem) {
        List<String> all = new java.util.ArrayList<>(problems);
        all.add(problem);
        return new ProvisionReport(mode, dryRun, brokers, policy, counts, topics, all);
    }

    public static ProvisionReport of(Mode mode, boolean dryRun, int brokers, TopicPolicy policy,
                                     List<TopicResult> topics) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Status status : Status.values()) {
            counts.put(status.external(), (int) topics.stream().filter(topic -> topic.status() == status).count());
        }
        return new ProvisionReport(mode, dryRun, brokers, policy, counts, topics, List.of());
    }

    public int count(Status status) {
        return counts.getOrDefault(status.external(), 0);
    }
}
