package io.logwise.kafka.history;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The usable recent history of one offset series (oldest first), cut at the last break: a gap between scans longer
 * than the allowed one, or an offset that went backwards (topic re-created, state store restarted). A history of
 * fewer than two samples knows no rate: callers report {@code unknown} instead of guessing.
 */
public final class OffsetHistory {

    private final List<Sample> samples;

    private OffsetHistory(List<Sample> samples) {
        this.samples = samples;
    }

    public static OffsetHistory of(List<Sample> raw, Duration window, Duration maxGap) {
        List<Sample> sorted = raw;
        if (!isSortedByTime(raw)) {
            sorted = new ArrayList<>(raw);
            sorted.sort(Comparator.comparing(Sample::time));
        }
        if (sorted.isEmpty()) {
            return new OffsetHistory(List.of());
        }
        Instant oldestUsable = sorted.get(sorted.size() - 1).time().minus(window);
        int start = 0;
        for (int i = 1; i < sorted.size(); i++) {
            Sample previous = sorted.get(i - 1);
            Sample current = sorted.get(i);
            boolean gap = longerThan(previous.time(), current.time(), maxGap);
            boolean backwards = current.offset() < previous.offset();
            if (gap || backwards) {
                start = i;
            }
        }
        while (start < sorted.size() && sorted.get(start).time().isBefore(oldestUsable)) {
            start++;
        }
        return new OffsetHistory(List.copyOf(sorted.subList(start, sorted.size())));
    }

    /** Whether {@code to - from > limit}, exactly, without the allocations of Duration.between (called per sample). */
    private static boolean longerThan(Instant from, Instant to, Duration limit) {
        long seconds = to.getEpochSecond() - from.getEpochSecond() - limit.getSeconds();
        long nanos = (long) to.getNano() - from.getNano() - limit.getNano(); // between -2e9 and 1e9
        return seconds > 1 || (seconds >= -1 && seconds * 1_000_000_000L + nanos > 0);
    }

    /** {@code Duration.between(from, to).toMillis()}, without its allocation. */
    private static long millisBetween(Instant from, Instant to) {
        long seconds = to.getEpochSecond() - from.getEpochSecond();
        int nanos = to.getNano() - from.getNano();
        if (nanos < 0) {
            seconds--;
            nanos += 1_000_000_000;
        }
        return seconds * 1000 + nanos / 1_000_000;
    }

    private static boolean isSortedByTime(List<Sample> samples) {
        for (int i = 1; i < samples.size(); i++) {
            if (samples.get(i).time().isBefore(samples.get(i - 1).time())) {
                return false;
            }
        }
        return true;
    }

    public List<Sample> samples() {
        return samples;
    }

    public Optional<Sample> newest() {
        return samples.isEmpty() ? Optional.empty() : Optional.of(samples.get(samples.size() - 1));
    }

    /** Offsets per second between the oldest and newest usable samples. */
    public OptionalDouble ratePerSecond() {
        if (samples.size() < 2) {
            return OptionalDouble.empty();
        }
        Sample first = samples.get(0);
        Sample last = samples.get(samples.size() - 1);
        double seconds = millisBetween(first.time(), last.time()) / 1000.0;
        if (seconds <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((last.offset() - first.offset()) / seconds);
    }

    /**
     * When this series (a partition's end offset) reached {@code offset}, interpolated linearly between the two
     * samples around it (as kafka-lag-exporter does). Before the oldest sample, extrapolated back at the oldest
     * segment's rate; empty when the history cannot say (fewer than two samples, or no growth to extrapolate with).
     */
    public Optional<Instant> timeWhenReached(long offset) {
        if (samples.size() < 2) {
            return Optional.empty();
        }
        Sample newest = samples.get(samples.size() - 1);
        if (offset >= newest.offset()) {
            return Optional.of(newest.time());
        }
        for (int i = samples.size() - 1; i > 0; i--) {
            Sample before = samples.get(i - 1);
            Sample after = samples.get(i);
            if (offset >= before.offset() && offset <= after.offset()) {
                return Optional.of(interpolate(before, after, offset));
            }
        }
        Sample first = samples.get(0);
        Sample second = samples.get(1);
        for (int i = 1; i < samples.size() && second.offset() == first.offset(); i++) {
            second = samples.get(i);
        }
        if (second.offset() == first.offset()) {
            return Optional.empty();
        }
        return Optional.of(interpolate(first, second, offset));
    }

    private static Instant interpolate(Sample a, Sample b, long offset) {
        if (b.offset() == a.offset()) {
            return a.time();
        }
        double fraction = (double) (offset - a.offset()) / (b.offset() - a.offset());
        long millis = millisBetween(a.time(), b.time());
        return a.time().plusMillis(Math.round(fraction * millis));
    }
}
