package io.logwise.kafka.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.error.ConfigurationException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one prefix rule all four functions read MANAGED_TOPIC_PREFIX through. */
class ManagedPrefixTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            l.        | too short
            a-        | too short
            logs      | does not end with a separator
            logsx     | does not end with a separator
            l         | does not end with a separator
            _.        | too short
            __c.      | must start with a letter or digit
            _schemas_ | must start with a letter or digit
            logs/     | not a usable topic prefix
            """)
    void aPrefixThatIsTooShortOrHasNoSeparatorIsRefusedNamingTheVariable(String prefix, String why) {
        ConfigurationException error = assertThrows(ConfigurationException.class,
                () -> ManagedPrefix.fromEnv(Map.of("MANAGED_TOPIC_PREFIX", prefix)));
        assertTrue(error.getMessage().startsWith("MANAGED_TOPIC_PREFIX: '" + prefix + "'"), error.getMessage());
        assertTrue(error.getMessage().contains(why), error.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            logwise-  |
            logwise-  | logwise-ops.state
            ops.      | ops.state
            logs.     | logs.state
            """)
    void aPrefixCoveringTheStateTopicIsRefusedNamingBothVariables(String prefix, String stateTopic) {
        Map<String, String> env = stateTopic == null ? Map.of("MANAGED_TOPIC_PREFIX", prefix)
                : Map.of("MANAGED_TOPIC_PREFIX", prefix, "STATE_TOPIC", stateTopic);
        ConfigurationException error = assertThrows(ConfigurationException.class, () -> ManagedPrefix.fromEnv(env));
        assertTrue(error.getMessage().contains("MANAGED_TOPIC_PREFIX"), error.getMessage());
        assertTrue(error.getMessage().startsWith("STATE_TOPIC"), error.getMessage());
        assertTrue(error.getMessage().contains("under the managed prefix '" + prefix + "'"), error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"logs.", "ab.", "app-logs_", "team-a-", "x1."})
    void usablePrefixesAreAccepted(String prefix) {
        assertEquals(prefix, ManagedPrefix.fromEnv(Map.of("MANAGED_TOPIC_PREFIX", prefix)).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ProvisionerSettings", "LagScannerSettings", "StateStoreSettings", "RetentionHandler"})
    void everyFunctionsSettingsApplyTheRule(String reader) {
        Map<String, String> env = Map.of("MANAGED_TOPIC_PREFIX", "l.");
        Runnable read = switch (reader) {
            case "ProvisionerSettings" -> () -> ProvisionerSettings.fromEnv(env);
            case "LagScannerSettings" -> () -> io.logwise.kafka.lag.LagScannerSettings.fromEnv(env);
            case "StateStoreSettings" -> () -> io.logwise.kafka.state.StateStoreSettings.fromEnv(env);
            default -> () -> io.logwise.kafka.retention.ManagedTopics.requireSupported(ManagedPrefix.fromEnv(env));
        };
        ConfigurationException error = assertThrows(ConfigurationException.class, read::run);
        assertTrue(error.getMessage().contains("too short"), error.getMessage());
    }
}
