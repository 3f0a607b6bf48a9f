package io.logwise.kafka.infra.wiring;

import io.logwise.kafka.infra.function.KafkaFunction;
import io.logwise.kafka.infra.settings.LogwiseFunction;
import io.logwise.kafka.infra.settings.ScheduleSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.events.IRuleTarget;
import software.amazon.awscdk.services.events.Match;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.constructs.Construct;

/**
 * Schedules on the default bus (they deliver the standard {@code Scheduled Event}), manual request routing on the
 * LogWise bus, and the route of the scanner's results to the scaler and the retention updater.
 */
public final class EventWiring extends Construct {

    private static final int DELIVERY_RETRIES = 2;

    /** A rule that invokes functions (asynchronously); {@code bus} is empty for the default bus (schedules). */
    public record InvokingRule(Rule rule, Optional<IEventBus> bus) {
    }

    private final List<InvokingRule> rules = new ArrayList<>();

    public EventWiring(Construct scope, String id, EventWiringProps props) {
        super(scope, id);
        ScheduleSettings schedules = props.schedules();
        KafkaFunction provisioner = props.function(LogwiseFunction.TOPIC_PROVISIONER);
        KafkaFunction scanner = props.function(LogwiseFunction.LAG_SCANNER);
        KafkaFunction scaler = props.function(LogwiseFunction.PARTITION_SCALER);
        KafkaFunction retention = props.function(LogwiseFunction.RETENTION_UPDATER);

        schedule("ScanSchedule", "Lag scan", schedules.scanRateMinutes(), scanner);
        schedule("SweepSchedule", "Provisioner sweep", schedules.sweepRateMinutes(), provisioner);
        schedule("ExpirySchedule", "Retention expiry run", schedules.expiryRateMinutes(), retention);

        request(props, "ProvisionRequests", EventContract.PROVISION_TOPICS, provisioner);
        request(props, "ScaleRequests", EventContract.SCALE_PARTITIONS, scaler);
        request(props, "RetentionRequests", EventContract.CHANGE_RETENTION, retention);

        Rule scanResults = Rule.Builder.create(this, "ScanResults")
                .eventBus(props.bus())
                .description("Scanner results (on-success destination) to the partition scaler and retention updater")
                .eventPattern(EventPattern.builder()
                        .source(List.of(EventContract.LAMBDA_SOURCE))
                        .detailType(List.of(EventContract.LAMBDA_SUCCESS))
                        // Any version or alias of the scanner: its ARN followed by ':qualifier'.
                        .detail(Map.of("requestContext", Map.of(
                                "functionArn", Match.prefix(scanner.function().getFunctionArn() + ":"))))
                        .build())
                .targets(List.of(target(scaler), target(retention)))
                .build();
        rules.add(new InvokingRule(scanResults, Optional.of(props.bus())));
    }

    /** Every rule of the stack; each has a Lambda alias as its only kind of target. */
    public List<InvokingRule> rules() {
        return List.copyOf(rules);
    }

    private void schedule(String id, String what, int rateMinutes, KafkaFunction function) {
        Rule rule = Rule.Builder.create(this, id)
                .description(what + " every " + rateMinutes + " minute(s)")
                .schedule(Schedule.rate(Duration.minutes(rateMinutes)))
                .targets(List.of(target(function)))
                .build();
        rules.add(new InvokingRule(rule, Optional.empty()));
    }

    private void request(EventWiringProps props, String id, String detailType, KafkaFunction function) {
        Rule rule = Rule.Builder.create(this, id)
                .eventBus(props.bus())
                .description("Manual '" + detailType + "' requests")
                .eventPattern(EventPattern.builder()
                        .source(List.of(EventContract.REQUEST_SOURCE))
                        .detailType(List.of(detailType))
                        .build())
                .targets(List.of(target(function)))
                .build();
        rules.add(new InvokingRule(rule, Optional.of(props.bus())));
    }

    /**
     * Events EventBridge cannot hand to Lambda (after its own retries, within the function's event age) land in the
     * same queue as the function's failed invocations.
     */
    private static IRuleTarget target(KafkaFunction function) {
        return new LambdaFunction(function.alias(), LambdaFunctionProps.builder()
                .deadLetterQueue(function.failedEvents())
                .retryAttempts(DELIVERY_RETRIES)
                .maxEventAge(Duration.minutes(function.settings().maxEventAgeMinutes()))
                .build());
    }
}
