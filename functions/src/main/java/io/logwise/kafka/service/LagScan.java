package io.logwise.kafka.service;

import io.logwise.kafka.lag.PositionsReading;
import io.logwise.kafka.lag.TopicLog;
import io.logwise.kafka.scan.ScanResult;
import java.util.List;

/**
 * One scan's result with the offsets it came from: the per-partition logs and the consumers' positions.
 */
public record LagScan(ScanResult result, List<TopicLog> logs, PositionsReading positions) {

    public LagScan {
        logs = List.copyOf(logs);
    }
}
