package io.logwise.kafka.scaling;

import io.logwise.kafka.scan.ScanResult;
import java.util.Set;

/**
 * Measures, now, the lag of the topics the scaler is about to increase: one batched reading (as the lag scanner
 * reads, with this function's own thresholds), whatever the number of topics. The scan result that triggered the
 * scaler is only a claim; this is what the scaler acts on.
 */
@FunctionalInterface
public interface LagMeter {

    /**
     * @param topics    the topics to measure
     * @param consumers the consumers (groups or checkpoint sources) the claim named on them
     */
    ScanResult measure(Set<String> topics, Set<String> consumers);
}
