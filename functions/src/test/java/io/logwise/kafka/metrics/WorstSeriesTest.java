package io.logwise.kafka.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorstSeriesTest {

    /** A series with few distinct lags, names and time lags, so that ties are common. */
    private record Series(String name, long lag, Double timeLag, int id) {
    }

    private static final Comparator<Series> BY_LAG_THEN_NAME = Comparator.comparingLong(Series::lag).reversed()
            .thenComparing(Series::name);

    private static List<Series> series(List<Integer> seeds) {
        List<Series> series = new ArrayList<>();
        for (int i = 0; i < seeds.size(); i++) {
            int seed = seeds.get(i);
            series.add(new Series("s" + Math.floorMod(seed, 7), Math.floorMod(seed / 7, 5),
                    seed % 3 == 0 ? null : (double) Math.floorMod(seed / 35, 4), i));
        }
        return series;
    }

    @Test
    void theFirstInAnOrderAreAStableSortsFirstTiesIncluded() {
        qt().forAll(lists().of(integers().between(-1000, 1000)).ofSizeBetween(0, 60), integers().between(0, 70))
                .checkAssert((seeds, limit) -> {
                    List<Series> series = series(seeds);
                    List<Series> sorted = new ArrayList<>(series);
                    sorted.sort(BY_LAG_THEN_NAME); // List.sort is stable
                    assertEquals(sorted.subList(0, Math.min(limit, sorted.size())),
                            WorstSeries.first(series, limit, BY_LAG_THEN_NAME));
                });
    }

    @Test
    void pickingFromTheFirstOnlyChoosesWhatPickingFromEverySortedSeriesChooses() {
        qt().forAll(lists().of(integers().between(-1000, 1000)).ofSizeBetween(0, 60), integers().between(0, 70))
                .checkAssert((seeds, limit) -> {
                    List<Series> series = series(seeds);
                    assertEquals(pickedFromFullSorts(series, limit), WorstSeries.pick(series, limit, Series::name,
                            Series::lag, Series::timeLag));
                });
    }

    /** What pick chose when it sorted every series: worst by lag and worst by time lag in turn. */
    private static List<Series> pickedFromFullSorts(List<Series> series, int limit) {
        List<Series> byLag = new ArrayList<>(series);
        byLag.sort(BY_LAG_THEN_NAME);
        List<Series> byTimeLag = new ArrayList<>(series.stream().filter(s -> s.timeLag() != null).toList());
        byTimeLag.sort(Comparator.comparing(Series::timeLag, Comparator.reverseOrder())
                .thenComparing(Series::name));
        Set<Series> chosen = new LinkedHashSet<>();
        int lag = 0;
        int time = 0;
        boolean lagTurn = true;
        while (chosen.size() < limit && (lag < byLag.size() || time < byTimeLag.size())) {
            if ((lagTurn && lag < byLag.size()) || time >= byTimeLag.size()) {
                chosen.add(byLag.get(lag++));
            } else {
                chosen.add(byTimeLag.get(time++));
            }
            lagTurn = !lagTurn;
        }
        return new ArrayList<>(chosen);
    }
}
