import io.logwise.kafka.client.KafkaClients;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarFile;
import javax.security.auth.Subject;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.sasl.Sasl;
import javax.security.sasl.SaslClient;
import org.apache.kafka.clients.admin.Admin;
import software.amazon.msk.auth.iam.IAMClientCallbackHandler;
import software.amazon.msk.auth.iam.IAMLoginModule;

/**
 * Run by ShadedJarIamIT in a child JVM whose class path is the deployment jar alone (java's source-file mode):
 * builds the IAM client config through the project's factory, creates an Admin from it (Kafka instantiates the login
 * module and the callback handler), loads every MSK IAM internal class and the AWS SDK credential providers, checks
 * that the classes left out of the jar are absent, and signs an AWS_MSK_IAM authentication payload with the
 * credentials the default chain finds (environment variables, or the container endpoint as with Lambda SnapStart).
 * Prints the payload last.
 */
public class IamProbe {

    private static final List<String> SDK_CLASSES = List.of(
            "software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider",
            "software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider",
            "software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider",
            "software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider",
            "software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider",
            "software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider",
            "software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider",
            "software.amazon.awssdk.regions.PartitionMetadata");

    /** Left out of the deployment jar (functions/pom.xml): MSK IAM must work without them. */
    private static final List<String> ABSENT_CLASSES = List.of(
            "software.amazon.awssdk.services.sts.StsClient",
            "software.amazon.awssdk.services.sts.model.AssumeRoleRequest",
            "software.amazon.awssdk.awscore.client.builder.AwsClientBuilder",
            "software.amazon.awssdk.services.s3.S3Client",
            "software.amazon.awssdk.services.secretsmanager.SecretsManagerClient",
            "software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient",
            "org.apache.kafka.common.message.MetadataRequestDataJsonConverter");

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String brokerHost = args[1];
        Properties props = KafkaClients.factoryFor(Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                "KAFKA_SECURITY_MODE", "iam")).adminProperties();
        String jaas = props.getProperty("sasl.jaas.config");
        String loginModule = jaas.substring(0, jaas.indexOf(' '));
        Class.forName(loginModule);
        Class.forName(props.getProperty("sasl.client.callback.handler.class"));
        try (Admin admin = Admin.create(props)) {
            System.out.println("admin created: " + admin.getClass().getName());
        }

        int loaded = 0;
        String jar = System.getProperty("java.class.path");
        if (jar.contains(File.pathSeparator)) {
            throw new IllegalStateException("expected the deployment jar alone on the class path: " + jar);
        }
        try (JarFile file = new JarFile(jar)) {
            List<String> names = new ArrayList<>();
            Collections.list(file.entries()).forEach(entry -> names.add(entry.getName()));
            for (String name : names) {
                if (name.startsWith("software/amazon/msk/auth/iam/") && name.endsWith(".class")) {
                    Class.forName(name.replace('/', '.').replace(".class", ""), false, IamProbe.class.getClassLoader());
                    loaded++;
                }
            }
        }
        for (String name : SDK_CLASSES) {
            Class.forName(name);
            loaded++;
        }
        System.out.println("classes loaded: " + loaded);
        for (String name : ABSENT_CLASSES) {
            try {
                Class.forName(name, false, IamProbe.class.getClassLoader());
                throw new IllegalStateException(name + " is in the deployment jar");
            } catch (ClassNotFoundException expected) {
                System.out.println("absent: " + name);
            }
        }

        new IAMLoginModule().initialize(new Subject(), null, Map.of(), Map.of());
        IAMClientCallbackHandler handler = new IAMClientCallbackHandler();
        handler.configure(Map.of(), "AWS_MSK_IAM", List.of(new AppConfigurationEntry(loginModule,
                AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, Map.of())));
        SaslClient client = Sasl.createSaslClient(new String[] {"AWS_MSK_IAM"}, null, "kafka",
                brokerHost, Map.of(), handler);
        System.out.println("sasl client: " + client.getClass().getName());
        byte[] payload = client.evaluateChallenge(new byte[0]);
        System.out.println(new String(payload, StandardCharsets.UTF_8));
    }
}
