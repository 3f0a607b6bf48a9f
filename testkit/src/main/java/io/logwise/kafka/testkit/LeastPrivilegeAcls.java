package io.logwise.kafka.testkit;

import static io.logwise.kafka.testkit.SecureKafka.allow;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The Kafka ACLs that docs/configuration.md gives the functions' SCRAM principal, for a {@link SecureKafka} broker:
 * LeastPrivilegeIT proves the functions work with exactly these, SecretLeakIT (tools/) runs them under these.
 */
public final class LeastPrivilegeAcls {

    public static final String USER = "logwise";
    public static final String PRINCIPAL = "User:" + USER;

    private LeastPrivilegeAcls() {
    }

    /**
     * The whole grant of the functions' principal. Kafka implies DESCRIBE from READ/WRITE/ALTER and DESCRIBE_CONFIGS
     * from ALTER_CONFIGS; they are listed anyway, as MSK IAM lists them.
     */
    public static List<AclBinding> minimal(String stateTopic) {
        List<AclBinding> acls = new ArrayList<>();
        for (AclOperation operation : List.of(AclOperation.DESCRIBE, AclOperation.CREATE, AclOperation.ALTER,
                AclOperation.DESCRIBE_CONFIGS, AclOperation.ALTER_CONFIGS, AclOperation.READ)) {
            acls.add(allow(PRINCIPAL, ResourceType.TOPIC, "logs.", PatternType.PREFIXED, operation));
        }
        for (AclOperation operation : List.of(AclOperation.DESCRIBE, AclOperation.CREATE,
                AclOperation.DESCRIBE_CONFIGS, AclOperation.READ, AclOperation.WRITE)) {
            acls.add(allow(PRINCIPAL, ResourceType.TOPIC, stateTopic, PatternType.LITERAL, operation));
        }
        acls.add(allow(PRINCIPAL, ResourceType.GROUP, "*", PatternType.LITERAL, AclOperation.DESCRIBE));
        acls.add(allow(PRINCIPAL, ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL, AclOperation.DESCRIBE));
        return acls;
    }
}
