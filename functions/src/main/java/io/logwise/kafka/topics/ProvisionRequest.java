package io.logwise.kafka.topics;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What an invocation asks for: either explicit services (each a service name or a full managed topic name, kept
 * exactly as given) with optional overrides of the policy, or a sweep of every topic under the managed prefix.
 */
public record ProvisionRequest(
        List<String> services,
        OptionalInt partitions,
        OptionalLong retentionMs,
        OptionalInt replicationFactor,
        boolean dryRun,
        boolean sweep) {

    public ProvisionRequest {
        services = List.copyOf(services);
    }

    public static ProvisionRequest sweep(boolean dryRun) {
        return new ProvisionRequest(List.of(), OptionalInt.empty(), OptionalLong.empty(), OptionalInt.empty(),
                dryRun, true);
    }

    public static ProvisionRequest of(List<String> services, boolean dryRun) {
        return new ProvisionRequest(services, OptionalInt.empty(), OptionalLong.empty(), OptionalInt.empty(),
                dryRun, false);
    }
}
