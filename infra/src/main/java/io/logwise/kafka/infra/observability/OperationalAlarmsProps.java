package io.logwise.kafka.infra.observability;

import io.logwise.kafka.infra.function.KafkaFunction;
import io.logwise.kafka.infra.settings.AlarmSettings;
import io.logwise.kafka.infra.settings.LogwiseFunction;
import java.util.Map;

/** The functions to watch, the alarm settings and the prefix of every alarm name (one per environment). */
public record OperationalAlarmsProps(
        String namePrefix, Map<LogwiseFunction, KafkaFunction> functions, AlarmSettings settings) {

    public OperationalAlarmsProps {
        functions = Map.copyOf(functions);
    }
}
