package io.logwise.kafka.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScalingSettingsTest {

    @Test
    void defaultsWhenNothingIsSet() {
        ScalingSettings settings = ScalingSettings.fromEnv(Map.of());

        assertEquals(ScalingMode.DRY_RUN, settings.mode());
        assertEquals(3, settings.step());
        assertEquals(60, settings.maxPartitions("logs.any"));
        assertEquals(1000, settings.partitionsPerBroker());
        assertEquals(Duration.ofMinutes(10), settings.cooldown());
        assertEquals(Duration.ofMinutes(5), settings.maxScanAge());
        assertEquals(Duration.ofMinutes(3), settings.drainTarget());
        assertEquals(OptionalDouble.empty(), settings.partitionConsumeRate());
        assertEquals(Set.of(), settings.keyedTopics());
    }

    @Test
    void readsEveryVariable() {
        ScalingSettings settings = ScalingSettings.fromEnv(Map.of(
                ScalingSettings.MODE, "ON",
                ScalingSettings.STEP, "2",
                ScalingSettings.MAX_PARTITIONS, "48",
                ScalingSettings.MAX_PARTITIONS_BY_TOPIC, "logs.a=120, logs.b = 30",
                ScalingSettings.PARTITIONS_PER_BROKER, "2000",
                ScalingSettings.COOLDOWN, "PT15M",
                ScalingSettings.MAX_SCAN_AGE, "90s",
                ScalingSettings.DRAIN_TARGET, "1h",
                ScalingSettings.PARTITION_CONSUME_RATE, "1250.5",
                ScalingSettings.KEYED_TOPICS, "logs.payments,, logs.ledger "));

        assertEquals(ScalingMode.ON, settings.mode());
        assertEquals(2, settings.step());
        assertEquals(48, settings.maxPartitions("logs.other"));
        assertEquals(120, settings.maxPartitions("logs.a"));
        assertEquals(30, settings.maxPartitions("logs.b"));
        assertEquals(2000, settings.partitionsPerBroker());
        assertEquals(Duration.ofMinutes(15), settings.cooldown());
        assertEquals(Duration.ofSeconds(90), settings.maxScanAge());
        assertEquals(Duration.ofHours(1), settings.drainTarget());
        assertEquals(1250.5, settings.partitionConsumeRate().getAsDouble());
        assertTrue(settings.isKeyed("logs.ledger"));
        assertFalse(settings.isKeyed("logs.order-service"));
    }

    @Test
    void blankMeansDefault() {
        assertEquals(ScalingMode.DRY_RUN, ScalingSettings.fromEnv(Map.of(ScalingSettings.MODE, "  ")).mode());
    }

    @Test
    void zeroCooldownIsAllowed() {
        assertEquals(Duration.ZERO, ScalingSettings.fromEnv(Map.of(ScalingSettings.COOLDOWN, "0s")).cooldown());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "SCALER_MODE                   | auto",
            "SCALER_STEP                   | three",
            "SCALER_STEP                   | 0",
            "SCALER_MAX_PARTITIONS         | -1",
            "SCALER_MAX_PARTITIONS_BY_TOPIC| logs.a",
            "SCALER_MAX_PARTITIONS_BY_TOPIC| logs.a=0",
            "SCALER_MAX_PARTITIONS_BY_TOPIC| logs.a=5,logs.a=6",
            "SCALER_PARTITIONS_PER_BROKER  | 1e3",
            "SCALER_COOLDOWN               | 10 minutes",
            "SCALER_COOLDOWN               | -5m",
            "SCALER_MAX_SCAN_AGE           | 0s",
            "SCALER_MAX_SCAN_AGE           | 5d",
            "SCALER_DRAIN_TARGET           | PT",
            "SCALER_PARTITION_CONSUME_RATE | fast",
            "SCALER_PARTITION_CONSUME_RATE | -100",
            "SCALER_PARTITION_CONSUME_RATE | Infinity",
    })
    void badValueIsRejectedNamingTheVariable(String name, String value) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ScalingSettings.fromEnv(Map.of(name, value)));

        assertTrue(error.getMessage().startsWith(name), error.getMessage());
    }

    @ParameterizedTest(name = "{0} = {1}s")
    @CsvSource({"45s, 45", "10m, 600", "2h, 7200", "PT1M30S, 90", "pt5m, 300", " 3m , 180"})
    void durationsInShortOrIsoForm(String text, long seconds) {
        assertEquals(Duration.ofSeconds(seconds), Durations.parse(text));
    }
}
