package io.logwise.kafka.infra.network;

import io.logwise.kafka.infra.settings.DeploymentSettings;
import io.logwise.kafka.infra.settings.KafkaConnection;
import io.logwise.kafka.infra.settings.NetworkSettings.EndpointSettings;
import io.logwise.kafka.infra.settings.NetworkSettings;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.CfnSecurityGroup;
import software.amazon.awscdk.services.ec2.CfnSecurityGroupIngress;
import software.amazon.awscdk.services.ec2.CfnVPCEndpoint;
import software.constructs.Construct;

/**
 * The VPC endpoints through which functions in private subnets without a NAT gateway reach the AWS services their
 * connection needs. Built from ids (L1 resources), as the functions' VPC configuration is: importing an IVpc would
 * need a context lookup at synth.
 */
public final class VpcEndpoints extends Construct {

    public static final int HTTPS = 443;

    /** The AWS services a function calls at run time, besides Kafka. */
    public enum Service {
        /** SCRAM credentials: GetSecretValue (Secrets Manager calls KMS for the secret's key itself). */
        SECRETS_MANAGER,
        /** Spark checkpoints in S3: ListObjectsV2 and GetObject. */
        S3
    }

    public static Set<Service> needed(DeploymentSettings settings) {
        Set<Service> services = EnumSet.noneOf(Service.class);
        if (settings.kafka().connection() instanceof KafkaConnection.Scram) {
            services.add(Service.SECRETS_MANAGER);
        }
        if (settings.checkpointSources().stream().anyMatch(source -> source.s3Location().isPresent())) {
            services.add(Service.S3);
        }
        return services;
    }

    public VpcEndpoints(Construct scope, String id, NetworkSettings network, EndpointSettings endpoints,
                        Set<Service> services) {
        super(scope, id);
        String region = Stack.of(this).getRegion();
        if (services.contains(Service.SECRETS_MANAGER)) {
            CfnSecurityGroup group = CfnSecurityGroup.Builder.create(this, "SecretsManagerEndpointGroup")
                    .vpcId(endpoints.vpcId())
                    .groupDescription("HTTPS from the LogWise functions to the Secrets Manager endpoint")
                    .build();
            for (int i = 0; i < network.securityGroupIds().size(); i++) {
                CfnSecurityGroupIngress.Builder.create(this, "FromFunctions" + i)
                        .groupId(group.getAttrGroupId())
                        .ipProtocol("tcp")
                        .fromPort(HTTPS)
                        .toPort(HTTPS)
                        .sourceSecurityGroupId(network.securityGroupIds().get(i))
                        .description("HTTPS from the functions' security group")
                        .build();
            }
            CfnVPCEndpoint.Builder.create(this, "SecretsManager")
                    .vpcId(endpoints.vpcId())
                    .vpcEndpointType("Interface")
                    .serviceName("com.amazonaws." + region + ".secretsmanager")
                    .subnetIds(network.subnetIds())
                    .securityGroupIds(List.of(group.getAttrGroupId()))
                    // The SDK's default endpoint name then resolves to the endpoint's private addresses.
                    .privateDnsEnabled(true)
                    .build();
        }
        if (services.contains(Service.S3)) {
            CfnVPCEndpoint.Builder.create(this, "S3")
                    .vpcId(endpoints.vpcId())
                    .vpcEndpointType("Gateway")
                    .serviceName("com.amazonaws." + region + ".s3")
                    .routeTableIds(endpoints.routeTableIds())
                    .build();
        }
    }
}
