package io.logwise.kafka.history;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The usable recent history of one offset series (oldest first), cut at the last break: a gap between scans longer
 * than the allowed one, or an offset that went backwards (topic re-created, state store restarted). A history of
 * fewer than two samples knows no rate: callers report {@code unknown} instead of guessing.
 *
 * <p>Held as arrays, not {@link Sample}s: a scan of 2,000 topics x 3 partitions x 50 consumers over a dozen snapshots
 * makes 300,000 of these histories, and objects per sample made most of its enrichment's time.
 */
public final class OffsetHistory {

    private final Instant[] times;
    private final long[] offsets;
    private final int from;
    private final int size;

    /** The usable samples are {@code times[from..from+size)} with {@code offsets} at the same indexes. */
    private OffsetHistory(Instant[] times, long[] offsets, int from, int size) {
        this.times = times;
        this.offsets = offsets;
        this.from = from;
        this.size = size;
    }

    public static OffsetHistory of(List<Sample> raw, Duration window, Duration maxGap) {
        List<Sample> sorted = raw;
        if (!isSortedByTime(raw)) {
            sorted = new ArrayList<>(raw);
            sorted.sort(Comparator.comparing(Sample::time));
        }
        Instant[] times = new Instant[sorted.size()];
        long[] offsets = new long[sorted.size()];
        for (int i = 0; i < times.length; i++) {
            times[i] = sorted.get(i).time();
            offsets[i] = sorted.get(i).offset();
        }
        return cut(times, offsets, window, maxGap);
    }

    /**
     * A series sampled at shared scan times: {@code offsets[i]} at {@code times[i]}, {@code TopicOffsets.UNKNOWN} (-1)
     * where not sampled. Both arrays are kept, not copied, unless a sample is missing: callers must not change them.
     *
     * @param times ascending
     */
    static OffsetHistory ofAligned(Instant[] times, long[] offsets, Duration window, Duration maxGap) {
        int known = 0;
        for (long offset : offsets) {
            known += offset >= 0 ? 1 : 0;
        }
        if (known == offsets.length) {
            return cut(times, offsets, window, maxGap);
        }
        Instant[] knownTimes = new Instant[known];
        long[] knownOffsets = new long[known];
        for (int i = 0, k = 0; i < offsets.length; i++) {
            if (offsets[i] >= 0) {
                knownTimes[k] = times[i];
                knownOffsets[k++] = offsets[i];
            }
        }
        return cut(knownTimes, knownOffsets, window, maxGap);
    }

    private static OffsetHistory cut(Instant[] times, long[] offsets, Duration window, Duration maxGap) {
        int count = times.length;
        if (count == 0) {
            return new OffsetHistory(times, offsets, 0, 0);
        }
        Instant oldestUsable = times[count - 1].minus(window);
        int start = 0;
        for (int i = 1; i < count; i++) {
            if (longerThan(times[i - 1], times[i], maxGap) || offsets[i] < offsets[i - 1]) {
                start = i;
            }
        }
        while (start < count && times[start].isBefore(oldestUsable)) {
            start++;
        }
        return new OffsetHistory(times, offsets, start, count - start);
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

    /** The usable samples, oldest first (made on each call: for tests and reports). */
    public List<Sample> samples() {
        List<Sample> samples = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            samples.add(new Sample(times[from + i], offsets[from + i]));
        }
        return samples;
    }

    public int size() {
        return size;
    }

    /** The offset of the i-th usable sample, oldest first. */
    long offset(int i) {
        return offsets[from + Objects.checkIndex(i, size)];
    }

    /** Offsets per second between the oldest and newest usable samples. */
    public OptionalDouble ratePerSecond() {
        if (size < 2) {
            return OptionalDouble.empty();
        }
        int first = from;
        int last = from + size - 1;
        double seconds = millisBetween(times[first], times[last]) / 1000.0;
        if (seconds <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((offsets[last] - offsets[first]) / seconds);
    }

    /**
     * When this series (a partition's end offset) reached {@code offset}, interpolated linearly between the two
     * samples around it (as kafka-lag-exporter does). Before the oldest sample, extrapolated back at the oldest
     * segment's rate; empty when the history cannot say (fewer than two samples, or no growth to extrapolate with).
     */
    public Optional<Instant> timeWhenReached(long offset) {
        if (size < 2) {
            return Optional.empty();
        }
        int newest = from + size - 1;
        if (offset >= offsets[newest]) {
            return Optional.of(times[newest]);
        }
        for (int i = newest; i > from; i--) {
            if (offset >= offsets[i - 1] && offset <= offsets[i]) {
                return Optional.of(interpolate(i - 1, i, offset));
            }
        }
        int second = from + 1;
        while (second < newest && offsets[second] == offsets[from]) {
            second++;
        }
        if (offsets[second] == offsets[from]) {
            return Optional.empty();
        }
        return Optional.of(interpolate(from, second, offset));
    }

    private Instant interpolate(int a, int b, long offset) {
        if (offsets[b] == offsets[a]) {
            return times[a];
        }
        double fraction = (double) (offset - offsets[a]) / (offsets[b] - offsets[a]);
        long millis = millisBetween(times[a], times[b]);
        return times[a].plusMillis(Math.round(fraction * millis));
    }
}
