package io.logwise.kafka.gateway;

import io.logwise.kafka.checkpoint.CheckpointSourcesSettings;
import io.logwise.kafka.checkpoint.SparkCheckpointReader;
import io.logwise.kafka.client.Deadline;
import io.logwise.kafka.client.KafkaClientFactory;
import io.logwise.kafka.lag.LagScannerSettings;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * Makes the {@link UnreadReader} of each invocation from the same settings as the lag scanner (SPARK_CHECKPOINT_SOURCES
 * and its limits, LAG_EXPECTED_CONSUMERS). Lives as long as the container: the checkpoint reader (and its S3 client)
 * is made once, on the first reading that needs it.
 */
public final class UnreadReaders implements AutoCloseable {

    private final LagScannerSettings consumers;
    private final CheckpointSourcesSettings checkpoints;
    private SparkCheckpointReader checkpointReader;

    public UnreadReaders(LagScannerSettings consumers, CheckpointSourcesSettings checkpoints) {
        this.consumers = consumers;
        this.checkpoints = checkpoints;
    }

    /** Reads every setting now, so a bad one stops the function before Kafka is contacted. */
    public static UnreadReaders fromEnv(Map<String, String> environment) {
        return new UnreadReaders(LagScannerSettings.fromEnv(environment),
                CheckpointSourcesSettings.fromEnv(environment));
    }

    public UnreadReader forInvocation(Admin admin, KafkaClientFactory factory, Deadline deadline) {
        return new UnreadReader(admin, factory, deadline, consumers::expectedConsumersOf, checkpoints.sources(),
                checkpointReader());
    }

    private synchronized SparkCheckpointReader checkpointReader() {
        if (checkpointReader == null && !checkpoints.sources().isEmpty()) {
            checkpointReader = SparkCheckpointReader.create(checkpoints);
        }
        return checkpointReader;
    }

    @Override
    public synchronized void close() throws Exception {
        if (checkpointReader != null) {
            checkpointReader.close();
        }
    }
}
