package io.logwise.kafka.state.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.logwise.kafka.cli.CommandLine;
import io.logwise.kafka.client.Deadline;
import io.logwise.kafka.client.KafkaClientFactory;
import io.logwise.kafka.client.KafkaClients;
import io.logwise.kafka.config.KafkaConnectionSettings;
import io.logwise.kafka.error.LogwiseException;
import io.logwise.kafka.gateway.StateStore;
import io.logwise.kafka.json.Json;
import io.logwise.kafka.state.JournalTable;
import io.logwise.kafka.state.StateStoreSettings;
import io.logwise.kafka.topics.TopicNames;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;

/**
 * {@code scripts/journal [--topic logs.x] [--json] [--extensions]}: prints the decision journal (or the active
 * temporary retention extensions) from the state topic. Read-only: it never creates the topic or writes to it.
 */
public final class JournalCommand {

    private static final Duration TIME_LIMIT = Duration.ofSeconds(30);
    private static final String USAGE = """
            usage: scripts/journal [--topic TOPIC] [--json] [--extensions]
              --topic TOPIC   only this topic's decisions (e.g. logs.orders)
              --json          a JSON array, one decision per line, instead of a table
              --extensions    the active temporary retention extensions instead of the decisions
            Kafka: KAFKA_BOOTSTRAP_SERVERS (default 127.0.0.1:9092) and the other KAFKA_* variables;
            state topic: STATE_TOPIC (default logwise-ops.state).""";

    private JournalCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    record Options(Optional<String> topic, boolean json, boolean extensions) {
    }

    static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        CommandLine.Start<Options> start = CommandLine.start("journal", USAGE, args, JournalCommand::parse, out, err);
        if (!start.run()) {
            return start.exitCode();
        }
        Options options = start.options();
        Map<String, String> env = CommandLine.environment(environment);
        try {
            StateStoreSettings settings = StateStoreSettings.fromEnv(env);
            KafkaClientFactory factory = KafkaClients.factoryFor(env);
            Deadline deadline =
                    Deadline.after(TIME_LIMIT.plus(Deadline.SAFETY_MARGIN), factory.settings().apiTimeout());
            try (Admin admin = Admin.create(factory.adminProperties())) {
                Optional<StateStore> opened = StateStore.openIfExists(factory, admin, settings, deadline);
                if (opened.isEmpty()) {
                    err.println("journal: no decision journal on " + factory.settings().bootstrapServers()
                            + ": the state topic " + settings.topic() + " does not exist (check "
                            + KafkaConnectionSettings.BOOTSTRAP_SERVERS + " and " + StateStoreSettings.TOPIC + ")");
                    return 1;
                }
                try (StateStore store = opened.get()) {
                    out.print(options.extensions() ? extensions(store, options) : decisions(store, options));
                }
            }
            return 0;
        } catch (LogwiseException e) {
            err.println("journal: " + e.getMessage());
            return 1;
        }
    }

    private static String decisions(StateStore store, Options options) {
        var decisions = options.topic().map(store.journal()::decisions).orElseGet(store.journal()::all);
        return options.json() ? jsonArray(decisions) : JournalTable.decisions(decisions);
    }

    private static String extensions(StateStore store, Options options) {
        var active = store.extensions().active().stream()
                .filter(e -> options.topic().map(e.topic()::equals).orElse(true)).toList();
        return options.json() ? jsonArray(active) : JournalTable.extensions(active);
    }

    private static String jsonArray(List<?> values) {
        if (values.isEmpty()) {
            return "[]\n";
        }
        return values.stream().map(JournalCommand::json).collect(Collectors.joining(",\n", "[\n", "\n]\n"));
    }

    private static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value + " as JSON", e);
        }
    }

    /** The options, or null when help was asked for. */
    static Options parse(String[] args) {
        Optional<String> topic = Optional.empty();
        boolean json = false;
        boolean extensions = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--topic" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--topic needs a topic name");
                    }
                    String name = args[++i];
                    TopicNames.problemWith(name).ifPresent(problem -> {
                        throw new IllegalArgumentException("--topic '" + name + "': " + problem);
                    });
                    topic = Optional.of(name);
                }
                case "--json" -> json = true;
                case "--extensions" -> extensions = true;
                case "-h", "--help" -> {
                    return null;
                }
                default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
            }
        }
        return new Options(topic, json, extensions);
    }
}
