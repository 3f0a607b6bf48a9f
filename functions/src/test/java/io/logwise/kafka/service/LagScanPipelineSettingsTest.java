package io.logwise.kafka.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.error.ConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LagScanPipelineSettingsTest {

    @Test
    void aNewPartitionGraceThatTheKeptSnapshotsCouldNeverSeeEndIsRefused() throws Exception {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> LagScanPipeline.fromEnv(Map.of(
                "LAG_NEW_PARTITION_GRACE_SCANS", "11", "STATE_SNAPSHOT_HISTORY", "12"),
                ScanHistoryService.Mode.READ_ONLY));
        assertTrue(e.getMessage().contains("LAG_NEW_PARTITION_GRACE_SCANS: 11"), e.getMessage());
        assertTrue(e.getMessage().contains("STATE_SNAPSHOT_HISTORY (12)"), e.getMessage());

        try (LagScanPipeline pipeline = LagScanPipeline.fromEnv(Map.of("LAG_NEW_PARTITION_GRACE_SCANS", "10",
                "STATE_SNAPSHOT_HISTORY", "12"), ScanHistoryService.Mode.READ_ONLY)) {
            assertEquals(10, pipeline.settings().newPartitionGraceScans());
        }
    }
}
