package io.logwise.kafka.lag;

import java.util.Optional;
import java.util.Set;

/**
 * Which consumers a scan reports.
 *
 * @param only     the consumers a narrowed request named; empty for every consumer the source finds
 * @param expected consumers that must be reported even if they never committed (LAG_EXPECTED_CONSUMERS)
 */
public record ConsumerScope(Optional<Set<String>> only, Set<String> expected) {

    public ConsumerScope {
        only = only.map(Set::copyOf);
        expected = Set.copyOf(expected);
    }

    public static ConsumerScope all(Set<String> expected) {
        return new ConsumerScope(Optional.empty(), expected);
    }

    public boolean includes(String consumer) {
        return only.map(names -> names.contains(consumer)).orElse(true);
    }
}
