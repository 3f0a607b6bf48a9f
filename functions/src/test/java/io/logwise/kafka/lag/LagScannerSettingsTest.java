package io.logwise.kafka.lag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.error.ConfigurationException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LagScannerSettingsTest {

    @Test
    void defaults() {
        LagScannerSettings settings = LagScannerSettings.fromEnv(Map.of());
        assertEquals("logs.", settings.prefix().value());
        assertEquals(50_000, settings.maxLagPerPartition());
        assertEquals(50_000, settings.maxLagFor("logs.anything"));
        assertEquals(NoCommitPolicy.EARLIEST, settings.noCommitPolicy());
        assertEquals(Set.of(), settings.expectedConsumersOf("logs.a"));
        assertEquals(1000, settings.maxConsumerSeries());
        assertEquals(6, settings.newPartitionGraceScans());
    }

    @Test
    void perTopicOverridesReplaceTheDefault() {
        LagScannerSettings settings = LagScannerSettings.fromEnv(Map.of(
                "MAX_LAG_PER_PARTITION", "10_000",
                "MAX_LAG_PER_PARTITION_OVERRIDES", " logs.a=100000, logs.b = 20_000 ,"));
        assertEquals(100_000, settings.maxLagFor("logs.a"));
        assertEquals(20_000, settings.maxLagFor("logs.b"));
        assertEquals(10_000, settings.maxLagFor("logs.c"));
    }

    @Test
    void expectedConsumersPerTopicAndForEveryTopic() {
        LagScannerSettings settings = LagScannerSettings.fromEnv(Map.of(
                "LAG_EXPECTED_CONSUMERS", "logs.a=spark-a,spark-a2; *=spark-logs ;logs.b=spark-b"));
        assertEquals(Set.of("spark-logs", "spark-a", "spark-a2"), settings.expectedConsumersOf("logs.a"));
        assertEquals(Set.of("spark-logs", "spark-b"), settings.expectedConsumersOf("logs.b"));
        assertEquals(Set.of("spark-logs"), settings.expectedConsumersOf("logs.c"));
        assertEquals(Set.of("spark-a", "spark-a2", "spark-logs", "spark-b"), settings.allExpectedConsumers());
    }

    @Test
    void noCommitPolicyAndPrefix() {
        LagScannerSettings settings = LagScannerSettings.fromEnv(Map.of("NO_COMMIT_POLICY", "ignore",
                "MANAGED_TOPIC_PREFIX", "app.", "MAX_LAG_PER_PARTITION_OVERRIDES", "app.x=5"));
        assertEquals(NoCommitPolicy.IGNORE, settings.noCommitPolicy());
        assertEquals(5, settings.maxLagFor("app.x"));
    }

    @Test
    void newPartitionGraceScansMayBeZero() {
        assertEquals(0, LagScannerSettings.fromEnv(Map.of("LAG_NEW_PARTITION_GRACE_SCANS", "0"))
                .newPartitionGraceScans());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "MAX_LAG_PER_PARTITION|0|MAX_LAG_PER_PARTITION",
            "MAX_LAG_PER_PARTITION|lots|MAX_LAG_PER_PARTITION",
            "MAX_LAG_PER_PARTITION_OVERRIDES|other.a=5|not a managed topic",
            "MAX_LAG_PER_PARTITION_OVERRIDES|logs.a=0|at least 1",
            "MAX_LAG_PER_PARTITION_OVERRIDES|logs.a=x|not a whole number",
            "MAX_LAG_PER_PARTITION_OVERRIDES|logs.a|topic=value",
            "MAX_LAG_PER_PARTITION_OVERRIDES|logs.a=1,logs.a=2|given twice",
            "MAX_LAG_PER_PARTITION_OVERRIDES|*=5|not a managed topic",
            "LAG_EXPECTED_CONSUMERS|logs.a=|topic=value",
            "LAG_EXPECTED_CONSUMERS|logs.a= , |no consumer group",
            "LAG_EXPECTED_CONSUMERS|logsx.a=g|not a managed topic",
            "NO_COMMIT_POLICY|latest|earliest, ignore",
            "LAG_NEW_PARTITION_GRACE_SCANS|-1|below the minimum 0",
            "LAG_NEW_PARTITION_GRACE_SCANS|two|not a whole number"})
    void badValuesNameTheVariable(String variable, String value, String expectedInMessage) {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> LagScannerSettings.fromEnv(Map.of(variable, value)));
        assertTrue(e.getMessage().contains(variable), e.getMessage());
        assertTrue(e.getMessage().contains(expectedInMessage), e.getMessage());
    }
}
