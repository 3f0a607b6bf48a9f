package io.logwise.kafka.infra.access;

import io.logwise.kafka.infra.settings.DeploymentSettings;
import io.logwise.kafka.infra.settings.KafkaConnection;
import io.logwise.kafka.infra.settings.KafkaSettings;
import io.logwise.kafka.infra.settings.LogwiseFunction;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.services.iam.PolicyStatement;

/** All statements of one function's role besides logs and destinations, which CDK grants on the exact resources. */
public final class FunctionPermissions {

    private FunctionPermissions() {
    }

    public static List<PolicyStatement> forFunction(
            LogwiseFunction function, DeploymentSettings settings, String partition) {
        List<PolicyStatement> statements = new ArrayList<>();
        KafkaSettings kafka = settings.kafka();
        if (kafka.connection() instanceof KafkaConnection.MskIam msk) {
            statements.addAll(MskIamPermissions.forFunction(
                    function, msk.cluster(), kafka.managedTopicPrefix(), kafka.stateTopic()));
        } else if (kafka.connection() instanceof KafkaConnection.Scram scram) {
            statements.addAll(ScramSecretPermissions.forSecret(scram.secretArn(), scram.secretKmsKeyArn()));
        }
        if (function.readsConsumerPositions()) {
            statements.addAll(CheckpointReadPermissions.forSources(settings.checkpointSources(), partition));
        }
        if (settings.network().isPresent()) {
            statements.add(VpcAccessPermissions.statement());
        }
        return statements;
    }
}
