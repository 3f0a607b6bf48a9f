package io.logwise.kafka.cli;

import io.logwise.kafka.admin.LagScanPipeline;
import io.logwise.kafka.admin.ScanHistoryService;
import io.logwise.kafka.client.Deadline;
import io.logwise.kafka.client.KafkaClients;
import io.logwise.kafka.config.KafkaConnectionSettings;
import io.logwise.kafka.error.LogwiseException;
import io.logwise.kafka.json.Json;
import io.logwise.kafka.lag.LagTable;
import io.logwise.kafka.lag.ScanRequest;
import io.logwise.kafka.scan.ScanResult;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code scripts/lag [--json] [--topics a,b] [--groups g,h]}: runs the lag scanner against
 * KAFKA_BOOTSTRAP_SERVERS (default 127.0.0.1:9092) with the function's settings from the environment, and prints a
 * table (or the full result as JSON). Spark checkpoints (SPARK_CHECKPOINT_SOURCES) are read like the function does;
 * rates and trends come from the scan history the function stores on STATE_TOPIC, when it exists. Reads only;
 * never changes anything (this scan's snapshot is not stored).
 */
public final class LagCommand {

    private LagCommand() {
    }

    public static void main(String[] args) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putIfAbsent(KafkaConnectionSettings.BOOTSTRAP_SERVERS, "127.0.0.1:9092");
        boolean json = false;
        Optional<Set<String>> topics = Optional.empty();
        Optional<Set<String>> groups = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--json" -> json = true;
                case "--topics" -> topics = Optional.of(list(args, ++i));
                case "--groups" -> groups = Optional.of(list(args, ++i));
                default -> {
                    System.err.println("usage: scripts/lag [--json] [--topics logs.a,logs.b] [--groups g1,g2]");
                    System.exit(2);
                }
            }
        }
        try (KafkaClients clients = new KafkaClients(KafkaClients.factoryFor(env));
             LagScanPipeline pipeline = LagScanPipeline.fromEnv(env, ScanHistoryService.Mode.READ_ONLY)) {
            Deadline deadline = Deadline.after(Duration.ofMinutes(5), clients.factory().settings().apiTimeout());
            ScanResult result = pipeline.scan(clients, deadline, new ScanRequest(topics, groups));
            System.out.print(json ? Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(result) + "\n"
                    : LagTable.render(result));
        } catch (LogwiseException e) {
            System.err.println("lag scan failed (" + e.reason() + "): " + e.getMessage());
            System.exit(1);
        } catch (Exception e) {
            System.err.println("lag scan failed: " + e);
            System.exit(1);
        }
    }

    private static Set<String> list(String[] args, int index) {
        if (index >= args.length) {
            System.err.println("a comma-separated list is expected after " + args[index - 1]);
            System.exit(2);
        }
        return new LinkedHashSet<>(Arrays.stream(args[index].split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList());
    }
}
