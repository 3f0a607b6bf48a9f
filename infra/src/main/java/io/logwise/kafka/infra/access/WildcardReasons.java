package io.logwise.kafka.infra.access;

import java.util.Map;
import java.util.Optional;

/**
 * Why a statement may name a wildcard resource, keyed by the statement's Sid (or Sid prefix). A wildcard in a
 * statement without an entry here stays an unsuppressed cdk-nag finding.
 */
public final class WildcardReasons {

    private static final Map<String, String> BY_SID = Map.of(
            "ManagedTopics", "MSK IAM topic ARN ending in the literal managed prefix followed by '*': the functions act"
                    + " on topics created at run time, and only on those under the prefix",
            "ConsumerGroups", "DescribeGroup only, on every consumer group: the lag scanner measures each group's lag,"
                    + " the partition scaler measures again the lag a scan claims, and the retention updater finds the"
                    + " oldest record any group has not read; groups are created by consumers at run time and cannot"
                    + " be listed at deploy time",
            "VpcNetworkInterfaces", "Lambda attaches the function to the VPC with these EC2 network-interface actions,"
                    + " which do not support resource-level permissions (the actions of"
                    + " AWSLambdaVPCAccessExecutionRole)",
            CheckpointReadPermissions.READ_SID, "GetObject below one configured Spark checkpoint prefix: checkpoint"
                    + " files are written by Spark at run time");

    private WildcardReasons() {
    }

    public static Optional<String> forSid(String sid) {
        if (sid == null) {
            return Optional.empty();
        }
        return BY_SID.entrySet().stream()
                .filter(entry -> sid.equals(entry.getKey())
                        || (sid.startsWith(entry.getKey()) && sid.substring(entry.getKey().length()).matches("\\d+")))
                .map(Map.Entry::getValue)
                .findFirst();
    }
}
