package io.logwise.kafka.infra.settings;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The existing subnets (of the brokers' VPC, or one routed to it) and security groups through which the functions
 * reach the brokers; Lambda derives the VPC from the subnets. With {@code endpoints}, the stack creates the VPC
 * endpoints the connection needs (see {@link EndpointSettings}); without it, the subnets must already reach those
 * services (a NAT gateway or endpoints of their own), as docs/deploy.md lists.
 */
public record NetworkSettings(List<String> subnetIds, List<String> securityGroupIds,
                              Optional<EndpointSettings> endpoints) {

    private static final Set<String> KEYS = Set.of("subnetIds", "securityGroupIds", "endpoints");
    private static final Set<String> ENDPOINT_KEYS = Set.of("vpcId", "routeTableIds");
    private static final Pattern SUBNET = Pattern.compile("subnet-[0-9a-f]{8,17}");
    private static final Pattern SECURITY_GROUP = Pattern.compile("sg-[0-9a-f]{8,17}");
    private static final Pattern VPC = Pattern.compile("vpc-[0-9a-f]{8,17}");
    private static final Pattern ROUTE_TABLE = Pattern.compile("rtb-[0-9a-f]{8,17}");

    /**
     * Create the endpoints the environment needs in VPC {@code vpcId}: a Secrets Manager interface endpoint in the
     * function subnets for SCRAM, an S3 gateway endpoint on {@code routeTableIds} (the function subnets' route
     * tables) for S3 checkpoints.
     */
    public record EndpointSettings(String vpcId, List<String> routeTableIds) {
        public EndpointSettings {
            routeTableIds = List.copyOf(routeTableIds);
        }
    }

    public NetworkSettings {
        subnetIds = List.copyOf(subnetIds);
        securityGroupIds = List.copyOf(securityGroupIds);
    }

    static NetworkSettings parse(ContextMap network) {
        network.rejectUnknownKeys(KEYS);
        Optional<EndpointSettings> endpoints = Optional.empty();
        if (network.has("endpoints")) {
            ContextMap settings = network.object("endpoints");
            settings.rejectUnknownKeys(ENDPOINT_KEYS);
            String vpcId = settings.requiredString("vpcId");
            check(settings, "vpcId", vpcId, VPC);
            List<String> routeTables = settings.stringList("routeTableIds");
            routeTables.forEach(id -> check(settings, "routeTableIds", id, ROUTE_TABLE));
            endpoints = Optional.of(new EndpointSettings(vpcId, routeTables));
        }
        return new NetworkSettings(ids(network, "subnetIds", SUBNET), ids(network, "securityGroupIds", SECURITY_GROUP),
                endpoints);
    }

    private static List<String> ids(ContextMap network, String key, Pattern format) {
        List<String> ids = network.stringList(key);
        if (ids.isEmpty()) {
            throw new SettingsException(network.pathOf(key) + " needs at least one id");
        }
        ids.forEach(id -> check(network, key, id, format));
        if (Set.copyOf(ids).size() != ids.size()) {
            throw new SettingsException(network.pathOf(key) + " lists an id twice: " + ids);
        }
        return ids;
    }

    private static void check(ContextMap network, String key, String id, Pattern format) {
        if (!format.matcher(id).matches()) {
            throw new SettingsException(network.pathOf(key) + " has a malformed id: " + id);
        }
    }
}
