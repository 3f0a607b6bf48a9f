package io.logwise.kafka.infra.access;

import java.util.List;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * What Lambda needs to attach a function to VPC subnets (the actions of AWSLambdaVPCAccessExecutionRole, inline so
 * that no managed policy is attached). These EC2 actions do not support resource-level scoping.
 */
public final class VpcAccessPermissions {

    public static final List<String> ACTIONS = List.of(
            "ec2:AssignPrivateIpAddresses",
            "ec2:CreateNetworkInterface",
            "ec2:DeleteNetworkInterface",
            "ec2:DescribeNetworkInterfaces",
            "ec2:DescribeSubnets",
            "ec2:UnassignPrivateIpAddresses");

    private VpcAccessPermissions() {
    }

    public static PolicyStatement statement() {
        return PolicyStatement.Builder.create()
                .sid("VpcNetworkInterfaces")
                .effect(Effect.ALLOW)
                .actions(ACTIONS)
                .resources(List.of("*"))
                .build();
    }
}
