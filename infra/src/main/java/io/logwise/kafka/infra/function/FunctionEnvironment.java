package io.logwise.kafka.infra.function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logwise.kafka.infra.settings.CheckpointSource;
import io.logwise.kafka.infra.settings.DeploymentSettings;
import io.logwise.kafka.infra.settings.EnvironmentVariables;
import io.logwise.kafka.infra.settings.KafkaConnection;
import io.logwise.kafka.infra.settings.KafkaSettings;
import io.logwise.kafka.infra.settings.LogwiseFunction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The environment variables of one function: the connection and topics, its own derived settings, then the free
 * variables shared by all functions, then its own free variables.
 */
public final class FunctionEnvironment {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FunctionEnvironment() {
    }

    /** @param bootstrapServers the literal bootstrap string, or the deploy-time lookup token for MSK IAM */
    public static Map<String, String> forFunction(
            LogwiseFunction function, DeploymentSettings settings, String bootstrapServers) {
        KafkaSettings kafka = settings.kafka();
        Map<String, String> environment = new TreeMap<>();
        environment.put(EnvironmentVariables.BOOTSTRAP_SERVERS, bootstrapServers);
        environment.put(EnvironmentVariables.SECURITY_MODE, kafka.connection().securityMode());
        if (kafka.connection() instanceof KafkaConnection.Scram scram) {
            environment.put(EnvironmentVariables.SCRAM_SECRET_ARN, scram.secretArn());
        }
        kafka.truststorePath().ifPresent(path -> environment.put(EnvironmentVariables.TRUSTSTORE_PATH, path));
        environment.put(EnvironmentVariables.API_TIMEOUT_MS, Integer.toString(kafka.apiTimeoutMs()));
        environment.put(EnvironmentVariables.REQUEST_TIMEOUT_MS, Integer.toString(kafka.requestTimeoutMs()));
        environment.put(EnvironmentVariables.MANAGED_TOPIC_PREFIX, kafka.managedTopicPrefix());
        environment.put(EnvironmentVariables.STATE_TOPIC, kafka.stateTopic());
        environment.put(EnvironmentVariables.ENVIRONMENT_NAME, settings.environmentName());
        if (function.readsConsumerPositions() && !settings.checkpointSources().isEmpty()) {
            environment.put(EnvironmentVariables.CHECKPOINT_SOURCES, checkpointJson(settings.checkpointSources()));
        }
        if (function == LogwiseFunction.PARTITION_SCALER) {
            environment.put(EnvironmentVariables.SCALER_MODE, settings.scalerMode());
        }
        environment.putAll(settings.environment());
        if (function.readsConsumerPositions()) {
            // The scaler and the retention updater judge lag as the scanner does, unless told otherwise.
            Map<String, String> scanner = settings.function(LogwiseFunction.LAG_SCANNER).environment();
            EnvironmentVariables.LAG_JUDGEMENT.stream().filter(scanner::containsKey)
                    .forEach(name -> environment.put(name, scanner.get(name)));
        }
        environment.putAll(settings.function(function).environment());
        return environment;
    }

    private static String checkpointJson(List<CheckpointSource> sources) {
        List<Map<String, Object>> list = sources.stream().map(source -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", source.name());
            entry.put("location", source.location());
            if (!source.topics().isEmpty()) {
                entry.put("topics", source.topics());
            }
            return entry;
        }).toList();
        try {
            return JSON.writeValueAsString(list);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write checkpoint sources as JSON", e);
        }
    }
}
