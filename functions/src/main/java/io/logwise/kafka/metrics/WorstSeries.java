package io.logwise.kafka.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
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
        Iterator<T> byLag = series.stream()
                .sorted(Comparator.comparingLong(lag).reversed().thenComparing(byName)).iterator();
        Iterator<T> byTimeLag = series.stream().filter(item -> timeLag.apply(item) != null)
                .sorted(Comparator.comparing(timeLag, Comparator.reverseOrder()).thenComparing(byName)).iterator();
        Set<T> chosen = new LinkedHashSet<>();
        boolean lagTurn = true;
        while (chosen.size() < limit && (byLag.hasNext() || byTimeLag.hasNext())) {
            Iterator<T> next = (lagTurn && byLag.hasNext()) || !byTimeLag.hasNext() ? byLag : byTimeLag;
            chosen.add(Objects.requireNonNull(next.next()));
            lagTurn = !lagTurn;
        }
        return new ArrayList<>(chosen);
    }
}
