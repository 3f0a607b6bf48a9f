package io.logwise.kafka.history;

import io.logwise.kafka.scan.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Rates, time lag, time to drain and the history verdicts of one consumer on one topic, from the recent scans.
 * Pure: the scanner gives it the samples; nothing here reads Kafka or a clock.
 */
public final class DynamicsCalculator {

    private static final String[] HISTORY_OF = new String[64];

    static {
        for (int scans = 0; scans < HISTORY_OF.length; scans++) {
            HISTORY_OF[scans] = "history of " + scans + " scans";
        }
    }

    private final HistorySettings settings;

    public DynamicsCalculator(HistorySettings settings) {
        this.settings = settings;
    }

    /**
     * @param partitions  per partition, end offsets and positions sampled at the same scan times (current included)
     * @param now         the current scan's time
     * @param retentionMs the topic's retention.ms, or null when unknown or infinite
     */
    public ConsumerDynamics evaluate(List<PartitionHistory> partitions, Instant now, Long retentionMs) {
        List<OffsetHistory> ends = new ArrayList<>();
        List<OffsetHistory> positions = new ArrayList<>();
        for (PartitionHistory partition : partitions) {
            ends.add(history(partition.endOffsets()));
            positions.add(history(partition.positions()));
        }
        return evaluate(ends, positions, now, retentionMs);
    }

    /** A partition's usable history within the window. */
    OffsetHistory history(List<Sample> samples) {
        return OffsetHistory.of(samples, settings.window(), settings.maxGap());
    }

    /** A partition's usable history within the window, from offsets sampled at shared scan times. */
    OffsetHistory history(Instant[] times, long[] offsets) {
        return OffsetHistory.ofAligned(times, offsets, settings.window(), settings.maxGap());
    }

    /**
     * As {@link #evaluate(List, Instant, Long)}, with the histories already made: each partition's end-offset history
     * is the same for every consumer of a topic, so the enricher makes it once per topic.
     */
    ConsumerDynamics evaluate(List<OffsetHistory> ends, List<OffsetHistory> positions, Instant now,
                              Long retentionMs) {
        OptionalDouble ingest = sumOfRates(ends);
        OptionalDouble consume = sumOfRates(positions);
        if (ingest.isEmpty() || consume.isEmpty()) {
            return ConsumerDynamics.UNKNOWN;
        }
        long lag = currentLag(ends, positions);
        Double timeLag = timeLagSeconds(ends, positions, now);
        double gain = consume.getAsDouble() - ingest.getAsDouble();
        boolean never = lag > 0 && gain <= 0;
        Double toDrain = lag == 0 ? Double.valueOf(0) : gain > 0 ? Double.valueOf(lag / gain) : null;

        Optional<Verdict> trend = Optional.empty();
        String explanation = historyOf(sampleCount(positions));
        if (timeLag != null && retentionMs != null && retentionMs > 0
                && timeLag * 1000 > settings.atRiskShare() * retentionMs) {
            trend = Optional.of(Verdict.AT_RISK);
            explanation = String.format("time lag %.0f s is above %.0f%% of retention.ms %d: unread data will be"
                    + " deleted unless retention grows or the consumer catches up",
                    timeLag, settings.atRiskShare() * 100, retentionMs);
        } else if (lag > 0 && positionUnchanged(positions)) {
            trend = Optional.of(Verdict.STALLED);
            explanation = "position unchanged over the last " + settings.trendScans() + " scans while lag is " + lag;
        } else if (lagGrewAtEachScan(ends, positions)) {
            trend = Optional.of(Verdict.FALLING_BEHIND);
            explanation = "lag grew at each of the last " + settings.trendScans() + " scans";
        }
        return new ConsumerDynamics(ingest.getAsDouble(), consume.getAsDouble(), timeLag, toDrain, never, trend,
                explanation);
    }

    private static OptionalDouble sumOfRates(List<OffsetHistory> histories) {
        double sum = 0;
        for (OffsetHistory history : histories) {
            OptionalDouble rate = history.ratePerSecond();
            if (rate.isEmpty()) {
                return OptionalDouble.empty();
            }
            sum += rate.getAsDouble();
        }
        return histories.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(sum);
    }

    private static long currentLag(List<OffsetHistory> ends, List<OffsetHistory> positions) {
        long lag = 0;
        for (int i = 0; i < ends.size(); i++) {
            long end = newestOffset(ends.get(i), 0);
            long position = newestOffset(positions.get(i), end);
            lag += Math.max(0, end - position);
        }
        return lag;
    }

    private static long newestOffset(OffsetHistory history, long otherwise) {
        return history.size() == 0 ? otherwise : history.offset(history.size() - 1);
    }

    /** The worst partition's time lag; null when any lagging partition's history cannot place its position. */
    private static Double timeLagSeconds(List<OffsetHistory> ends, List<OffsetHistory> positions, Instant now) {
        double worst = 0;
        for (int i = 0; i < ends.size(); i++) {
            OffsetHistory position = positions.get(i);
            OffsetHistory end = ends.get(i);
            if (position.size() == 0 || end.size() == 0
                    || newestOffset(position, 0) >= newestOffset(end, 0)) {
                continue;
            }
            Optional<Instant> written = end.timeWhenReached(newestOffset(position, 0));
            if (written.isEmpty()) {
                return null;
            }
            worst = Math.max(worst, Duration.between(written.get(), now).toMillis() / 1000.0);
        }
        return worst;
    }

    private boolean positionUnchanged(List<OffsetHistory> positions) {
        int needed = settings.trendScans() + 1;
        for (OffsetHistory history : positions) {
            int size = history.size();
            if (size < needed || history.offset(size - needed) != history.offset(size - 1)) {
                return false;
            }
        }
        return !positions.isEmpty();
    }

    private boolean lagGrewAtEachScan(List<OffsetHistory> ends, List<OffsetHistory> positions) {
        int needed = settings.trendScans() + 1;
        long[] lagByScan = new long[needed];
        for (int i = 0; i < ends.size(); i++) {
            OffsetHistory end = ends.get(i);
            OffsetHistory position = positions.get(i);
            if (end.size() < needed || position.size() < needed) {
                return false;
            }
            int endFrom = end.size() - needed;
            int positionFrom = position.size() - needed;
            for (int s = 0; s < needed; s++) {
                lagByScan[s] += Math.max(0, end.offset(endFrom + s) - position.offset(positionFrom + s));
            }
        }
        for (int s = 1; s < needed; s++) {
            if (lagByScan[s] <= lagByScan[s - 1]) {
                return false;
            }
        }
        return !ends.isEmpty();
    }

    /** "history of N scans", made once per count (it is the explanation of nearly every consumer of a scan). */
    private static String historyOf(int scans) {
        return scans < HISTORY_OF.length ? HISTORY_OF[scans] : "history of " + scans + " scans";
    }

    private static int sampleCount(List<OffsetHistory> histories) {
        int fewest = histories.isEmpty() ? 0 : Integer.MAX_VALUE;
        for (OffsetHistory history : histories) {
            fewest = Math.min(fewest, history.size());
        }
        return fewest;
    }
}
