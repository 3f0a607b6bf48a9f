package io.logwise.kafka.history;

import java.time.Instant;

/** One observation of an offset at a time: a partition's end offset, or a consumer's position on it. */
public record Sample(Instant time, long offset) {
}
