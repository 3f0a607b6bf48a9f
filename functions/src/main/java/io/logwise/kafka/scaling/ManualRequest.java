package io.logwise.kafka.scaling;

import java.util.Objects;

/**
 * An operator's explicit "increase {@code topic} to {@code partitions}", e.g.
 * {@code {"topic": "logs.order-service", "partitions": 12, "reason": "..."}}.
 */
public record ManualRequest(String topic, int partitions, String reason) {

    public ManualRequest {
        Objects.requireNonNull(topic, "topic");
        reason = reason == null ? "" : reason.strip();
    }
}
