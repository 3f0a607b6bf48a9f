package io.logwise.kafka.infra.settings;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Everything one environment's stack is built from, read from the CDK context object
 * {@code environments.<name>} (see infra/cdk.json). Parsing fails with a message naming the offending key.
 */
public record DeploymentSettings(
        String environmentName,
        Optional<String> account,
        Optional<String> region,
        KafkaSettings kafka,
        Optional<NetworkSettings> network,
        ScheduleSettings schedules,
        String scalerMode,
        List<CheckpointSource> checkpointSources,
        int logRetentionDays,
        AlarmSettings alarms,
        Map<String, String> environment,
        Map<LogwiseFunction, FunctionSettings> functions) {

    private static final Set<String> KEYS = Set.of(
            "account", "region", "kafka", "network", "schedules", "scalerMode", "checkpointSources",
            "logRetentionDays", "alarms", "environment", "functions");
    private static final Set<String> SCALER_MODES = Set.of("off", "dry-run", "on");
    private static final Pattern ENVIRONMENT_NAME = Pattern.compile("[a-z][a-z0-9-]{0,19}");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");

    public DeploymentSettings {
        checkpointSources = List.copyOf(checkpointSources);
        environment = Map.copyOf(environment);
        functions = Map.copyOf(functions);
    }

    public FunctionSettings function(LogwiseFunction function) {
        return functions.get(function);
    }

    /** Picks {@code environmentName} out of the {@code environments} context object and parses it. */
    public static DeploymentSettings fromContext(String environmentName, Object environments) {
        if (environmentName == null || environmentName.isBlank()) {
            throw new SettingsException("no environment chosen: pass -c env=NAME, NAME one of " + names(environments));
        }
        if (environments == null) {
            throw new SettingsException("context key 'environments' is missing (see infra/cdk.json)");
        }
        ContextMap all = ContextMap.of("environments", environments);
        if (!all.has(environmentName)) {
            throw new SettingsException("environment '" + environmentName + "' is not defined under 'environments'"
                    + " in the CDK context; defined: " + all.keys());
        }
        return parse(environmentName, all.object(environmentName));
    }

    static DeploymentSettings parse(String environmentName, ContextMap environment) {
        if (!ENVIRONMENT_NAME.matcher(environmentName).matches()) {
            throw new SettingsException("environment name '" + environmentName
                    + "' must be lower-case letters, digits and '-', starting with a letter, at most 20 characters");
        }
        environment.rejectUnknownKeys(KEYS);
        KafkaSettings kafka = KafkaSettings.parse(environment.object("kafka"));
        Optional<NetworkSettings> network = environment.has("network")
                ? Optional.of(NetworkSettings.parse(environment.object("network")))
                : Optional.empty();
        if (network.isEmpty() && !(kafka.connection() instanceof KafkaConnection.Plaintext)) {
            throw new SettingsException(environment.pathOf("network")
                    + " (subnetIds, securityGroupIds) is required to reach brokers with securityMode "
                    + kafka.connection().securityMode());
        }
        List<CheckpointSource> sources = checkpointSources(environment);
        DeploymentSettings settings = new DeploymentSettings(
                environmentName,
                pattern(environment, "account", ACCOUNT),
                pattern(environment, "region", REGION),
                kafka,
                network,
                ScheduleSettings.parse(environment.object("schedules")),
                scalerMode(environment),
                sources,
                RetentionPeriods.check(environment.pathOf("logRetentionDays"),
                        environment.integer("logRetentionDays", 30, 1, 3653)),
                AlarmSettings.parse(environment.object("alarms")),
                sharedEnvironment(environment),
                functions(environment.object("functions"), sources));
        settings.checkConsistency(environment);
        return settings;
    }

    private void checkConsistency(ContextMap environment) {
        if (kafka.connection() instanceof KafkaConnection.MskIam msk) {
            MskClusterArn cluster = msk.cluster();
            account.filter(a -> !a.equals(cluster.account())).ifPresent(a -> {
                throw new SettingsException(environment.pathOf("account") + " " + a
                        + " differs from the account of kafka.clusterArn " + cluster.account());
            });
            region.filter(r -> !r.equals(cluster.region())).ifPresent(r -> {
                throw new SettingsException(environment.pathOf("region") + " " + r
                        + " differs from the region of kafka.clusterArn " + cluster.region());
            });
        }
        functions.forEach((function, settings) -> {
            if (kafka.apiTimeoutMs() >= settings.timeoutSeconds() * 1000L) {
                throw new SettingsException(environment.pathOf("kafka.apiTimeoutMs") + " (" + kafka.apiTimeoutMs()
                        + ") must be shorter than the timeout of " + function.functionName() + " ("
                        + settings.timeoutSeconds() + " s) so a Kafka call fails before Lambda kills the function");
            }
        });
        boolean s3Checkpoints = checkpointSources.stream().anyMatch(source -> source.s3Location().isPresent());
        network.flatMap(NetworkSettings::endpoints).filter(endpoints -> s3Checkpoints)
                .filter(endpoints -> endpoints.routeTableIds().isEmpty()).ifPresent(endpoints -> {
                    throw new SettingsException(environment.pathOf("network.endpoints.routeTableIds")
                            + " must list the function subnets' route tables: the S3 gateway endpoint for the S3"
                            + " checkpoint sources is attached to them");
                });
        if (alarms.staleScanMinutes() <= schedules.scanRateMinutes()) {
            throw new SettingsException(environment.pathOf("alarms.staleScanMinutes") + " ("
                    + alarms.staleScanMinutes() + ") must exceed schedules.scanRateMinutes ("
                    + schedules.scanRateMinutes() + ") or the staleness alarm fires between two healthy scans");
        }
    }

    /** Extra variables for all four functions (e.g. LOG_LEVEL); a function's own map wins over it. */
    private static Map<String, String> sharedEnvironment(ContextMap environment) {
        Map<String, String> variables = environment.stringMap("environment");
        for (String name : variables.keySet()) {
            if (EnvironmentVariables.DERIVED.contains(name)) {
                throw new SettingsException(environment.pathOf("environment") + "." + name
                        + " is set by the stack from the typed settings; set it there instead");
            }
        }
        return variables;
    }

    private static String scalerMode(ContextMap environment) {
        String mode = environment.optionalString("scalerMode").orElse("dry-run");
        if (!SCALER_MODES.contains(mode)) {
            throw new SettingsException(environment.pathOf("scalerMode") + " must be off, dry-run or on; got: " + mode);
        }
        return mode;
    }

    private static List<CheckpointSource> checkpointSources(ContextMap environment) {
        List<CheckpointSource> sources = new ArrayList<>();
        for (ContextMap source : environment.objectList("checkpointSources")) {
            CheckpointSource parsed = CheckpointSource.parse(source);
            if (sources.stream().anyMatch(s -> s.name().equals(parsed.name()))) {
                throw new SettingsException(source.pathOf("name") + " '" + parsed.name() + "' is used twice");
            }
            sources.add(parsed);
        }
        return sources;
    }

    /**
     * Reading Spark checkpoints on S3 loads the SDK's signing and XML classes: more Metaspace than a 512 MB function
     * has beside the Kafka client. Every function that reads positions then defaults to the scanner's 1,024 MB.
     */
    static final int MEMORY_WITH_S3_CHECKPOINTS_MB = 1024;

    private static Map<LogwiseFunction, FunctionSettings> functions(ContextMap functions,
                                                                    List<CheckpointSource> sources) {
        boolean s3Checkpoints = sources.stream().anyMatch(source -> source.s3Location().isPresent());
        for (String name : functions.keys()) {
            if (LogwiseFunction.byName(name).isEmpty()) {
                throw new SettingsException(functions.pathOf(name) + " is not a function; functions are "
                        + "topic-provisioner, lag-scanner, partition-scaler, retention-updater");
            }
        }
        Map<LogwiseFunction, FunctionSettings> parsed = new EnumMap<>(LogwiseFunction.class);
        for (LogwiseFunction function : LogwiseFunction.values()) {
            FunctionSettings defaults = function.defaults();
            if (s3Checkpoints && function.readsConsumerPositions()
                    && defaults.memoryMb() < MEMORY_WITH_S3_CHECKPOINTS_MB) {
                defaults = new FunctionSettings(MEMORY_WITH_S3_CHECKPOINTS_MB, defaults.timeoutSeconds(),
                        defaults.reservedConcurrency(), defaults.snapStart(), defaults.retryAttempts(),
                        defaults.maxEventAgeMinutes(), defaults.environment());
            }
            parsed.put(function, FunctionSettings.parse(
                    functions.object(function.functionName()), defaults, EnvironmentVariables.DERIVED));
        }
        return parsed;
    }

    private static Optional<String> pattern(ContextMap environment, String key, Pattern format) {
        Optional<String> value = environment.optionalString(key);
        value.ifPresent(v -> {
            if (!format.matcher(v).matches()) {
                throw new SettingsException(environment.pathOf(key) + " is malformed: " + v);
            }
        });
        return value;
    }

    private static Set<String> names(Object environments) {
        return environments instanceof Map<?, ?> map
                ? new TreeSet<>(map.keySet().stream().map(String::valueOf).toList())
                : Set.of();
    }
}
