package io.logwise.kafka.infra.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.infra.function.FunctionEnvironment;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Settings from the CDK context: defaults, and a clear error naming the key for every bad or contradictory value. */
class DeploymentSettingsTest {

    private static final String CLUSTER = "arn:aws:kafka:eu-west-1:111122223333:cluster/logwise/abcd-1234-5";
    private static final String SECRET = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:AmazonMSK_x-Ab12Cd";
    private static final Map<String, Object> NETWORK = Map.of(
            "subnetIds", List.of("subnet-0a1b2c3d4e5f60718"), "securityGroupIds", List.of("sg-0a1b2c3d4e5f60718"));

    private static Map<String, Object> msk() {
        Map<String, Object> kafka = new HashMap<>(Map.of("securityMode", "iam", "clusterArn", CLUSTER));
        Map<String, Object> environment = new HashMap<>();
        environment.put("kafka", kafka);
        environment.put("network", NETWORK);
        return environment;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> msk(Consumer<Map<String, Object>> edit) {
        Map<String, Object> environment = msk();
        edit.accept(environment);
        return environment;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> kafka(Map<String, Object> environment) {
        return (Map<String, Object>) environment.get("kafka");
    }

    private static DeploymentSettings parse(Map<String, Object> environment) {
        return DeploymentSettings.fromContext("prod", Map.of("prod", environment));
    }

    @Test
    void defaults() {
        DeploymentSettings settings = parse(msk());
        assertEquals(new KafkaSettings(new KafkaConnection.MskIam(MskClusterArn.parse(CLUSTER), Optional.empty()),
                Optional.empty(), 20_000, 10_000, "logs.", "logwise-ops.state"), settings.kafka());
        assertEquals(new ScheduleSettings(1, 15, 5), settings.schedules());
        assertEquals(new AlarmSettings(10, Optional.empty(), List.of()), settings.alarms());
        assertEquals("dry-run", settings.scalerMode());
        assertEquals(30, settings.logRetentionDays());
        assertEquals(Optional.of(1), settings.function(LogwiseFunction.PARTITION_SCALER).reservedConcurrency());
        assertEquals(Optional.of(1), settings.function(LogwiseFunction.RETENTION_UPDATER).reservedConcurrency());
        assertEquals(Optional.empty(), settings.function(LogwiseFunction.LAG_SCANNER).reservedConcurrency());
        assertEquals(1024, settings.function(LogwiseFunction.LAG_SCANNER).memoryMb());
    }

    @Test
    void aCheckpointSourceMayNameTheTopicsItsQueryReads() {
        DeploymentSettings settings = parse(msk(env -> env.put("checkpointSources", List.of(
                Map.of("name", "ingest", "location", "s3://checkpoints/ingest",
                        "topics", List.of("logs.order-service", "logs.billing")),
                Map.of("name", "audit", "location", "s3://checkpoints/audit")))));
        assertEquals(List.of("logs.order-service", "logs.billing"), settings.checkpointSources().get(0).topics());
        assertEquals(List.of(), settings.checkpointSources().get(1).topics());
    }

    @Test
    void readingCheckpointsOnS3GivesEveryPositionReaderTheScannersMemoryUnlessSetExplicitly() {
        DeploymentSettings withS3 = parse(msk(env -> {
            env.put("checkpointSources", List.of(Map.of("name", "ingest", "location", "s3://checkpoints/ingest")));
            env.put("functions", Map.of("retention-updater", Map.of("memoryMb", 768)));
        }));
        assertTrue(withS3.checkpointSources().stream().anyMatch(source -> source.s3Location().isPresent()));
        assertEquals(1024, withS3.function(LogwiseFunction.PARTITION_SCALER).memoryMb());
        assertEquals(768, withS3.function(LogwiseFunction.RETENTION_UPDATER).memoryMb(), "explicit memory wins");
        assertEquals(512, withS3.function(LogwiseFunction.TOPIC_PROVISIONER).memoryMb());
        DeploymentSettings withoutS3 = parse(msk(env -> env.put("checkpointSources",
                List.of(Map.of("name", "local", "location", "/tmp/checkpoints/local")))));
        assertEquals(512, withoutS3.function(LogwiseFunction.PARTITION_SCALER).memoryMb());
        assertEquals(512, withoutS3.function(LogwiseFunction.RETENTION_UPDATER).memoryMb());
    }

    @Test
    void commandLineStringsAreAcceptedForNumbersAndFlags() {
        DeploymentSettings settings = parse(msk(env -> {
            env.put("schedules", Map.of("scanRateMinutes", "2"));
            env.put("functions", Map.of("lag-scanner", Map.of("memoryMb", "2048", "snapStart", "false",
                    "environment", Map.of("MAX_LAG_PER_PARTITION", 5000, "LOG_LEVEL", "DEBUG"))));
        }));
        assertEquals(2, settings.schedules().scanRateMinutes());
        FunctionSettings scanner = settings.function(LogwiseFunction.LAG_SCANNER);
        assertEquals(2048, scanner.memoryMb());
        assertEquals(false, scanner.snapStart());
        assertEquals(Map.of("MAX_LAG_PER_PARTITION", "5000", "LOG_LEVEL", "DEBUG"), scanner.environment());
    }

    @Test
    void aFunctionsOwnVariablesWinOverTheSharedOnes() {
        DeploymentSettings settings = parse(msk(env -> {
            env.put("environment", Map.of("LOG_LEVEL", "INFO", "KAFKA_CLIENT_ID", "logwise"));
            env.put("functions", Map.of("lag-scanner", Map.of("environment", Map.of("LOG_LEVEL", "DEBUG"))));
        }));
        assertEquals(Map.of("LOG_LEVEL", "INFO", "KAFKA_CLIENT_ID", "logwise"), settings.environment());
        Map<String, String> scanner = FunctionEnvironment.forFunction(
                LogwiseFunction.LAG_SCANNER, settings, "b:9098");
        assertEquals("DEBUG", scanner.get("LOG_LEVEL"));
        assertEquals("logwise", scanner.get("KAFKA_CLIENT_ID"));
        assertEquals("b:9098", scanner.get("KAFKA_BOOTSTRAP_SERVERS"));
    }

    @Test
    void checkpointLocationsSplitIntoBucketAndPrefix() {
        CheckpointSource source = new CheckpointSource("a", "s3://bucket-1/spark/app/");
        assertEquals(Optional.of(new CheckpointSource.S3Location("bucket-1", "spark/app")), source.s3Location());
        assertEquals(Optional.of(new CheckpointSource.S3Location("bucket-1", "")),
                new CheckpointSource("b", "s3://bucket-1").s3Location());
        assertEquals(Optional.empty(), new CheckpointSource("c", "/mnt/checkpoints/app").s3Location());
    }

    @Test
    void mskClusterArnsDeriveTopicAndGroupArns() {
        MskClusterArn cluster = MskClusterArn.parse(CLUSTER);
        assertEquals("arn:aws:kafka:eu-west-1:111122223333:topic/logwise/abcd-1234-5/logs.*",
                cluster.topicsWithPrefix("logs."));
        assertEquals("arn:aws:kafka:eu-west-1:111122223333:topic/logwise/abcd-1234-5/logwise-ops.state",
                cluster.topic("logwise-ops.state"));
        assertEquals("arn:aws:kafka:eu-west-1:111122223333:group/logwise/abcd-1234-5/*", cluster.allGroups());
        assertEquals(CLUSTER, cluster.arn());
    }

    static Stream<Arguments> badSettings() {
        return Stream.of(
                Arguments.of("no security mode", msk(env -> kafka(env).remove("securityMode")),
                        "environments.prod.kafka.securityMode is required"),
                Arguments.of("unknown mode", msk(env -> kafka(env).put("securityMode", "sasl")),
                        "environments.prod.kafka.securityMode must be one of iam, scram, tls, plaintext; got: sasl"),
                Arguments.of("iam without cluster", msk(env -> kafka(env).remove("clusterArn")),
                        "environments.prod.kafka.clusterArn is required"),
                Arguments.of("malformed cluster", msk(env -> kafka(env).put("clusterArn", "arn:aws:kafka:x")),
                        "not an MSK cluster ARN"),
                Arguments.of("secret with iam", msk(env -> kafka(env).put("scramSecretArn", SECRET)),
                        "scramSecretArn contradicts securityMode iam"),
                Arguments.of("cluster with scram", msk(env -> {
                    kafka(env).put("securityMode", "scram");
                    kafka(env).put("bootstrapServers", "b-1:9096");
                    kafka(env).put("scramSecretArn", SECRET);
                }), "clusterArn contradicts securityMode scram: it is only used with securityMode iam"),
                Arguments.of("scram without secret", msk(env -> {
                    kafka(env).remove("clusterArn");
                    kafka(env).put("securityMode", "scram");
                    kafka(env).put("bootstrapServers", "b-1:9096");
                }), "scramSecretArn is required for securityMode scram"),
                Arguments.of("tls without bootstrap", msk(env -> {
                    kafka(env).remove("clusterArn");
                    kafka(env).put("securityMode", "tls");
                }), "bootstrapServers is required unless securityMode is iam"),
                Arguments.of("bad bootstrap", msk(env -> kafka(env).put("bootstrapServers", "broker-without-port")),
                        "bootstrapServers must be host:port"),
                Arguments.of("truststore with plaintext", msk(env -> {
                    kafka(env).remove("clusterArn");
                    kafka(env).put("securityMode", "plaintext");
                    kafka(env).put("bootstrapServers", "localhost:9092");
                    kafka(env).put("truststorePath", "/t.p12");
                }), "truststorePath contradicts securityMode plaintext"),
                Arguments.of("request above api timeout", msk(env -> kafka(env).put("requestTimeoutMs", 30_000)),
                        "requestTimeoutMs (30000) must not exceed apiTimeoutMs (20000)"),
                Arguments.of("api timeout above function timeout", msk(env -> kafka(env).put("apiTimeoutMs", 60_000)),
                        "must be shorter than the timeout of"),
                Arguments.of("state topic inside prefix", msk(env -> kafka(env).put("stateTopic", "logs.state")),
                        "stateTopic 'logs.state' must lie outside the managed prefix 'logs.'"),
                Arguments.of("wildcard prefix", msk(env -> kafka(env).put("managedTopicPrefix", "logs.*")),
                        "must be a literal topic name or prefix"),
                Arguments.of("iam without network", msk(env -> env.remove("network")),
                        "environments.prod.network (subnetIds, securityGroupIds) is required"),
                Arguments.of("no subnets", msk(env -> env.put("network", Map.of("securityGroupIds",
                        List.of("sg-0a1b2c3d4e5f60718")))), "network.subnetIds needs at least one id"),
                Arguments.of("bad subnet", msk(env -> env.put("network", Map.of("subnetIds", List.of("subnet-x"),
                        "securityGroupIds", List.of("sg-0a1b2c3d4e5f60718")))), "malformed id: subnet-x"),
                Arguments.of("region differs from cluster", msk(env -> env.put("region", "us-east-1")),
                        "region us-east-1 differs from the region of kafka.clusterArn eu-west-1"),
                Arguments.of("account differs from cluster", msk(env -> env.put("account", "999999999999")),
                        "account 999999999999 differs from the account of kafka.clusterArn 111122223333"),
                Arguments.of("scaler mode", msk(env -> env.put("scalerMode", "yes")),
                        "scalerMode must be off, dry-run or on; got: yes"),
                Arguments.of("retention days", msk(env -> env.put("logRetentionDays", 10)),
                        "logRetentionDays must be one of"),
                Arguments.of("stale alarm within one scan", msk(env -> {
                    env.put("schedules", Map.of("scanRateMinutes", 5));
                    env.put("alarms", Map.of("staleScanMinutes", 5));
                }), "alarms.staleScanMinutes (5) must exceed schedules.scanRateMinutes (5)"),
                Arguments.of("unknown function", msk(env -> env.put("functions", Map.of("lag-scaner", Map.of()))),
                        "functions.lag-scaner is not a function"),
                Arguments.of("derived variable in free map", msk(env -> env.put("functions", Map.of("partition-scaler",
                        Map.of("environment", Map.of("SCALER_MODE", "on"))))),
                        "functions.partition-scaler.environment.SCALER_MODE is set by the stack"),
                Arguments.of("derived variable in shared map", msk(env -> env.put("environment",
                        Map.of("KAFKA_BOOTSTRAP_SERVERS", "x:1"))),
                        "environments.prod.environment.KAFKA_BOOTSTRAP_SERVERS is set by the stack"),
                Arguments.of("environment dimension in shared map", msk(env -> env.put("environment",
                        Map.of("LOGWISE_ENVIRONMENT", "prod"))),
                        "environments.prod.environment.LOGWISE_ENVIRONMENT is set by the stack"),
                Arguments.of("typo in a key", msk(env -> env.put("schedule", Map.of())),
                        "environments.prod has unknown keys [schedule]"),
                Arguments.of("typo in a function key", msk(env -> env.put("functions", Map.of("lag-scanner",
                        Map.of("memory", 512)))), "functions.lag-scanner has unknown keys [memory]"),
                Arguments.of("memory not a number", msk(env -> env.put("functions", Map.of("lag-scanner",
                        Map.of("memoryMb", "lots")))), "memoryMb must be a whole number, got: lots"),
                Arguments.of("reserved concurrency zero", msk(env -> env.put("functions", Map.of("lag-scanner",
                        Map.of("reservedConcurrency", 0)))), "reservedConcurrency must be between 1 and 1000"),
                Arguments.of("s3 checkpoint malformed", msk(env -> env.put("checkpointSources",
                        List.of(Map.of("name", "a", "location", "s3:/bucket")))), "is not s3://bucket[/prefix]"),
                Arguments.of("checkpoint name twice", msk(env -> env.put("checkpointSources", List.of(
                        Map.of("name", "a", "location", "s3://bucket/x"),
                        Map.of("name", "a", "location", "s3://bucket/y")))), "'a' is used twice"),
                Arguments.of("alarm topic malformed", msk(env -> env.put("alarms", Map.of("topicArn", "oncall"))),
                        "alarms.topicArn is not an SNS topic ARN"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSettings")
    void badSettingsFailWithTheKeyAndTheReason(String name, Map<String, Object> environment, String message) {
        SettingsException error = assertThrows(SettingsException.class, () -> parse(environment));
        assertTrue(error.getMessage().contains(message), () -> "'" + error.getMessage() + "' lacks '" + message + "'");
    }

    @Test
    void environmentNamesAreShortAndSafeForResourceNames() {
        SettingsException error = assertThrows(SettingsException.class,
                () -> DeploymentSettings.fromContext("Prod_1", Map.of("Prod_1", msk())));
        assertTrue(error.getMessage().startsWith("environment name 'Prod_1' must be lower-case"), error.getMessage());
    }
}
