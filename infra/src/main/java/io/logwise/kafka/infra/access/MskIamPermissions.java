package io.logwise.kafka.infra.access;

import io.logwise.kafka.infra.settings.LogwiseFunction;
import io.logwise.kafka.infra.settings.MskClusterArn;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * MSK IAM access control per function: each may connect to the one cluster, act only on the managed topics in the
 * way its job needs, and keep its records in the state topic. Action lists are explicit (no {@code Describe*}).
 */
public final class MskIamPermissions {

    private static final String CONNECT = "kafka-cluster:Connect";
    private static final String DESCRIBE_CLUSTER = "kafka-cluster:DescribeCluster";
    // Kafka producers are idempotent by default; MSK checks this cluster-level action for them.
    private static final String WRITE_IDEMPOTENTLY = "kafka-cluster:WriteDataIdempotently";
    private static final String CREATE_TOPIC = "kafka-cluster:CreateTopic";
    private static final String DESCRIBE_TOPIC = "kafka-cluster:DescribeTopic";
    private static final String ALTER_TOPIC = "kafka-cluster:AlterTopic";
    private static final String DESCRIBE_TOPIC_CONFIG = "kafka-cluster:DescribeTopicDynamicConfiguration";
    private static final String ALTER_TOPIC_CONFIG = "kafka-cluster:AlterTopicDynamicConfiguration";
    private static final String READ_DATA = "kafka-cluster:ReadData";
    private static final String WRITE_DATA = "kafka-cluster:WriteData";
    private static final String DESCRIBE_GROUP = "kafka-cluster:DescribeGroup";

    private MskIamPermissions() {
    }

    public static List<PolicyStatement> forFunction(
            LogwiseFunction function, MskClusterArn cluster, String managedTopicPrefix, String stateTopic) {
        List<PolicyStatement> statements = new ArrayList<>();
        statements.add(allow("KafkaCluster", cluster.arn(), CONNECT, DESCRIBE_CLUSTER, WRITE_IDEMPOTENTLY));
        statements.add(allow("ManagedTopics", cluster.topicsWithPrefix(managedTopicPrefix),
                managedTopicActions(function)));
        // The scanner measures lag, the scaler measures again what a scan claims, the retention updater finds the
        // oldest record some consumer has not read.
        if (function.readsConsumerPositions()) {
            statements.add(allow("ConsumerGroups", cluster.allGroups(), DESCRIBE_GROUP));
        }
        // Every function records its snapshots or decisions in the state topic and may have to create it first.
        statements.add(allow("StateTopic", cluster.topic(stateTopic),
                CREATE_TOPIC, DESCRIBE_TOPIC, DESCRIBE_TOPIC_CONFIG, READ_DATA, WRITE_DATA));
        return statements;
    }

    private static String[] managedTopicActions(LogwiseFunction function) {
        return switch (function) {
            // Adoption pins the policy's configs on auto-created topics.
            case TOPIC_PROVISIONER -> new String[] {CREATE_TOPIC, DESCRIBE_TOPIC, ALTER_TOPIC, DESCRIBE_TOPIC_CONFIG,
                ALTER_TOPIC_CONFIG};
            case LAG_SCANNER -> new String[] {DESCRIBE_TOPIC, DESCRIBE_TOPIC_CONFIG};
            // Measuring lag again reads each topic's retention.ms, as the scanner does.
            case PARTITION_SCALER -> new String[] {DESCRIBE_TOPIC, DESCRIBE_TOPIC_CONFIG, ALTER_TOPIC};
            // ReadData: the write time of the oldest unread record, which the lowering guard compares against.
            case RETENTION_UPDATER -> new String[] {DESCRIBE_TOPIC, DESCRIBE_TOPIC_CONFIG, ALTER_TOPIC_CONFIG,
                READ_DATA};
        };
    }

    private static PolicyStatement allow(String sid, String resource, String... actions) {
        return PolicyStatement.Builder.create()
                .sid(sid)
                .effect(Effect.ALLOW)
                .actions(List.of(actions))
                .resources(List.of(resource))
                .build();
    }
}
