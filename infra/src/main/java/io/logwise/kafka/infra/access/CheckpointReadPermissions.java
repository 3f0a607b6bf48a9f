package io.logwise.kafka.infra.access;

import io.logwise.kafka.infra.settings.CheckpointSource.S3Location;
import io.logwise.kafka.infra.settings.CheckpointSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;

/** Read-only access to each S3 checkpoint location: list under its prefix, get the objects below it. */
public final class CheckpointReadPermissions {

    static final String LIST_SID = "CheckpointList";
    static final String READ_SID = "CheckpointRead";

    private CheckpointReadPermissions() {
    }

    public static List<PolicyStatement> forSources(List<CheckpointSource> sources, String partition) {
        List<PolicyStatement> statements = new ArrayList<>();
        for (int index = 0; index < sources.size(); index++) {
            Optional<S3Location> location = sources.get(index).s3Location();
            if (location.isEmpty()) {
                continue;
            }
            String bucketArn = "arn:" + partition + ":s3:::" + location.get().bucket();
            String prefix = location.get().prefix();
            PolicyStatement.Builder list = PolicyStatement.Builder.create()
                    .sid(LIST_SID + index)
                    .effect(Effect.ALLOW)
                    .actions(List.of("s3:ListBucket"))
                    .resources(List.of(bucketArn));
            if (!prefix.isEmpty()) {
                list.conditions(Map.of("StringLike", Map.of("s3:prefix", List.of(prefix, prefix + "/*"))));
            }
            statements.add(list.build());
            statements.add(PolicyStatement.Builder.create()
                    .sid(READ_SID + index)
                    .effect(Effect.ALLOW)
                    .actions(List.of("s3:GetObject"))
                    .resources(List.of(bucketArn + "/" + (prefix.isEmpty() ? "" : prefix + "/") + "*"))
                    .build());
        }
        return statements;
    }
}
