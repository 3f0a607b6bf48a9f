package io.logwise.kafka.infra.function;

import io.logwise.kafka.infra.settings.FunctionSettings;
import io.logwise.kafka.infra.settings.LogwiseFunction;
import io.logwise.kafka.infra.settings.NetworkSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.IDestination;

/**
 * What one function of the deployment jar is built from.
 *
 * @param environment the variables the stack derives (connection, topics) and the function's free map, merged
 * @param statements  the role's permissions besides logs and destinations
 * @param onSuccess   where successful asynchronous results go (the scanner's result to the event bus)
 */
public record KafkaFunctionProps(
        LogwiseFunction function,
        FunctionSettings settings,
        String environmentName,
        Code code,
        Map<String, String> environment,
        List<PolicyStatement> statements,
        Optional<NetworkSettings> network,
        int logRetentionDays,
        Optional<IDestination> onSuccess) {

    public KafkaFunctionProps {
        environment = Map.copyOf(environment);
        statements = List.copyOf(statements);
    }

    public String deployedName() {
        return "logwise-kafka-" + environmentName + "-" + function.functionName();
    }
}
