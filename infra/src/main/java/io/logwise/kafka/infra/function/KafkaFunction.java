package io.logwise.kafka.infra.function;

import io.logwise.kafka.infra.settings.FunctionSettings;
import io.logwise.kafka.infra.settings.RetentionPeriods;
import java.util.TreeMap;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.CfnFunction;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.destinations.SqsDestination;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * One function of the deployment jar: its own role, retained log group with retention, a queue for failed events,
 * and the {@code live} alias that every trigger invokes (SnapStart only applies to published versions).
 */
public final class KafkaFunction extends Construct {

    public static final String ALIAS_NAME = "live";
    /** The newest Java runtime CDK offers; the jar is Java 17 bytecode. */
    public static final Runtime RUNTIME = Runtime.JAVA_25;

    private final FunctionSettings settings;
    private final Function function;
    private final Alias alias;
    private final Queue failedEvents;
    private final LogGroup logGroup;

    public KafkaFunction(Construct scope, String id, KafkaFunctionProps props) {
        super(scope, id);
        this.settings = props.settings();
        // Kept when the stack is deleted, so named by CloudFormation: a fixed name (/aws/lambda/NAME) would make
        // re-creating a deleted environment fail on the retained group. The function logs here (LoggingConfig).
        this.logGroup = LogGroup.Builder.create(this, "Logs")
                .retention(RetentionPeriods.of(props.logRetentionDays()))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        this.failedEvents = Queue.Builder.create(this, "FailedEvents")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        Role role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Runs " + props.deployedName() + " with only the Kafka and AWS access its job needs")
                .build();
        props.statements().forEach(role::addToPolicy);

        Function.Builder builder = Function.Builder.create(this, "Function")
                .functionName(props.deployedName())
                .description("LogWise Kafka " + props.function().functionName())
                .runtime(RUNTIME)
                .architecture(Architecture.ARM_64)
                .handler(props.function().handler())
                .code(props.code())
                .memorySize(settings.memoryMb())
                .timeout(Duration.seconds(settings.timeoutSeconds()))
                .environment(new TreeMap<>(props.environment()))
                .role(role)
                .logGroup(logGroup);
        if (settings.snapStart()) {
            builder.snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS);
        }
        settings.reservedConcurrency().ifPresent(builder::reservedConcurrentExecutions);
        this.function = builder.build();
        CfnFunction resource = (CfnFunction) function.getNode().getDefaultChild();
        // A fixed logical id: SAM users and scripts/sam-invoke name the function by it.
        resource.overrideLogicalId(props.function().logicalId());
        // Subnets and groups by id: importing an IVpc would need availability zones or an account lookup at synth.
        props.network().ifPresent(network -> resource.setVpcConfig(CfnFunction.VpcConfigProperty.builder()
                .subnetIds(network.subnetIds())
                .securityGroupIds(network.securityGroupIds())
                .build()));
        if (settings.snapStart()) {
            Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                    "every trigger invokes the published version through the live alias");
        }
        logGroup.grantWrite(role);

        Alias.Builder alias = Alias.Builder.create(this, "Live")
                .aliasName(ALIAS_NAME)
                .version(function.getCurrentVersion())
                .onFailure(new SqsDestination(failedEvents))
                .retryAttempts(settings.retryAttempts())
                .maxEventAge(Duration.minutes(settings.maxEventAgeMinutes()));
        props.onSuccess().ifPresent(alias::onSuccess);
        this.alias = alias.build();
    }

    public Function function() {
        return function;
    }

    /** What triggers invoke: the published version with SnapStart and the asynchronous destinations. */
    public Alias alias() {
        return alias;
    }

    public FunctionSettings settings() {
        return settings;
    }

    public Queue failedEvents() {
        return failedEvents;
    }

    public LogGroup logGroup() {
        return logGroup;
    }
}
