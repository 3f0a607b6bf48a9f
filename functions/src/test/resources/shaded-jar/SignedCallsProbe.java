import io.logwise.kafka.checkpoint.CheckpointSourcesSettings;
import io.logwise.kafka.checkpoint.SparkCheckpointReader;
import io.logwise.kafka.client.KafkaClients;
import java.util.Map;
import java.util.Properties;

/**
 * Run by ShadedJarIamIT in a child JVM whose class path is the deployment jar alone: the functions' two kinds of AWS
 * call, made from the jar exactly as in Lambda (default credentials chain, endpoints from the environment) against
 * the test's local server. Resolves SCRAM credentials from Secrets Manager through KafkaClients, and reads a Spark
 * checkpoint on S3 through SparkCheckpointReader.
 */
public class SignedCallsProbe {

    public static void main(String[] args) throws Exception {
        String endpoint = args[0];
        String secretArn = args[1];
        Properties props = KafkaClients.factoryFor(Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1",
                "KAFKA_SECURITY_MODE", "scram", "KAFKA_SCRAM_SECRET_ARN", secretArn)).adminProperties();
        System.out.println("scram user from Secrets Manager: "
                + props.getProperty("sasl.jaas.config").replaceAll(".*username=\"([^\"]*)\".*", "$1"));

        CheckpointSourcesSettings settings = CheckpointSourcesSettings.fromEnv(Map.of(
                "SPARK_CHECKPOINT_SOURCES", "[{\"name\":\"spark-probe\",\"location\":\"s3://ckpt/jobs/probe\"}]",
                "S3_ENDPOINT_URL", endpoint, "S3_FORCE_PATH_STYLE", "true", "AWS_REGION", "eu-west-1"));
        try (SparkCheckpointReader reader = SparkCheckpointReader.create(settings)) {
            System.out.println("checkpoint from S3: " + reader.readAll(settings.sources()).get(0));
        }
    }
}
