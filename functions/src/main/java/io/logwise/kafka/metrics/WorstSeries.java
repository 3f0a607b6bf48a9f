package io.logwise.kafka.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Picks which series of a family get a metric when CloudWatch bills each one: the worst by lag in records and the
 * worst by time lag, taken in turn (a topic far behind in time but small in records is not crowded out by big topics),
 * so every series among the worst {@code limit / 2} by either measure is kept. Ties go to the name, for a stable set.
 */
final class WorstSeries {

    private WorstSeries() {
    }

    static <T> List<T> pick(List<T> series, int limit, Function<T, String> name, ToLongFunction<T> lag,
                            Function<T, Double> timeLag) {
        Comparator<T> byName = Comparator.comparing(name);
        // Each order lists distinct series, so after n reads from one order at least n are chosen: the loop never
        // reads either order past its first `limit`. Only those are ranked, not all of them (100,000 consumer series
        // in a scan of 2,000 topics x 50 groups).
        Iterator<T> byLag = first(series, limit, Comparator.comparingLong(lag).reversed().thenComparing(byName))
                .iterator();
        Iterator<T> byTimeLag = first(series.stream().filter(item -> timeLag.apply(item) != null).toList(), limit,
                Comparator.comparing(timeLag, Comparator.reverseOrder()).thenComparing(byName)).iterator();
        Set<T> chosen = new LinkedHashSet<>();
        boolean lagTurn = true;
        while (chosen.size() < limit && (byLag.hasNext() || byTimeLag.hasNext())) {
            Iterator<T> next = (lagTurn && byLag.hasNext()) || !byTimeLag.hasNext() ? byLag : byTimeLag;
            chosen.add(Objects.requireNonNull(next.next()));
            lagTurn = !lagTurn;
        }
        return new ArrayList<>(chosen);
    }

    /**
     * The first {@code limit} of {@code series} in {@code order}, in that order, as a stable sort of all of them
     * would give (ties keep the order of {@code series}), kept in a bounded heap instead of sorting everything.
     */
    static <T> List<T> first(List<T> series, int limit, Comparator<T> order) {
        Comparator<Integer> byOrderThenPosition = (a, b) -> {
            int compared = order.compare(series.get(a), series.get(b));
            return compared != 0 ? compared : Integer.compare(a, b);
        };
        PriorityQueue<Integer> kept = new PriorityQueue<>(Math.max(1, Math.min(limit, series.size())),
                byOrderThenPosition.reversed());
        for (int i = 0; i < series.size() && limit > 0; i++) {
            if (kept.size() < limit) {
                kept.add(i);
            } else if (byOrderThenPosition.compare(i, kept.peek()) < 0) {
                kept.poll();
                kept.add(i);
            }
        }
        List<Integer> positions = new ArrayList<>(kept);
        positions.sort(byOrderThenPosition);
        List<T> first = new ArrayList<>(positions.size());
        positions.forEach(position -> first.add(series.get(position)));
        return first;
    }
}
