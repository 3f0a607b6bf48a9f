package io.logwise.kafka.infra.wiring;

import io.logwise.kafka.infra.function.KafkaFunction;
import io.logwise.kafka.infra.settings.LogwiseFunction;
import io.logwise.kafka.infra.settings.ScheduleSettings;
import java.util.Map;
import software.amazon.awscdk.services.events.IEventBus;

/** The bus the requests and scan results travel on, the four functions, and the rates of the scheduled runs. */
public record EventWiringProps(
        IEventBus bus, Map<LogwiseFunction, KafkaFunction> functions, ScheduleSettings schedules) {

    public EventWiringProps {
        functions = Map.copyOf(functions);
    }

    KafkaFunction function(LogwiseFunction function) {
        return functions.get(function);
    }
}
