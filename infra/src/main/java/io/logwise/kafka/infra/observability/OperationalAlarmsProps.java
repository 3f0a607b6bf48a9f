package io.logwise.kafka.infra.observability;

import io.logwise.kafka.infra.function.KafkaFunction;
import io.logwise.kafka.infra.settings.AlarmSettings;
import io.logwise.kafka.infra.settings.LogwiseFunction;
import io.logwise.kafka.infra.wiring.EventWiring.InvokingRule;
import java.util.List;
import java.util.Map;

/**
 * The functions and rules to watch, the alarm settings, the environment whose metrics the alarms read, and the prefix
 * of every alarm name (one per environment).
 */
public record OperationalAlarmsProps(
        String namePrefix,
        String environmentName,
        Map<LogwiseFunction, KafkaFunction> functions,
        List<InvokingRule> rules,
        AlarmSettings settings) {

    public OperationalAlarmsProps {
        functions = Map.copyOf(functions);
        rules = List.copyOf(rules);
    }
}
