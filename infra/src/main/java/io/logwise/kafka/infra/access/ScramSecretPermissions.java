package io.logwise.kafka.infra.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;

/** Read access to the one SCRAM secret, and decryption by its customer managed key only through Secrets Manager. */
public final class ScramSecretPermissions {

    private ScramSecretPermissions() {
    }

    public static List<PolicyStatement> forSecret(String secretArn, Optional<String> kmsKeyArn) {
        List<PolicyStatement> statements = new ArrayList<>();
        statements.add(PolicyStatement.Builder.create()
                .sid("ScramSecret")
                .effect(Effect.ALLOW)
                .actions(List.of("secretsmanager:GetSecretValue"))
                .resources(List.of(secretArn))
                .build());
        kmsKeyArn.ifPresent(key -> statements.add(PolicyStatement.Builder.create()
                .sid("ScramSecretKey")
                .effect(Effect.ALLOW)
                .actions(List.of("kms:Decrypt"))
                .resources(List.of(key))
                .conditions(Map.of("StringEquals",
                        Map.of("kms:ViaService", "secretsmanager." + arnRegion(secretArn) + ".amazonaws.com")))
                .build()));
        return statements;
    }

    private static String arnRegion(String arn) {
        return arn.split(":", -1)[3];
    }
}
