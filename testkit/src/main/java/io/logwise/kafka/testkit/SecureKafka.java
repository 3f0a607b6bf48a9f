package io.logwise.kafka.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;

/**
 * A private single-node broker with ACLs enforced (StandardAuthorizer) and a SASL_SSL listener taking SCRAM-SHA-512,
 * as Amazon MSK offers it. The PLAINTEXT listener (and the controller) authenticate as User:ANONYMOUS, a super user:
 * the test's own setup and oracle channel. Functions under test connect to {@link #SCRAM_LISTENER} only.
 */
public final class SecureKafka implements AutoCloseable {

    public static final String SCRAM_LISTENER = "SASL_SSL";
    private static final String STORE_PASSWORD = "logwise-test-store";

    private final LocalKafkaCluster cluster;
    private final Path truststore;
    private final Admin superAdmin;

    private SecureKafka(LocalKafkaCluster cluster, Path truststore) {
        this.cluster = cluster;
        this.truststore = truststore;
        this.superAdmin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
    }

    /** Makes a certificate for 127.0.0.1 in {@code dir} and starts the broker (about 3 s after the format). */
    public static SecureKafka start(Path dir) {
        BrokerCertificate certificate = BrokerCertificate.make(dir, STORE_PASSWORD);
        // Fresh ports on each attempt: another process on a busy machine may take a port before the broker binds it.
        LocalKafkaCluster cluster = LocalKafkaCluster.startWithFreshPorts(() -> certificate.scramOverTls(
                LocalKafkaCluster.builder()
                .listener(SCRAM_LISTENER, "SASL_SSL")
                .property("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                // The controller and the PLAINTEXT setup listener have no authentication: ANONYMOUS must be super.
                .property("super.users", "User:ANONYMOUS")
                .property("allow.everyone.if.no.acl.found", "false")), 3);
        return new SecureKafka(cluster, certificate.truststore());
    }

    public LocalKafkaCluster cluster() {
        return cluster;
    }

    /** A super-user Admin over the PLAINTEXT listener: setup and oracle, never the code under test. */
    public Admin superAdmin() {
        return superAdmin;
    }

    public String scramBootstrapServers() {
        return cluster.bootstrapServers(SCRAM_LISTENER);
    }

    /** Adds the user and returns once the broker knows it (it applies the controller's record a moment later). */
    public void addScramUser(String name, String password) {
        await(superAdmin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(name,
                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password))).all());
        awaitBroker("SCRAM user " + name, () -> superAdmin.describeUserScramCredentials().all()
                .get(30, TimeUnit.SECONDS).containsKey(name));
    }

    /** The connection variables of a function in scram mode, minus the credential source. */
    public Map<String, String> scramConnection() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", scramBootstrapServers());
        env.put("KAFKA_SECURITY_MODE", "scram");
        env.put("KAFKA_TRUSTSTORE_PATH", truststore.toString());
        env.put("KAFKA_TRUSTSTORE_PASSWORD", STORE_PASSWORD);
        return env;
    }

    public String truststorePassword() {
        return STORE_PASSWORD;
    }

    public static AclBinding allow(String principal, ResourceType type, String name, PatternType pattern,
                                   AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }

    /** Creates the bindings and returns once the broker's authorizer enforces them. */
    public void createAcls(Collection<AclBinding> bindings) {
        await(superAdmin.createAcls(bindings).all());
        awaitBroker("ACLs " + bindings + " in force", () -> allAcls().containsAll(bindings));
    }

    /**
     * Deletes exactly these bindings and returns, once the broker's authorizer no longer has them, how many the
     * broker removed.
     */
    public int deleteAcls(Collection<AclBinding> bindings) {
        List<AclBindingFilter> filters = new ArrayList<>();
        bindings.forEach(binding -> filters.add(new AclBindingFilter(binding.pattern().toFilter(),
                new AccessControlEntryFilter(binding.entry().principal(), binding.entry().host(),
                        binding.entry().operation(), binding.entry().permissionType()))));
        int removed = await(superAdmin.deleteAcls(filters).all()).size();
        awaitBroker("ACLs " + bindings + " gone", () -> allAcls().stream().noneMatch(bindings::contains));
        return removed;
    }

    private Collection<AclBinding> allAcls() throws Exception {
        return superAdmin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS);
    }

    /**
     * The controller commits a change before the broker applies it: an ACL or a user reported done may not be in
     * force yet on the broker that authorizes the next request. Single node: describe answers from that broker.
     */
    private static void awaitBroker(String what, Eventually.Read<Boolean> applied) {
        try {
            if (!Eventually.await(applied, Boolean.TRUE::equals)) {
                throw new IllegalStateException(what + ": not applied by the broker within " + Eventually.PATIENCE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException(what, e);
        }
    }

    /** The bindings of one principal as the broker holds them. */
    public Collection<AclBinding> aclsOf(String principal) {
        return await(superAdmin.describeAcls(new AclBindingFilter(
                ResourcePatternFilter.ANY,
                new AccessControlEntryFilter(principal, null, AclOperation.ANY, AclPermissionType.ANY))).values());
    }

    @Override
    public void close() {
        superAdmin.close();
        cluster.close();
    }

    private static <T> T await(KafkaFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }
}
