package io.logwise.kafka.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.error.ConfigurationException;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StateStoreSettingsTest {

    @Test
    void defaults() {
        StateStoreSettings settings = StateStoreSettings.fromEnv(Map.of());
        assertEquals("logwise-ops.state", settings.topic());
        assertEquals(OptionalInt.empty(), settings.replicationFactor());
        assertEquals(12, settings.snapshotHistory());
        assertEquals(Duration.ofDays(30), settings.journalRetention());
    }

    @Test
    void readsEverySetting() {
        StateStoreSettings settings = StateStoreSettings.fromEnv(Map.of("STATE_TOPIC", "ops.logwise-state",
                "STATE_TOPIC_REPLICATION", "2", "STATE_SNAPSHOT_HISTORY", "30", "STATE_JOURNAL_RETENTION_DAYS", "90"));
        assertEquals(new StateStoreSettings("ops.logwise-state", OptionalInt.of(2), 30, Duration.ofDays(90)), settings);
    }

    @ParameterizedTest
    @CsvSource({"1,1", "2,2", "3,3", "5,3", "0,1"})
    void defaultReplicationIsAtMostThree(int brokers, int expected) {
        assertEquals(expected, StateStoreSettings.fromEnv(Map.of()).replicationFor(brokers));
    }

    @Test
    void configuredReplicationWins() {
        assertEquals(1, StateStoreSettings.fromEnv(Map.of("STATE_TOPIC_REPLICATION", "1")).replicationFor(5));
    }

    @ParameterizedTest
    @CsvSource({
        "logs.state,,managed prefix",
        "logs.,,managed prefix",
        "ops.state,ops.,managed prefix",
        "logwise-ops.state,logwise-,managed prefix",
        "'bad name',,not a legal topic name",
        "__state,,internal"
    })
    void refusesATopicUnderTheManagedPrefixOrIllegal(String topic, String prefix, String expected) {
        Map<String, String> env = prefix == null ? Map.of("STATE_TOPIC", topic)
                : Map.of("STATE_TOPIC", topic, "MANAGED_TOPIC_PREFIX", prefix);
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> StateStoreSettings.fromEnv(env));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().startsWith("STATE_TOPIC"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
        "STATE_TOPIC_REPLICATION,0",
        "STATE_TOPIC_REPLICATION,three",
        "STATE_SNAPSHOT_HISTORY,1",
        "STATE_JOURNAL_RETENTION_DAYS,0",
        "STATE_JOURNAL_RETENTION_DAYS,40000"
    })
    void refusesUnusableNumbers(String variable, String value) {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> StateStoreSettings.fromEnv(Map.of(variable, value)));
        assertTrue(e.getMessage().startsWith(variable), e.getMessage());
    }
}
