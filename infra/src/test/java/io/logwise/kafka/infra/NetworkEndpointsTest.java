package io.logwise.kafka.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.infra.network.VpcEndpoints.Service;
import io.logwise.kafka.infra.network.VpcEndpoints;
import io.logwise.kafka.infra.settings.DeploymentSettings;
import io.logwise.kafka.infra.settings.SettingsException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** network.endpoints creates the VPC endpoints the connection mode and checkpoint sources need, and only those. */
@SuppressWarnings("unchecked")
class NetworkEndpointsTest {

    private static final String VPC = "vpc-0a1b2c3d4e5f60718";
    private static final List<String> ROUTE_TABLES = List.of("rtb-0a1b2c3d4e5f60718", "rtb-1b2c3d4e5f6071829");

    private static Map<String, Object> withEndpoints(String environment, Map<String, Object> endpoints) {
        return TestApps.edited(environment, env -> {
            Map<String, Object> network = new HashMap<>((Map<String, Object>) env.get("network"));
            network.put("endpoints", endpoints);
            env.put("network", network);
        });
    }

    private static DeploymentSettings settings(String environment, Map<String, Object> context) {
        return DeploymentSettings.fromContext(environment, Map.of(environment, context));
    }

    @Test
    void whatEachModeNeeds() {
        assertEquals(Set.of(Service.SECRETS_MANAGER),
                VpcEndpoints.needed(settings("scram-example", TestApps.environment("scram-example"))));
        assertEquals(Set.of(Service.S3),
                VpcEndpoints.needed(settings("msk-iam-example", TestApps.environment("msk-iam-example"))));
        assertEquals(Set.of(), VpcEndpoints.needed(settings("msk-iam-example", TestApps.edited("msk-iam-example",
                env -> env.remove("checkpointSources")))));
        assertEquals(Set.of(Service.SECRETS_MANAGER, Service.S3), VpcEndpoints.needed(settings("scram-example",
                TestApps.edited("scram-example", env -> env.put("checkpointSources",
                        List.of(Map.of("name", "s", "location", "s3://bucket/prefix")))))));
    }

    @Test
    void scramGetsASecretsManagerInterfaceEndpointInTheFunctionSubnetsReachableFromTheFunctions() {
        TemplateFacts facts = TemplateFacts.of(TestApps.stack("scram-example",
                withEndpoints("scram-example", Map.of("vpcId", VPC))));
        Map<String, Map<String, Object>> endpoints = facts.ofType("AWS::EC2::VPCEndpoint");
        assertEquals(1, endpoints.size());
        Map<String, Object> endpoint = endpoints.values().iterator().next();
        assertEquals("Interface", endpoint.get("VpcEndpointType"));
        assertEquals("com.amazonaws.eu-west-1.secretsmanager", TemplateFacts.flatten(endpoint.get("ServiceName")));
        assertEquals(VPC, endpoint.get("VpcId"));
        assertEquals(List.of("subnet-0a1b2c3d4e5f60718", "subnet-1b2c3d4e5f6071829"), endpoint.get("SubnetIds"));
        assertEquals(true, endpoint.get("PrivateDnsEnabled"));
        String group = (String) ((List<Object>) ((Map<String, Object>) ((List<Object>) endpoint
                .get("SecurityGroupIds")).get(0)).get("Fn::GetAtt")).get(0);
        assertEquals(VPC, facts.properties(group).get("VpcId"));
        Map<String, Object> ingress = facts.ofType("AWS::EC2::SecurityGroupIngress").values().iterator().next();
        assertEquals(Map.of("GroupId", Map.of("Fn::GetAtt", List.of(group, "GroupId")), "IpProtocol", "tcp",
                "FromPort", 443, "ToPort", 443, "SourceSecurityGroupId", "sg-0a1b2c3d4e5f60718",
                "Description", "HTTPS from the functions' security group"), ingress);
    }

    @Test
    void s3CheckpointsGetAnS3GatewayEndpointOnTheGivenRouteTables() {
        TemplateFacts facts = TemplateFacts.of(TestApps.stack("msk-iam-example",
                withEndpoints("msk-iam-example", Map.of("vpcId", VPC, "routeTableIds", ROUTE_TABLES))));
        Map<String, Map<String, Object>> endpoints = facts.ofType("AWS::EC2::VPCEndpoint");
        assertEquals(1, endpoints.size(), "MSK IAM signs requests itself: no Secrets Manager endpoint");
        Map<String, Object> endpoint = endpoints.values().iterator().next();
        assertEquals("Gateway", endpoint.get("VpcEndpointType"));
        assertEquals("com.amazonaws.eu-west-1.s3", TemplateFacts.flatten(endpoint.get("ServiceName")));
        assertEquals(ROUTE_TABLES, endpoint.get("RouteTableIds"));
        facts.template().resourceCountIs("AWS::EC2::SecurityGroup", 0);
    }

    @Test
    void withoutEndpointsTheStackCreatesNoneAndUsesWhatTheSubnetsReach() {
        for (String environment : List.of("scram-example", "msk-iam-example")) {
            TemplateFacts.of(TestApps.stack(environment)).template().resourceCountIs("AWS::EC2::VPCEndpoint", 0);
        }
    }

    @Test
    void endpointSettingsAreChecked() {
        SettingsException noRouteTables = assertThrows(SettingsException.class, () -> settings("msk-iam-example",
                withEndpoints("msk-iam-example", Map.of("vpcId", VPC))));
        assertTrue(noRouteTables.getMessage().contains("network.endpoints.routeTableIds"), noRouteTables.getMessage());
        SettingsException badVpc = assertThrows(SettingsException.class, () -> settings("scram-example",
                withEndpoints("scram-example", Map.of("vpcId", "vpc-x"))));
        assertTrue(badVpc.getMessage().contains("malformed id: vpc-x"), badVpc.getMessage());
        SettingsException noVpc = assertThrows(SettingsException.class, () -> settings("scram-example",
                withEndpoints("scram-example", Map.of("routeTableIds", ROUTE_TABLES))));
        assertTrue(noVpc.getMessage().contains("vpcId is required"), noVpc.getMessage());
        SettingsException typo = assertThrows(SettingsException.class, () -> settings("scram-example",
                withEndpoints("scram-example", Map.of("vpcId", VPC, "routeTables", ROUTE_TABLES))));
        assertTrue(typo.getMessage().contains("unknown keys [routeTables]"), typo.getMessage());
    }
}
