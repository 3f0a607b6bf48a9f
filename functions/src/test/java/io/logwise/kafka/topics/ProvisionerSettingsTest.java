package io.logwise.kafka.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.error.ConfigurationException;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProvisionerSettingsTest {

    @Test
    void defaultsMatchTheIssue() {
        ProvisionerSettings settings = ProvisionerSettings.fromEnv(Map.of());
        assertEquals("logs.", settings.prefix().value());
        assertEquals(3, settings.defaultPartitions());
        assertEquals(100, settings.maxPartitions());
        assertEquals(3_600_000L, settings.defaultRetentionMs());
        assertEquals(2_592_000_000L, settings.maxRetentionMs());
        assertEquals(OptionalInt.empty(), settings.replicationFactor());
        assertEquals(OptionalInt.empty(), settings.minInsyncReplicas());
        assertEquals(1000, settings.maxServicesPerRequest());
    }

    @Test
    void everySettingCanBeOverridden() {
        ProvisionerSettings settings = ProvisionerSettings.fromEnv(Map.of(
                "MANAGED_TOPIC_PREFIX", "app-logs.", "DEFAULT_PARTITIONS", "6", "MAX_PARTITIONS", "48",
                "DEFAULT_RETENTION_MS", "7200000", "MAX_RETENTION_MS", "86400000", "REPLICATION_FACTOR", "2",
                "MIN_INSYNC_REPLICAS", "2", "MAX_SERVICES_PER_REQUEST", "10"));
        assertEquals(new ProvisionerSettings(new ManagedPrefix("app-logs."), 6, 48, 7_200_000L, 86_400_000L,
                OptionalInt.of(2), OptionalInt.of(2), 10), settings);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            DEFAULT_PARTITIONS       | 0        | DEFAULT_PARTITIONS: 0 is below the minimum 1
            DEFAULT_PARTITIONS       | 200      | DEFAULT_PARTITIONS (200) is above MAX_PARTITIONS (100)
            MAX_PARTITIONS           | many     | MAX_PARTITIONS: 'many' is not a whole number
            DEFAULT_RETENTION_MS     | 1000     | DEFAULT_RETENTION_MS (1000) must be from 60000
            DEFAULT_RETENTION_MS     | -1       | DEFAULT_RETENTION_MS: -1 is below the minimum 1
            MAX_RETENTION_MS         | 600000   | DEFAULT_RETENTION_MS (3600000) must be from 60000 to MAX_RETENTION_MS (600000)
            REPLICATION_FACTOR       | 0        | REPLICATION_FACTOR: 0 is below the minimum 1
            REPLICATION_FACTOR       | 40000    | REPLICATION_FACTOR (40000) is above Kafka's maximum 32767
            MIN_INSYNC_REPLICAS      | x        | MIN_INSYNC_REPLICAS: 'x' is not a whole number
            MAX_SERVICES_PER_REQUEST | 0        | MAX_SERVICES_PER_REQUEST: 0 is below the minimum 1
            MANAGED_TOPIC_PREFIX     | logs/    | MANAGED_TOPIC_PREFIX: 'logs/' is not a usable topic prefix
            """)
    void badValuesNameTheVariable(String variable, String value, String expected) {
        var error = assertThrows(ConfigurationException.class,
                () -> ProvisionerSettings.fromEnv(Map.of(variable, value)));
        assertTrue(error.getMessage().startsWith(expected), error.getMessage());
    }

    @Test
    void minInsyncReplicasAboveTheReplicationFactorIsRefused() {
        var error = assertThrows(ConfigurationException.class, () -> ProvisionerSettings.fromEnv(
                Map.of("REPLICATION_FACTOR", "2", "MIN_INSYNC_REPLICAS", "3")));
        assertTrue(error.getMessage().startsWith("MIN_INSYNC_REPLICAS (3) is above REPLICATION_FACTOR (2)"),
                error.getMessage());
    }
}
