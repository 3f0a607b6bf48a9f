package io.logwise.kafka.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.infra.TemplateFacts.Statement;
import io.logwise.kafka.infra.access.VpcAccessPermissions;
import io.logwise.kafka.infra.settings.LogwiseFunction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awscdk.Token;

/** The SCRAM and plaintext example environments of cdk.json, and TLS: what changes with the connection mode. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionModesTest {

    private static final String SECRET =
            "arn:aws:secretsmanager:eu-west-1:111122223333:secret:AmazonMSK_logwise-Ab12Cd";
    private static final String KEY = "arn:aws:kms:eu-west-1:111122223333:key/0c1d2e3f-4a5b-6c7d-8e9f-0a1b2c3d4e5f";
    private static final String SCRAM_BROKERS = "b-1.logwise.kafka.eu-west-1.amazonaws.com:9096,"
            + "b-2.logwise.kafka.eu-west-1.amazonaws.com:9096";

    private TemplateFacts scram;
    private TemplateFacts plaintext;

    @BeforeAll
    void synthesize() {
        scram = TemplateFacts.of(TestApps.stack("scram-example"));
        plaintext = TemplateFacts.of(TestApps.stack("local"));
    }

    @Test
    void scramFunctionsGetTheSecretArnAndTheGivenBootstrapString() {
        for (LogwiseFunction function : LogwiseFunction.values()) {
            Map<String, String> environment = scram.environment(function);
            assertEquals("scram", environment.get("KAFKA_SECURITY_MODE"));
            assertEquals(SECRET, environment.get("KAFKA_SCRAM_SECRET_ARN"));
            assertEquals(SCRAM_BROKERS, environment.get("KAFKA_BOOTSTRAP_SERVERS"));
        }
        scram.template().resourceCountIs("Custom::AWS", 0);
    }

    @Test
    void scramFunctionsReadOnlyTheirSecretAndDecryptOnlyThroughSecretsManager() {
        for (LogwiseFunction function : LogwiseFunction.values()) {
            Map<String, Statement> statements = scram.statementsBySid(function);
            assertEquals(List.of("ScramSecret", "ScramSecretKey", "VpcNetworkInterfaces"),
                    statements.keySet().stream().toList(), function::toString);
            assertEquals(new Statement("ScramSecret", List.of("secretsmanager:GetSecretValue"), List.of(SECRET), null),
                    statements.get("ScramSecret"));
            assertEquals(new Statement("ScramSecretKey", List.of("kms:Decrypt"), List.of(KEY),
                    Map.of("StringEquals", Map.of("kms:ViaService", "secretsmanager.eu-west-1.amazonaws.com"))),
                    statements.get("ScramSecretKey"));
            assertNoKafkaClusterActions(scram, function);
        }
    }

    @Test
    void withoutACustomerManagedKeyThereIsNoKmsStatement() {
        TemplateFacts noKey = TemplateFacts.of(TestApps.stack("scram-example", TestApps.edited("scram-example",
                env -> MskIamStackTest.kafka(env).remove("scramSecretKmsKeyArn"))));
        assertTrue(noKey.statements(LogwiseFunction.LAG_SCANNER).stream()
                .flatMap(s -> s.actions().stream()).noneMatch(a -> a.startsWith("kms:")));
    }

    @Test
    void scramFunctionsRunInTheGivenSubnetsWithTheEniPermissions() {
        for (LogwiseFunction function : LogwiseFunction.values()) {
            assertEquals(Map.of("SubnetIds", List.of("subnet-0a1b2c3d4e5f60718", "subnet-1b2c3d4e5f6071829"),
                    "SecurityGroupIds", List.of("sg-0a1b2c3d4e5f60718")), scram.function(function).get("VpcConfig"));
            assertEquals(new Statement("VpcNetworkInterfaces", VpcAccessPermissions.ACTIONS, List.of("*"), null),
                    scram.statementsBySid(function).get("VpcNetworkInterfaces"));
        }
    }

    @Test
    void tlsPassesTheTruststoreAndNeedsNoSecret() {
        TemplateFacts tls = TemplateFacts.of(TestApps.stack("scram-example", TestApps.edited("scram-example", env -> {
            Map<String, Object> kafka = MskIamStackTest.kafka(env);
            kafka.put("securityMode", "tls");
            kafka.put("bootstrapServers", "kafka-1.internal:9093");
            kafka.put("truststorePath", "/var/task/truststore.p12");
            kafka.remove("scramSecretArn");
            kafka.remove("scramSecretKmsKeyArn");
        })));
        Map<String, String> environment = tls.environment(LogwiseFunction.RETENTION_UPDATER);
        assertEquals("tls", environment.get("KAFKA_SECURITY_MODE"));
        assertEquals("/var/task/truststore.p12", environment.get("KAFKA_TRUSTSTORE_PATH"));
        assertFalse(environment.containsKey("KAFKA_SCRAM_SECRET_ARN"));
        assertEquals(List.of("VpcNetworkInterfaces"),
                tls.statementsBySid(LogwiseFunction.RETENTION_UPDATER).keySet().stream().toList());
    }

    @Test
    void plaintextForLocalUseHasNoVpcNoSecretAndNoKafkaPermissions() {
        for (LogwiseFunction function : LogwiseFunction.values()) {
            Map<String, Object> properties = plaintext.function(function);
            assertNull(properties.get("VpcConfig"));
            assertEquals("plaintext", plaintext.environment(function).get("KAFKA_SECURITY_MODE"));
            assertEquals("127.0.0.1:9092", plaintext.environment(function).get("KAFKA_BOOTSTRAP_SERVERS"));
            assertEquals(Map.of(), plaintext.statementsBySid(function), "only logs, queue and bus grants");
            assertNoKafkaClusterActions(plaintext, function);
        }
        plaintext.template().hasResourceProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 7));
    }

    @Test
    void withoutAccountAndRegionTheStackIsEnvironmentAgnostic() {
        assertEquals("LogwiseKafka-local", TestApps.stack("local").getStackName());
        assertTrue(Token.isUnresolved(TestApps.stack("local").getAccount()));
        assertEquals("111122223333", TestApps.stack("scram-example").getAccount());
        assertEquals("eu-west-1", TestApps.stack("scram-example").getRegion());
    }

    private static void assertNoKafkaClusterActions(TemplateFacts facts, LogwiseFunction function) {
        assertTrue(facts.statements(function).stream().flatMap(s -> s.actions().stream())
                .noneMatch(action -> action.startsWith("kafka")), function::toString);
    }
}
