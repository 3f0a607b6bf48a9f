package io.logwise.kafka.service;

import io.logwise.kafka.checkpoint.CheckpointSourcesSettings;
import io.logwise.kafka.checkpoint.SparkCheckpointReader;
import io.logwise.kafka.checkpoint.SparkCheckpointSource;
import io.logwise.kafka.client.Deadline;
import io.logwise.kafka.client.KafkaClients;
import io.logwise.kafka.error.ConfigurationException;
import io.logwise.kafka.gateway.LagKafkaGateway;
import io.logwise.kafka.gateway.StateStores;
import io.logwise.kafka.history.HistorySettings;
import io.logwise.kafka.lag.LagScannerSettings;
import io.logwise.kafka.lag.LagSource;
import io.logwise.kafka.lag.PartitionView;
import io.logwise.kafka.lag.ScanRequest;
import io.logwise.kafka.scan.ScanResult;
import io.logwise.kafka.state.StateStoreSettings;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A whole lag scan as the function runs it: positions from Kafka groups and from the configured Spark checkpoints
 * (SPARK_CHECKPOINT_SOURCES), then the scan history. Lives as long as the container: the checkpoint reader (and its S3
 * client) is made once, on the first scan that needs it.
 */
public final class LagScanPipeline implements AutoCloseable {

    /** How the scan history is used; empty settings mean no history at all. */
    public record History(StateStoreSettings state, HistorySettings settings, ScanHistoryService.Mode mode) {
    }

    private final LagScannerSettings settings;
    private final CheckpointSourcesSettings checkpoints;
    private final Optional<History> history;
    private final Clock clock;
    private SparkCheckpointReader reader;

    public LagScanPipeline(LagScannerSettings settings, CheckpointSourcesSettings checkpoints,
                           Optional<History> history) {
        this(settings, checkpoints, history, Clock.systemUTC());
    }

    /** With the clock that dates each scan (tests drive scan history through time with their own). */
    public LagScanPipeline(LagScannerSettings settings, CheckpointSourcesSettings checkpoints,
                           Optional<History> history, Clock clock) {
        this.settings = settings;
        this.checkpoints = checkpoints;
        this.history = history;
        this.clock = clock;
    }

    public static LagScanPipeline fromEnv(Map<String, String> environment, ScanHistoryService.Mode mode) {
        return fromEnv(environment, mode, Clock.systemUTC());
    }

    public static LagScanPipeline fromEnv(Map<String, String> environment, ScanHistoryService.Mode mode,
                                          Clock clock) {
        LagScannerSettings settings = LagScannerSettings.fromEnv(environment);
        StateStoreSettings state = StateStoreSettings.fromEnv(environment);
        requireGraceWithinHistory(settings.newPartitionGraceScans(), state.snapshotHistory());
        return new LagScanPipeline(settings, CheckpointSourcesSettings.fromEnv(environment), Optional.of(new History(
                state, HistorySettings.fromEnv(environment), mode)), clock);
    }

    /**
     * A partition increase is seen where the partition count grows between two kept snapshots, so at most
     * STATE_SNAPSHOT_HISTORY - 1 scans after it: a longer grace would never end.
     */
    static void requireGraceWithinHistory(int graceScans, int snapshotHistory) {
        if (graceScans > snapshotHistory - 2) {
            throw new ConfigurationException(LagScannerSettings.NEW_PARTITION_GRACE_SCANS + ": " + graceScans
                    + " scans is more than " + StateStoreSettings.SNAPSHOT_HISTORY + " (" + snapshotHistory
                    + ") - 2: a partition increase is seen only while the snapshots around it are kept");
        }
    }

    public LagScannerSettings settings() {
        return settings;
    }

    /** The scan, with its history when configured: the kept snapshots are read while the scan runs. */
    public ScanResult scan(KafkaClients clients, Deadline deadline, ScanRequest request) {
        if (history.isEmpty()) {
            return read(clients, deadline, request).result();
        }
        History h = history.get();
        ScanHistoryService service = new ScanHistoryService(new StateStores(clients.factory(), clients.admin(),
                h.state()), h.settings(), settings.newPartitionGraceScans(), h.mode());
        try (ScanHistoryService.Reading earlier = service.startReading(deadline)) {
            return service.withHistory(read(clients, deadline, request), earlier);
        }
    }

    /**
     * Every consumer's position on every partition, from the same reading as {@link #scan} makes its summary from
     * (the summary says which consumers are reported on which topic). The scan history is neither read nor written:
     * positions and log offsets need none. What {@link #scan} returns is unaffected.
     */
    public PartitionView partitions(KafkaClients clients, Deadline deadline, ScanRequest request) {
        LagScan scan = read(clients, deadline, request);
        return PartitionView.of(scan.result(), scan.logs(), scan.positions(), settings.noCommitPolicy());
    }

    /** One reading: positions from Kafka groups and Spark checkpoints, then the log offsets, and their summary. */
    private LagScan read(KafkaClients clients, Deadline deadline, ScanRequest request) {
        LagKafkaGateway gateway = new LagKafkaGateway(clients.admin(), deadline);
        List<LagSource> sources = new ArrayList<>(List.of(gateway));
        if (!checkpoints.sources().isEmpty()) {
            sources.add(new SparkCheckpointSource(reader(), checkpoints.sources(), deadline::remaining));
        }
        return new LagScanService(gateway, sources, settings, clock).scanWithInputs(request);
    }

    private synchronized SparkCheckpointReader reader() {
        if (reader == null) {
            reader = SparkCheckpointReader.create(checkpoints);
        }
        return reader;
    }

    @Override
    public synchronized void close() throws Exception {
        if (reader != null) {
            reader.close();
        }
    }
}
