package io.logwise.kafka.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logwise.kafka.state.StatePart;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StateTopicTest {

    @ParameterizedTest
    @CsvSource({"1,0,0", "2,0,1", "5,0,1"})
    void theJournalIsAlwaysPartitionZeroAndSnapshotsUseOneWhenThereIsOne(int partitions, int journal, int snapshots) {
        StateTopic topic = new StateTopic("logwise-ops.state", partitions);
        assertEquals(journal, topic.partitionOf(StatePart.JOURNAL));
        assertEquals(snapshots, topic.partitionOf(StatePart.SNAPSHOTS));
    }

    @ParameterizedTest
    @CsvSource({"1,1", "2,2", "3,2", "5,2"})
    void minInsyncReplicasIsTwoWhenThereAreTwoReplicas(int replication, String minInsync) {
        var configs = StateTopic.creationConfigs(replication);
        assertEquals(minInsync, configs.get("min.insync.replicas"));
        assertEquals("compact", configs.get("cleanup.policy"));
        assertEquals("false", configs.get("unclean.leader.election.enable"));
    }
}
