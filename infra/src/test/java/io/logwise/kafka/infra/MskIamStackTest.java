package io.logwise.kafka.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.infra.TemplateFacts.Statement;
import io.logwise.kafka.infra.settings.LogwiseFunction;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.assertions.Match;

/** The MSK IAM example environment of cdk.json: functions, bootstrap lookup and least-privilege Kafka access. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MskIamStackTest {

    private static final String CLUSTER = "arn:aws:kafka:eu-west-1:111122223333:cluster/logwise-prod/"
            + "5a1c2e3f-8b9d-4e6f-a0b1-c2d3e4f5a6b7-3";
    private static final String TOPICS = CLUSTER.replace(":cluster/", ":topic/") + "/logs.*";
    private static final String STATE_TOPIC = CLUSTER.replace(":cluster/", ":topic/") + "/logwise-ops.state";
    private static final String GROUPS = CLUSTER.replace(":cluster/", ":group/") + "/*";
    private static final List<String> STATE_TOPIC_ACTIONS = List.of("kafka-cluster:CreateTopic",
            "kafka-cluster:DescribeTopic", "kafka-cluster:DescribeTopicDynamicConfiguration", "kafka-cluster:ReadData",
            "kafka-cluster:WriteData");

    private TemplateFacts facts;

    @BeforeAll
    void synthesize() {
        facts = TemplateFacts.of(TestApps.stack("msk-iam-example"));
    }

    @ParameterizedTest
    @EnumSource(LogwiseFunction.class)
    void eachFunctionRunsItsHandlerOnTheNewestJavaRuntimeOnArm64WithSnapStart(LogwiseFunction function) {
        facts.template().hasResource("AWS::Lambda::Function", Map.of(
                "Properties", Match.objectLike(Map.of(
                        "FunctionName", "logwise-kafka-msk-iam-example-" + function.functionName(),
                        "Handler", function.handler(),
                        "Runtime", "java25",
                        "Architectures", List.of("arm64"),
                        // The example reads Spark checkpoints on S3: every function reading positions gets 1,024 MB.
                        "MemorySize", function.readsConsumerPositions() ? 1024 : function.defaults().memoryMb(),
                        "Timeout", function.defaults().timeoutSeconds(),
                        "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
                        "VpcConfig", Map.of(
                                "SubnetIds", List.of("subnet-0a1b2c3d4e5f60718", "subnet-1b2c3d4e5f6071829"),
                                "SecurityGroupIds", List.of("sg-0a1b2c3d4e5f60718"))))));
        assertEquals("java25", facts.function(function).get("Runtime"));
    }

    @Test
    void fourKafkaFunctionsAndTheDeployTimeLookupProvider() {
        Set<String> handlers = Set.copyOf(facts.ofType("AWS::Lambda::Function").values().stream()
                .map(f -> (String) f.get("Handler")).toList());
        assertEquals(Set.of(
                "io.logwise.kafka.handler.TopicProvisionerHandler::handleRequest",
                "io.logwise.kafka.handler.LagScannerHandler::handleRequest",
                "io.logwise.kafka.handler.PartitionScalerHandler::handleRequest",
                "io.logwise.kafka.handler.RetentionUpdaterHandler::handleRequest",
                "index.handler"), handlers);
    }

    @Test
    void onlyTheScalerAndTheRetentionUpdaterAreSerialised() {
        assertEquals(1, facts.function(LogwiseFunction.PARTITION_SCALER).get("ReservedConcurrentExecutions"));
        assertEquals(1, facts.function(LogwiseFunction.RETENTION_UPDATER).get("ReservedConcurrentExecutions"));
        assertFalse(facts.function(LogwiseFunction.LAG_SCANNER).containsKey("ReservedConcurrentExecutions"));
        assertFalse(facts.function(LogwiseFunction.TOPIC_PROVISIONER).containsKey("ReservedConcurrentExecutions"));
    }

    @ParameterizedTest
    @EnumSource(LogwiseFunction.class)
    void everyFunctionGetsTheLookedUpBootstrapStringAndTheSharedConnectionSettings(LogwiseFunction function) {
        Map<String, String> environment = facts.environment(function);
        String lookup = facts.ofType("Custom::AWS").keySet().iterator().next();
        assertEquals("<" + lookup + ".BootstrapBrokerStringSaslIam>", environment.get("KAFKA_BOOTSTRAP_SERVERS"));
        assertEquals("iam", environment.get("KAFKA_SECURITY_MODE"));
        assertEquals("logs.", environment.get("MANAGED_TOPIC_PREFIX"));
        assertEquals("logwise-ops.state", environment.get("STATE_TOPIC"));
        assertEquals("msk-iam-example", environment.get("LOGWISE_ENVIRONMENT"), "the EMF Environment dimension");
        assertEquals("20000", environment.get("KAFKA_API_TIMEOUT_MS"));
        assertEquals("10000", environment.get("KAFKA_REQUEST_TIMEOUT_MS"));
        assertFalse(environment.containsKey("KAFKA_SCRAM_SECRET_ARN"));
        assertEquals(function == LogwiseFunction.PARTITION_SCALER, environment.containsKey("SCALER_MODE"));
        assertEquals(function.readsConsumerPositions(), environment.containsKey("SPARK_CHECKPOINT_SOURCES"));
        assertEquals(function.readsConsumerPositions(), environment.containsKey("MAX_LAG_PER_PARTITION"));
        assertEquals("INFO", environment.get("LOG_LEVEL"), "shared free variables reach every function");
    }

    @Test
    void scannerAndScalerSettingsComeFromTheContext() {
        assertEquals("[{\"name\":\"ingest-stream\",\"location\":\"s3://logwise-spark-checkpoints/ingest-stream\"}]",
                facts.environment(LogwiseFunction.LAG_SCANNER).get("SPARK_CHECKPOINT_SOURCES"));
        assertEquals("100000", facts.environment(LogwiseFunction.LAG_SCANNER).get("MAX_LAG_PER_PARTITION"));
        // The scaler measures again the lag a scan claims, and the retention updater reads the same positions: both
        // judge by the scanner's threshold and read the same checkpoint sources.
        for (LogwiseFunction reader : List.of(LogwiseFunction.PARTITION_SCALER, LogwiseFunction.RETENTION_UPDATER)) {
            assertEquals("100000", facts.environment(reader).get("MAX_LAG_PER_PARTITION"), reader.toString());
            assertEquals(facts.environment(LogwiseFunction.LAG_SCANNER).get("SPARK_CHECKPOINT_SOURCES"),
                    facts.environment(reader).get("SPARK_CHECKPOINT_SOURCES"), reader.toString());
        }
        assertEquals("dry-run", facts.environment(LogwiseFunction.PARTITION_SCALER).get("SCALER_MODE"));
    }

    @Test
    void theTopicsACheckpointSourceNamesReachEveryFunctionThatReadsPositions() {
        TemplateFacts withTopics = TemplateFacts.of(TestApps.stack("msk-iam-example", TestApps.edited(
                "msk-iam-example", env -> env.put("checkpointSources", List.of(Map.of("name", "ingest-stream",
                        "location", "s3://logwise-spark-checkpoints/ingest-stream",
                        "topics", List.of("logs.order-service")))))));
        for (LogwiseFunction reader : List.of(LogwiseFunction.LAG_SCANNER, LogwiseFunction.PARTITION_SCALER,
                LogwiseFunction.RETENTION_UPDATER)) {
            assertEquals("[{\"name\":\"ingest-stream\",\"location\":\"s3://logwise-spark-checkpoints/ingest-stream\","
                    + "\"topics\":[\"logs.order-service\"]}]",
                    withTopics.environment(reader).get("SPARK_CHECKPOINT_SOURCES"), reader.toString());
        }
    }

    @Test
    void bootstrapBrokersAreLookedUpFromThisClusterOnly() {
        Map<String, Object> lookup = facts.ofType("Custom::AWS").values().iterator().next();
        String create = (String) lookup.get("Create");
        assertTrue(create.contains("\"action\":\"getBootstrapBrokers\"") && create.contains("\"service\":\"Kafka\"")
                && create.contains("\"ClusterArn\":\"" + CLUSTER + "\""), create);
        assertEquals(false, lookup.get("InstallLatestAwsSdk"));
        facts.template().hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of(
                "Statement", List.of(Map.of(
                        "Action", "kafka:GetBootstrapBrokers", "Effect", "Allow", "Resource", CLUSTER)),
                "Version", "2012-10-17")));
    }

    @Test
    void aGivenBootstrapStringNeedsNoLookup() {
        TemplateFacts given = TemplateFacts.of(TestApps.stack("msk-iam-example", TestApps.edited("msk-iam-example",
                env -> kafka(env).put("bootstrapServers", "b-1.msk.example:9098,b-2.msk.example:9098"))));
        given.template().resourceCountIs("Custom::AWS", 0);
        assertEquals("b-1.msk.example:9098,b-2.msk.example:9098",
                given.environment(LogwiseFunction.TOPIC_PROVISIONER).get("KAFKA_BOOTSTRAP_SERVERS"));
    }

    static Stream<Arguments> kafkaAccess() {
        return Stream.of(
                Arguments.of(LogwiseFunction.TOPIC_PROVISIONER, List.of("kafka-cluster:CreateTopic",
                        "kafka-cluster:DescribeTopic", "kafka-cluster:AlterTopic",
                        "kafka-cluster:DescribeTopicDynamicConfiguration",
                        "kafka-cluster:AlterTopicDynamicConfiguration"), false),
                Arguments.of(LogwiseFunction.LAG_SCANNER, List.of("kafka-cluster:DescribeTopic",
                        "kafka-cluster:DescribeTopicDynamicConfiguration"), true),
                Arguments.of(LogwiseFunction.PARTITION_SCALER, List.of("kafka-cluster:DescribeTopic",
                        "kafka-cluster:DescribeTopicDynamicConfiguration", "kafka-cluster:AlterTopic"), true),
                Arguments.of(LogwiseFunction.RETENTION_UPDATER, List.of("kafka-cluster:DescribeTopic",
                        "kafka-cluster:DescribeTopicDynamicConfiguration",
                        "kafka-cluster:AlterTopicDynamicConfiguration", "kafka-cluster:ReadData"), true));
    }

    @ParameterizedTest
    @MethodSource("kafkaAccess")
    void eachFunctionGetsOnlyTheKafkaActionsItsJobNeeds(
            LogwiseFunction function, List<String> managedTopicActions, boolean describesGroups) {
        Map<String, Statement> statements = facts.statementsBySid(function);
        assertEquals(new Statement("KafkaCluster", List.of("kafka-cluster:Connect", "kafka-cluster:DescribeCluster",
                "kafka-cluster:WriteDataIdempotently"), List.of(CLUSTER), null), statements.get("KafkaCluster"));
        assertEquals(
                new Statement("ManagedTopics", managedTopicActions.stream().sorted().toList(), List.of(TOPICS), null),
                statements.get("ManagedTopics"));
        assertEquals(new Statement("StateTopic", STATE_TOPIC_ACTIONS, List.of(STATE_TOPIC), null),
                statements.get("StateTopic"));
        assertEquals(describesGroups ? new Statement("ConsumerGroups", List.of("kafka-cluster:DescribeGroup"),
                List.of(GROUPS), null) : null, statements.get("ConsumerGroups"));
    }

    @ParameterizedTest
    @EnumSource(LogwiseFunction.class)
    void noWildcardActionAndNoWildcardResourceBeyondTheReasonedOnes(LogwiseFunction function) {
        for (Statement statement : facts.statements(function)) {
            statement.actions().forEach(action -> assertFalse(action.contains("*"), statement::toString));
            statement.resources().stream().filter(r -> r.contains("*")).forEach(resource -> assertTrue(
                    Set.of("ManagedTopics", "ConsumerGroups", "VpcNetworkInterfaces", "CheckpointRead0")
                            .contains(statement.sid()), () -> "wildcard resource in " + statement));
        }
        assertTrue(facts.statements(function).stream().noneMatch(s -> s.resources().contains("*")
                && !"VpcNetworkInterfaces".equals(s.sid())), "only the ENI actions use Resource *");
    }

    @Test
    void theFunctionsThatReadPositionsReadTheCheckpointBucketOnlyBelowItsPrefixAndTheProvisionerNot() {
        for (LogwiseFunction reader : List.of(LogwiseFunction.LAG_SCANNER, LogwiseFunction.PARTITION_SCALER,
                LogwiseFunction.RETENTION_UPDATER)) {
            Map<String, Statement> statements = facts.statementsBySid(reader);
            assertEquals(new Statement("CheckpointList0", List.of("s3:ListBucket"),
                    List.of("arn:aws:s3:::logwise-spark-checkpoints"),
                    Map.of("StringLike", Map.of("s3:prefix", List.of("ingest-stream", "ingest-stream/*")))),
                    statements.get("CheckpointList0"), reader.toString());
            assertEquals(new Statement("CheckpointRead0", List.of("s3:GetObject"),
                    List.of("arn:aws:s3:::logwise-spark-checkpoints/ingest-stream/*"), null),
                    statements.get("CheckpointRead0"), reader.toString());
        }
        assertTrue(facts.statements(LogwiseFunction.TOPIC_PROVISIONER).stream().flatMap(s -> s.actions().stream())
                .noneMatch(action -> action.startsWith("s3:")));
    }

    @ParameterizedTest
    @EnumSource(LogwiseFunction.class)
    void besidesKafkaEachRoleWritesOnlyItsOwnLogsQueueAndTheScannerItsResults(LogwiseFunction function) {
        List<Statement> unnamed = facts.statements(function).stream().filter(s -> s.sid() == null).toList();
        String logGroup = facts.flatten(((Map<?, ?>) facts.function(function).get("LoggingConfig")).get("LogGroup"));
        String queue = facts.failedEventsQueueId(function);
        Set<List<String>> expected = new java.util.HashSet<>(Set.of(
                List.of("logs:CreateLogStream", "logs:PutLogEvents", logGroup.replace(">", ".Arn>")),
                List.of("sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:SendMessage", "<" + queue + ".Arn>")));
        if (function == LogwiseFunction.LAG_SCANNER) {
            String bus = facts.ofType("AWS::Events::EventBus").keySet().iterator().next();
            expected.add(List.of("events:PutEvents", "<" + bus + ".Arn>"));
        }
        Set<List<String>> actual = new java.util.HashSet<>();
        for (Statement statement : unnamed) {
            List<String> actionsAndResources = new java.util.ArrayList<>(statement.actions());
            actionsAndResources.addAll(statement.resources());
            actual.add(actionsAndResources);
        }
        assertEquals(expected, actual);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> kafka(Map<String, Object> environment) {
        return (Map<String, Object>) environment.get("kafka");
    }
}
