package io.logwise.kafka.infra.access;

import io.logwise.kafka.infra.nag.Suppressions;
import io.logwise.kafka.infra.settings.MskClusterArn;
import io.logwise.kafka.infra.settings.RetentionPeriods;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.customresources.AwsCustomResource;
import software.amazon.awscdk.customresources.AwsCustomResourcePolicy;
import software.amazon.awscdk.customresources.AwsSdkCall;
import software.amazon.awscdk.customresources.PhysicalResourceId;
import software.amazon.awscdk.customresources.SdkCallsPolicyOptions;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * Looks up the cluster's IAM bootstrap brokers at deploy time ({@code kafka:GetBootstrapBrokers}, allowed on this one
 * cluster only), so that the template needs no broker host names. The value is read on create and whenever the
 * cluster ARN changes.
 */
public final class BootstrapBrokersLookup extends Construct {

    public static final String IAM_BROKERS_FIELD = "BootstrapBrokerStringSaslIam";
    private static final String PROVIDER_ID = "AWS679f53fac002430cb0da5b7982bd2287";

    private final AwsCustomResource lookup;

    /** @param logRetentionDays how long the provider function's log group keeps its lines, as for the functions */
    public BootstrapBrokersLookup(Construct scope, String id, MskClusterArn cluster, int logRetentionDays) {
        super(scope, id);
        // Without a group of its own, CDK's provider logs to a group that keeps everything for two years.
        LogGroup providerLogs = LogGroup.Builder.create(this, "ProviderLogs")
                .retention(RetentionPeriods.of(logRetentionDays))
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        AwsSdkCall call = AwsSdkCall.builder()
                .service("Kafka")
                .action("getBootstrapBrokers")
                .parameters(Map.of("ClusterArn", cluster.arn()))
                .physicalResourceId(PhysicalResourceId.of(cluster.arn()))
                .outputPaths(List.of(IAM_BROKERS_FIELD))
                .build();
        this.lookup = AwsCustomResource.Builder.create(this, "GetBootstrapBrokers")
                .onCreate(call)
                .onUpdate(call)
                .policy(AwsCustomResourcePolicy.fromSdkCalls(
                        SdkCallsPolicyOptions.builder().resources(List.of(cluster.arn())).build()))
                // The SDK in the Lambda runtime has GetBootstrapBrokers; a newer one would need internet access.
                .installLatestAwsSdk(false)
                .logGroup(providerLogs)
                .build();
        suppressProviderFindings();
    }

    /** CDK's provider function for every AwsCustomResource of the stack (a singleton with a fixed id). */
    private void suppressProviderFindings() {
        IConstruct provider = Stack.of(this).getNode().tryFindChild(PROVIDER_ID);
        if (provider != null) {
            Suppressions.suppress(provider, "AwsSolutions-IAM4",
                    "CDK's AwsCustomResource provider runs only at deploy time; the managed policy gives it log"
                            + " writing, and its only other permission is kafka:GetBootstrapBrokers on this cluster",
                    List.of("Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"));
        }
    }

    /** The comma-separated {@code host:9098} list, as a deploy-time token. */
    public String bootstrapServers() {
        return lookup.getResponseField(IAM_BROKERS_FIELD);
    }
}
