package io.logwise.kafka.infra.settings;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The existing subnets (of the brokers' VPC, or one routed to it) and security groups through which the functions
 * reach the brokers; Lambda derives the VPC from the subnets.
 */
public record NetworkSettings(List<String> subnetIds, List<String> securityGroupIds) {

    private static final Set<String> KEYS = Set.of("subnetIds", "securityGroupIds");
    private static final Pattern SUBNET = Pattern.compile("subnet-[0-9a-f]{8,17}");
    private static final Pattern SECURITY_GROUP = Pattern.compile("sg-[0-9a-f]{8,17}");

    public NetworkSettings {
        subnetIds = List.copyOf(subnetIds);
        securityGroupIds = List.copyOf(securityGroupIds);
    }

    static NetworkSettings parse(ContextMap network) {
        network.rejectUnknownKeys(KEYS);
        return new NetworkSettings(ids(network, "subnetIds", SUBNET), ids(network, "securityGroupIds", SECURITY_GROUP));
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
