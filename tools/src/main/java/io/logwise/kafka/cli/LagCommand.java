package io.logwise.kafka.cli;

import io.logwise.kafka.client.Deadline;
import io.logwise.kafka.client.KafkaClients;
import io.logwise.kafka.error.LogwiseException;
import io.logwise.kafka.json.Json;
import io.logwise.kafka.lag.LagTable;
import io.logwise.kafka.lag.PartitionTable;
import io.logwise.kafka.lag.PartitionView;
import io.logwise.kafka.lag.ScanRequest;
import io.logwise.kafka.scan.ScanResult;
import io.logwise.kafka.service.LagScanPipeline;
import io.logwise.kafka.service.ScanHistoryService;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code scripts/lag [--partitions] [--json] [--topics a,b] [--groups g,h]}: runs the lag scanner against
 * KAFKA_BOOTSTRAP_SERVERS (default 127.0.0.1:9092) with the function's settings from the environment, and prints a
 * table (or the full result as JSON). Spark checkpoints (SPARK_CHECKPOINT_SOURCES) are read like the function does;
 * rates and trends come from the scan history the function stores on STATE_TOPIC, when it exists. With
 * {@code --partitions}, each consumer's position, the log start and end and the lag per partition instead (a
 * {@link PartitionView}; no history is read). Reads only; never changes anything (this scan's snapshot is not stored).
 */
public final class LagCommand {

    static final String USAGE = """
            usage: scripts/lag [--partitions] [--json] [--topics logs.a,logs.b] [--groups g1,g2]
              --partitions  per topic, consumer and partition: position, log start, log end, lag
              --json        JSON instead of a table (the scan result, or with --partitions the partition rows)
              --topics      only these topics (comma-separated)
              --groups      only these consumers: Kafka groups or Spark checkpoint source names (comma-separated)""";

    private LagCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    record Options(boolean json, boolean partitions, Optional<Set<String>> topics, Optional<Set<String>> groups) {

        ScanRequest request() {
            return new ScanRequest(topics, groups);
        }
    }

    /** The exit code: 0 done, 1 the scan failed, 2 bad options (with the usage). */
    static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        CommandLine.Start<Options> start = CommandLine.start("lag", USAGE, args, LagCommand::parse, out, err);
        if (!start.run()) {
            return start.exitCode();
        }
        Options options = start.options();
        Map<String, String> env = CommandLine.environment(environment);
        try (KafkaClients clients = new KafkaClients(KafkaClients.factoryFor(env));
             LagScanPipeline pipeline = LagScanPipeline.fromEnv(env, ScanHistoryService.Mode.READ_ONLY)) {
            Deadline deadline = Deadline.after(Duration.ofMinutes(5), clients.factory().settings().apiTimeout());
            if (options.partitions()) {
                PartitionView view = pipeline.partitions(clients, deadline, options.request());
                out.print(options.json() ? json(view) : PartitionTable.render(view));
            } else {
                ScanResult result = pipeline.scan(clients, deadline, options.request());
                out.print(options.json() ? json(result) : LagTable.render(result));
            }
            out.flush();
            return 0;
        } catch (LogwiseException e) {
            err.println("lag scan failed (" + e.reason() + "): " + e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("lag scan failed: " + e);
            return 1;
        }
    }

    private static String json(Object value) throws Exception {
        return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n";
    }

    /** The options, or null when help was asked for; an {@link IllegalArgumentException} says what is wrong. */
    static Options parse(String[] args) {
        boolean json = false;
        boolean partitions = false;
        Optional<Set<String>> topics = Optional.empty();
        Optional<Set<String>> groups = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--json" -> json = true;
                case "--partitions" -> partitions = true;
                case "--topics" -> topics = Optional.of(list(args, ++i));
                case "--groups" -> groups = Optional.of(list(args, ++i));
                case "-h", "--help" -> {
                    return null;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        return new Options(json, partitions, topics, groups);
    }

    private static Set<String> list(String[] args, int index) {
        if (index >= args.length) {
            throw new IllegalArgumentException("a comma-separated list is expected after " + args[index - 1]);
        }
        return new LinkedHashSet<>(Arrays.stream(args[index].split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList());
    }
}
