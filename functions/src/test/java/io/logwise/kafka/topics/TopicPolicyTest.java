package io.logwise.kafka.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.error.ConfigurationException;
import io.logwise.kafka.error.InvalidRequestException;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicPolicyTest {

    private static final ProvisionRequest PLAIN = ProvisionRequest.of(List.of("a"), false);

    /** Replication factor min(3, brokers); min.insync.replicas 2 only where the replication factor is at least 3. */
    @ParameterizedTest(name = "{0} broker(s) -> RF {1}, min ISR {2}")
    @CsvSource(textBlock = """
            1, 1, -
            2, 2, -
            3, 3, 2
            5, 3, 2
            """)
    void defaultsFollowTheBrokerCount(int brokers, int replication, String minInsync) {
        TopicPolicy policy = TopicPolicy.resolve(ProvisionerSettings.fromEnv(Map.of()), PLAIN, brokers);
        assertEquals(new TopicPolicy(3, 3_600_000L, replication,
                minInsync.equals("-") ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(minInsync))), policy);
    }

    @Test
    void topicConfigsAreRetentionAndWhereSetMinInsyncReplicas() {
        assertEquals(Map.of("retention.ms", "3600000"), new TopicPolicy(3, 3_600_000L, 1, OptionalInt.empty())
                .topicConfigs());
        assertEquals(Map.of("retention.ms", "60000", "min.insync.replicas", "2"),
                new TopicPolicy(3, 60_000L, 3, OptionalInt.of(2)).topicConfigs());
    }

    @Test
    void aRequestOverridesPartitionsRetentionAndReplication() {
        ProvisionRequest request = new ProvisionRequest(List.of("a"), OptionalInt.of(6), OptionalLong.of(604_800_000L),
                OptionalInt.of(2), false, false);
        assertEquals(new TopicPolicy(6, 604_800_000L, 2, OptionalInt.empty()),
                TopicPolicy.resolve(ProvisionerSettings.fromEnv(Map.of()), request, 3));
    }

    @Test
    void configuredReplicationAndMinInsyncReplicasWin() {
        var settings = ProvisionerSettings.fromEnv(Map.of("REPLICATION_FACTOR", "2", "MIN_INSYNC_REPLICAS", "1"));
        assertEquals(new TopicPolicy(3, 3_600_000L, 2, OptionalInt.of(1)), TopicPolicy.resolve(settings, PLAIN, 6));
    }

    @Test
    void aRequestedReplicationFactorAboveTheBrokerCountIsAnInvalidRequest() {
        ProvisionRequest request = new ProvisionRequest(List.of("a"), OptionalInt.empty(), OptionalLong.empty(),
                OptionalInt.of(3), false, false);
        var error = assertThrows(InvalidRequestException.class,
                () -> TopicPolicy.resolve(ProvisionerSettings.fromEnv(Map.of()), request, 1));
        assertEquals("replicationFactor: 3 is above the 1 broker(s) of the cluster", error.getMessage());
    }

    @Test
    void aConfiguredReplicationFactorAboveTheBrokerCountIsAConfigurationError() {
        var error = assertThrows(ConfigurationException.class, () -> TopicPolicy.resolve(
                ProvisionerSettings.fromEnv(Map.of("REPLICATION_FACTOR", "3")), PLAIN, 2));
        assertTrue(error.getMessage().startsWith("REPLICATION_FACTOR (3) is above the 2 broker(s)"),
                error.getMessage());
    }

    @Test
    void aReplicationFactorBelowTheConfiguredMinInsyncReplicasIsRefused() {
        var settings = ProvisionerSettings.fromEnv(Map.of("MIN_INSYNC_REPLICAS", "2"));
        ProvisionRequest request = new ProvisionRequest(List.of("a"), OptionalInt.empty(), OptionalLong.empty(),
                OptionalInt.of(1), false, false);
        var asked = assertThrows(InvalidRequestException.class, () -> TopicPolicy.resolve(settings, request, 3));
        assertTrue(asked.getMessage().startsWith("replicationFactor: 1 is below MIN_INSYNC_REPLICAS (2)"),
                asked.getMessage());
        var configured = assertThrows(ConfigurationException.class, () -> TopicPolicy.resolve(settings, PLAIN, 1));
        assertTrue(configured.getMessage().contains("is below MIN_INSYNC_REPLICAS (2)"), configured.getMessage());
    }
}
