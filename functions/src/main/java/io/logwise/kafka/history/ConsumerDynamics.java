package io.logwise.kafka.history;

import io.logwise.kafka.scan.Verdict;
import java.util.Optional;

/**
 * What the history says about one consumer on one topic. Every figure is null when the history cannot tell (first
 * scan, a gap, a restarted store): never a guess.
 *
 * @param timeLagSeconds     how far behind the head the consumer is, in time: the age of the oldest unread record
 *                           (worst partition), estimated from when the end offset passed the consumer's position
 * @param timeToDrainSeconds lag / (consume rate - ingest rate) when the consumer gains on the head
 * @param drainsNever        true when the consumer reads no faster than the topic grows while it has lag
 * @param trend              STALLED, FALLING_BEHIND or AT_RISK when the history shows it
 */
public record ConsumerDynamics(
        Double ingestRatePerSec,
        Double consumeRatePerSec,
        Double timeLagSeconds,
        Double timeToDrainSeconds,
        boolean drainsNever,
        Optional<Verdict> trend,
        String explanation) {

    public static final ConsumerDynamics UNKNOWN = new ConsumerDynamics(null, null, null, null, false,
            Optional.empty(), "no usable history yet (first scan, a gap between scans, or a restarted store)");
}
