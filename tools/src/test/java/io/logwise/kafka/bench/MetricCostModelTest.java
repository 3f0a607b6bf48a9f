package io.logwise.kafka.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricCostModelTest {

    @Test
    void metricPricesFollowTheTiers() {
        assertEquals(0, MetricCostModel.monthlyMetricPrice(0), 1e-9);
        assertEquals(3_000, MetricCostModel.monthlyMetricPrice(10_000), 1e-6);
        assertEquals(3_000.10, MetricCostModel.monthlyMetricPrice(10_001), 1e-6);
        assertEquals(3_000 + 24_000, MetricCostModel.monthlyMetricPrice(250_000), 1e-6);
        assertEquals(3_000 + 24_000 + 37_500 + 20, MetricCostModel.monthlyMetricPrice(1_001_000), 1e-6);
    }

    /** 16 scan totals, 3 per topic and 3 per consumer within the caps, 4 of the scaler and the retention updater. */
    @Test
    void seriesAreCountedFromTheRealDocuments() {
        MetricCostModel.Caps none = new MetricCostModel.Caps("none", Integer.MAX_VALUE, Integer.MAX_VALUE);
        assertEquals(16 + 3 * 100 + 3 * 100 + 4, MetricCostModel.row(100, none).metrics());
        MetricCostModel.Caps defaults = new MetricCostModel.Caps("defaults", 100, 1000);
        assertEquals(16 + 3 * 100 + 3 * 1000 + 4, MetricCostModel.row(10_000, defaults).metrics());
        MetricCostModel.Row lean = MetricCostModel.row(10_000, new MetricCostModel.Caps("lean", 100, 100));
        assertEquals(16 + 600 + 4, lean.metrics());
        assertEquals(MetricCostModel.monthlyMetricPrice(620), lean.metricDollars(), 1e-9);
        assertTrue(lean.logGigabytes() > 0 && lean.logGigabytes() < MetricCostModel.row(10_000, none).logGigabytes());
    }

    @Test
    void theTableHasARowPerTopicCountAndCapAndTheLambdaCostBeside() {
        List<String> table = MetricCostModel.table(
                MetricCostModel.lambdaCosts(new String[] {"100=0.17", "1,000=$0.21"}));
        assertEquals(6 + 9, table.size(), "title, blank, prices, blank, header, rule, then the rows");
        assertTrue(table.get(6).startsWith("| 100 | before") && table.get(6).endsWith("| $0.17 |"), table.get(6));
        assertTrue(table.get(9).startsWith("| 1,000 |") && table.get(9).endsWith("| $0.21 |"), table.get(9));
        assertTrue(table.get(14).startsWith("| 10,000 | lean") && table.get(14).endsWith("| - |"), table.get(14));
        assertThrows(IllegalArgumentException.class, () -> MetricCostModel.lambdaCosts(new String[] {"100"}));
        assertEquals(Map.of(10_000, 0.92), MetricCostModel.lambdaCosts(new String[] {"10,000=0.92"}));
    }
}
