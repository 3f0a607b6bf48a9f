package io.logwise.kafka.handler;

import io.logwise.kafka.checkpoint.CheckpointSourcesSettings;
import io.logwise.kafka.error.ConfigurationException;
import io.logwise.kafka.gateway.UnreadReaders;
import io.logwise.kafka.lag.LagScannerSettings;
import io.logwise.kafka.metrics.EmfOutput;
import io.logwise.kafka.metrics.LagMetrics;
import io.logwise.kafka.retention.ManagedTopics;
import io.logwise.kafka.retention.RetentionSettings;
import io.logwise.kafka.scaling.ScalingSettings;
import io.logwise.kafka.service.LagScanPipeline;
import io.logwise.kafka.service.PartitionScalerService;
import io.logwise.kafka.service.RetentionUpdaterService;
import io.logwise.kafka.service.ScanHistoryService;
import io.logwise.kafka.state.StateStoreSettings;
import io.logwise.kafka.topics.ManagedPrefix;
import io.logwise.kafka.topics.ProvisionerSettings;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Each function's settings and the collaborators that live as long as the container, read from the environment in
 * one go (every setting is checked before Kafka is contacted). A handler builds its wiring once, on the first
 * invocation; what depends on the invocation (clients' calls, the deadline, the state store) is in
 * {@link KafkaInvocation}.
 */
final class Wiring {

    private Wiring() {
    }

    /** The scan with its checkpoint reader and history, and where its metrics go. */
    record Scanner(LagScanPipeline pipeline, EmfOutput emf, int maxTopicSeries) {

        static Scanner fromEnv(Map<String, String> environment, EmfOutput emf, Clock clock) {
            return new Scanner(LagScanPipeline.fromEnv(environment, ScanHistoryService.Mode.READ_WRITE, clock),
                    emf != null ? emf : EmfOutput.fromEnv(environment), LagMetrics.maxTopicSeries(environment));
        }

        /** Kafka groups only, no scan history. */
        static Scanner of(LagScannerSettings settings, EmfOutput emf) {
            return new Scanner(new LagScanPipeline(settings, CheckpointSourcesSettings.fromEnv(Map.of()),
                    Optional.empty()), emf, LagMetrics.maxTopicSeries(Map.of()));
        }
    }

    /** The scaler measures lag as the scanner does, with its own thresholds (never the event's), without history. */
    record Scaler(PartitionScalerService service, StateStoreSettings state, LagScanPipeline measuring, EmfOutput emf,
                  Clock clock) {

        static Scaler fromEnv(Map<String, String> environment, Clock clock) {
            ManagedPrefix.fromEnv(environment); // the one prefix rule, though the scaler manages logs. only
            ScalingSettings settings = ConfigurationException.reading(() -> ScalingSettings.fromEnv(environment));
            StateStoreSettings state = StateStoreSettings.fromEnv(environment);
            LagScanPipeline measuring = new LagScanPipeline(LagScannerSettings.fromEnv(environment),
                    CheckpointSourcesSettings.fromEnv(environment), Optional.empty());
            return new Scaler(new PartitionScalerService(settings, clock), state, measuring,
                    EmfOutput.fromEnv(environment), clock);
        }
    }

    /** The unread readers judge lowerings on every consumer the lag scanner knows (groups, checkpoints, expected). */
    record Updater(RetentionSettings settings, RetentionUpdaterService service, StateStoreSettings state,
                   UnreadReaders readers, EmfOutput emf, Clock clock) {

        static Updater fromEnv(Map<String, String> environment, Clock clock) {
            ManagedTopics.requireSupported(ManagedPrefix.fromEnv(environment));
            RetentionSettings settings = ConfigurationException.reading(() -> RetentionSettings.fromEnv(environment));
            return new Updater(settings, new RetentionUpdaterService(settings, clock),
                    StateStoreSettings.fromEnv(environment), UnreadReaders.fromEnv(environment),
                    EmfOutput.fromEnv(environment), clock);
        }
    }

    record Provisioner(ProvisionerSettings settings, StateStoreSettings state) {

        static Provisioner fromEnv(Map<String, String> environment) {
            return new Provisioner(ProvisionerSettings.fromEnv(environment), StateStoreSettings.fromEnv(environment));
        }
    }
}
