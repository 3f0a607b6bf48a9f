package io.logwise.kafka.infra;

import io.logwise.kafka.infra.access.BootstrapBrokersLookup;
import io.logwise.kafka.infra.access.FunctionPermissions;
import io.logwise.kafka.infra.function.FunctionEnvironment;
import io.logwise.kafka.infra.function.KafkaFunction;
import io.logwise.kafka.infra.function.KafkaFunctionProps;
import io.logwise.kafka.infra.nag.Suppressions;
import io.logwise.kafka.infra.network.VpcEndpoints;
import io.logwise.kafka.infra.observability.EmfMetrics;
import io.logwise.kafka.infra.observability.LagDashboard;
import io.logwise.kafka.infra.observability.OperationalAlarms;
import io.logwise.kafka.infra.observability.OperationalAlarmsProps;
import io.logwise.kafka.infra.settings.DeploymentSettings;
import io.logwise.kafka.infra.settings.KafkaConnection;
import io.logwise.kafka.infra.settings.LogwiseFunction;
import io.logwise.kafka.infra.wiring.EventWiring;
import io.logwise.kafka.infra.wiring.EventWiringProps;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.IDestination;
import software.amazon.awscdk.services.lambda.destinations.EventBridgeDestination;
import software.constructs.Construct;

/** One environment: the four functions, their triggers on EventBridge, alarms and the lag dashboard. */
public final class LogwiseStack extends Stack {

    private final Map<LogwiseFunction, KafkaFunction> functions = new EnumMap<>(LogwiseFunction.class);
    private final EventBus bus;

    public LogwiseStack(Construct scope, String id, StackProps stackProps, LogwiseStackProps props) {
        super(scope, id, stackProps);
        DeploymentSettings settings = props.settings();
        String prefix = "logwise-kafka-" + settings.environmentName();
        String bootstrapServers = bootstrapServers(settings);

        this.bus = EventBus.Builder.create(this, "Bus").eventBusName(prefix).build();
        settings.network().ifPresent(network -> network.endpoints().ifPresent(endpoints ->
                new VpcEndpoints(this, "Endpoints", network, endpoints, VpcEndpoints.needed(settings))));
        for (LogwiseFunction function : LogwiseFunction.values()) {
            List<PolicyStatement> statements = FunctionPermissions.forFunction(function, settings, getPartition());
            Optional<IDestination> onSuccess = function == LogwiseFunction.LAG_SCANNER
                    ? Optional.of(new EventBridgeDestination(bus))
                    : Optional.empty();
            KafkaFunction kafkaFunction = new KafkaFunction(this, function.constructId(), new KafkaFunctionProps(
                    function, settings.function(function), settings.environmentName(), props.functionsCode(),
                    FunctionEnvironment.forFunction(function, settings, bootstrapServers), statements,
                    settings.network(),
                    settings.logRetentionDays(), onSuccess));
            Suppressions.wildcardResources(kafkaFunction.function().getRole(), statements);
            Suppressions.suppress(kafkaFunction.failedEvents(), "AwsSolutions-SQS3",
                    "this queue is the dead-letter destination itself: failed asynchronous invocations and"
                            + " undeliverable EventBridge events of " + function.functionName() + " end here");
            functions.put(function, kafkaFunction);
        }
        EventWiring wiring = new EventWiring(this, "Wiring",
                new EventWiringProps(bus, functions, settings.schedules()));

        OperationalAlarms alarms = new OperationalAlarms(this, "Alarms", new OperationalAlarmsProps(
                prefix + "-", settings.environmentName(), functions, wiring.rules(), settings.alarms()));
        new LagDashboard(this, "Dashboard", prefix, new EmfMetrics(settings.environmentName()), functions,
                List.<IAlarm>copyOf(alarms.alarms()));
        outputs(prefix, alarms);
    }

    private String bootstrapServers(DeploymentSettings settings) {
        KafkaConnection connection = settings.kafka().connection();
        if (connection instanceof KafkaConnection.MskIam msk) {
            return msk.bootstrapServers().orElseGet(
                    () -> new BootstrapBrokersLookup(this, "BootstrapBrokers", msk.cluster(),
                            settings.logRetentionDays()).bootstrapServers());
        }
        if (connection instanceof KafkaConnection.Scram scram) {
            return scram.bootstrapServers();
        }
        if (connection instanceof KafkaConnection.Tls tls) {
            return tls.bootstrapServers();
        }
        return ((KafkaConnection.Plaintext) connection).bootstrapServers();
    }

    private void outputs(String prefix, OperationalAlarms alarms) {
        CfnOutput.Builder.create(this, "AlarmTopicArn").value(alarms.topic().getTopicArn())
                .description("Every alarm notifies this SNS topic on ALARM and on OK").build();
        CfnOutput.Builder.create(this, "EventBusName").value(bus.getEventBusName())
                .description("Send manual requests here (source logwise.kafka)").build();
        CfnOutput.Builder.create(this, "DashboardName").value(prefix).build();
        functions.forEach((function, kafkaFunction) -> {
            CfnOutput.Builder.create(this, function.constructId() + "Name")
                    .value(kafkaFunction.function().getFunctionName()).build();
            CfnOutput.Builder.create(this, function.constructId() + "LogGroup")
                    .value(kafkaFunction.logGroup().getLogGroupName())
                    .description("Logs and EMF metrics of " + function.functionName() + " (kept after deletion)")
                    .build();
        });
    }
}
