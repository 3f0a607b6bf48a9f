package io.logwise.kafka.handler;

import io.logwise.kafka.checkpoint.CheckpointSourcesSettings;
import io.logwise.kafka.error.ConfigurationException;
import io.logwise.kafka.gateway.StateStore;
import io.logwise.kafka.gateway.UnreadReaders;
import io.logwise.kafka.json.Json;
import io.logwise.kafka.lag.LagScannerSettings;
import io.logwise.kafka.lag.ResultCompactor;
import io.logwise.kafka.lag.ScanRequest;
import io.logwise.kafka.metrics.EmfOutput;
import io.logwise.kafka.metrics.LagMetrics;
import io.logwise.kafka.metrics.RetentionMetrics;
import io.logwise.kafka.metrics.ScalingMetrics;
import io.logwise.kafka.retention.ManagedTopics;
import io.logwise.kafka.retention.RetentionReport;
import io.logwise.kafka.retention.RetentionRequest;
import io.logwise.kafka.retention.RetentionSettings;
import io.logwise.kafka.scaling.LagMeter;
import io.logwise.kafka.scaling.ManualRequest;
import io.logwise.kafka.scaling.ScalingReport;
import io.logwise.kafka.scaling.ScalingSettings;
import io.logwise.kafka.scan.ScanResult;
import io.logwise.kafka.service.LagScanPipeline;
import io.logwise.kafka.service.PartitionScalerService;
import io.logwise.kafka.service.RetentionUpdaterService;
import io.logwise.kafka.service.ScanHistoryService;
import io.logwise.kafka.service.TopicProvisioningService;
import io.logwise.kafka.service.UnreadMeasurement;
import io.logwise.kafka.state.StateStoreSettings;
import io.logwise.kafka.topics.ManagedPrefix;
import io.logwise.kafka.topics.ProvisionReport;
import io.logwise.kafka.topics.ProvisionRequest;
import io.logwise.kafka.topics.ProvisionerSettings;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each function's settings and the collaborators that live as long as the container, read from the environment in
 * one go (every setting is checked before Kafka is contacted), and what the function does with one invocation's
 * {@link KafkaInvocation}: call its service with the invocation's gateways, then write its metrics. A handler builds
 * its wiring once, on the first invocation.
 */
final class Wiring {

    private Wiring() {
    }

    /** The scan with its checkpoint reader and history, and where its metrics go. */
    record Scanner(LagScanPipeline pipeline, EmfOutput emf, int maxTopicSeries) {

        private static final Logger LOG = LoggerFactory.getLogger(LagScannerHandler.class);

        static Scanner fromEnv(Map<String, String> environment, EmfOutput emf, Clock clock) {
            return new Scanner(LagScanPipeline.fromEnv(environment, ScanHistoryService.Mode.READ_WRITE, clock),
                    emf != null ? emf : EmfOutput.fromEnv(environment), LagMetrics.maxTopicSeries(environment));
        }

        /** Kafka groups only, no scan history. */
        static Scanner of(LagScannerSettings settings, EmfOutput emf) {
            return new Scanner(new LagScanPipeline(settings, CheckpointSourcesSettings.fromEnv(Map.of()),
                    Optional.empty()), emf, LagMetrics.maxTopicSeries(Map.of()));
        }

        /** Scans, writes the metrics and the summary, and compacts the result to what a destination can carry. */
        ScanResult scan(KafkaInvocation kafka, ScanRequest request) {
            ScanResult full = pipeline.scan(kafka.clients(), kafka.deadline(), request);
            emf.write(LagMetrics.documents(full, maxTopicSeries, pipeline.settings().maxConsumerSeries()));
            LOG.info("lag scan {}: {} topics, {} partitions in {} ms, partial={}, verdicts {}, {} problems",
                    full.scanId(), full.topicCount(), full.partitionCount(), full.durationMs(), full.partial(),
                    full.verdictCounts(), full.problems().size());
            full.problems().forEach(problem -> LOG.warn("lag scan {}: {}", full.scanId(), problem));
            return new ResultCompactor(Json.MAPPER, ResultCompactor.DEFAULT_MAX_BYTES).compact(full);
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

        ScalingReport onRequest(KafkaInvocation kafka, ManualRequest request, String requestId) {
            StateStore store = kafka.state(state);
            return recorded(kafka, service.onRequest(request, requestId, kafka.scaling(), store.journal()));
        }

        ScalingReport onScan(KafkaInvocation kafka, ScanResult scan) {
            StateStore store = kafka.state(state);
            LagMeter meter = (topics, consumers) -> measuring.scan(kafka.clients(), kafka.deadline(),
                    new ScanRequest(Optional.of(topics), Optional.of(consumers)));
            return recorded(kafka, service.onScan(scan, kafka.scaling(), store.journal(), meter));
        }

        private ScalingReport recorded(KafkaInvocation kafka, ScalingReport decided) {
            ScalingReport report = kafka.stateCreationNotice().map(decided::withProblem).orElse(decided);
            emf.write(ScalingMetrics.documents(report, clock.instant()));
            return report;
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

        RetentionReport onRequest(KafkaInvocation kafka, RetentionRequest request, String requestId) {
            return recorded(kafka, (measure, store) -> service.onRequest(request, requestId, kafka.retention(),
                    measure, store.journal(), store.extensions()));
        }

        RetentionReport onScan(KafkaInvocation kafka, ScanResult scan) {
            return recorded(kafka, (measure, store) -> service.onScan(scan, kafka.retention(), measure,
                    store.journal(), store.extensions()));
        }

        RetentionReport onSchedule(KafkaInvocation kafka, String triggerId) {
            return recorded(kafka, (measure, store) -> service.onSchedule(triggerId, kafka.retention(), measure,
                    store.journal(), store.extensions()));
        }

        private RetentionReport recorded(KafkaInvocation kafka, Decide decide) {
            RetentionReport report = decide.report(new UnreadMeasurement(kafka.unreadReader(readers)),
                    kafka.state(state));
            emf.write(RetentionMetrics.documents(report, clock.instant()));
            return report;
        }

        private interface Decide {
            RetentionReport report(UnreadMeasurement measure, StateStore store);
        }
    }

    record Provisioner(ProvisionerSettings settings, TopicProvisioningService service, StateStoreSettings state) {

        static Provisioner fromEnv(Map<String, String> environment) {
            ProvisionerSettings settings = ProvisionerSettings.fromEnv(environment);
            return new Provisioner(settings, new TopicProvisioningService(settings, Clock.systemUTC()),
                    StateStoreSettings.fromEnv(environment));
        }

        /** Asks for the journal only once the request is known to be valid: a refused one creates nothing. */
        ProvisionReport provision(KafkaInvocation kafka, ProvisionRequest request, String trigger) {
            ProvisionReport report = service.run(request, kafka.topics(), () -> kafka.state(state).journal(), trigger);
            return kafka.stateCreationNotice().map(report::withProblem).orElse(report);
        }
    }
}
