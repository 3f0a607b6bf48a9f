package io.logwise.kafka.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.topics.ProvisionReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotPrimingTest {

    private static final Map<String, String> SNAP_START = Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");

    @Test
    void primesOnlyWhenInitEndsInASnapshotAndPrimingIsOn() {
        assertFalse(SnapshotPriming.primeIfSnapStart(Map.of(), ProvisionReport.class));
        assertFalse(SnapshotPriming.primeIfSnapStart(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand"),
                ProvisionReport.class));
        assertFalse(SnapshotPriming.primeIfSnapStart(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start",
                "SNAPSTART_PRIMING", "OFF"), ProvisionReport.class));
        assertTrue(SnapshotPriming.primeIfSnapStart(SNAP_START, ProvisionReport.class));
        assertTrue(SnapshotPriming.primeIfSnapStart(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start",
                "SNAPSTART_PRIMING", "maybe"), ProvisionReport.class), "an unknown value leaves priming on");
    }

    @Test
    void primingStartsNoKafkaClientThread() {
        SnapshotPriming.primeIfSnapStart(SNAP_START, ProvisionReport.class);
        List<String> kafkaThreads = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.startsWith("kafka-")).toList();
        assertEquals(List.of(), kafkaThreads);
    }
}
