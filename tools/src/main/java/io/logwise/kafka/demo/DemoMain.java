package io.logwise.kafka.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.time.HumanDuration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;

/**
 * The whole Kafka layer end to end on a real local broker (scripts/demo starts and stops it): provision, let the
 * broker auto-create a topic for the sweep to adopt, produce Vector-like logs at different rates with slow Spark-like
 * consumers, then run scan -> scale and protect retention a few rounds through scripts/invoke, as EventBridge would.
 * Ends with a before/after table and exits 0 only if the expected decisions happened.
 */
public final class DemoMain {

    private static final List<String> PROVISIONED = List.of("order-service", "billing", "search");
    private static final String AUDIT = "logs.audit";
    private static final String ADOPTED = "logs.payments";
    private static final String LAGGING = "logs.order-service";
    private static final int ROUNDS = 4;

    /** When the run began: scripts/demo passes its own start (build and broker start-up included). */
    private final long startedEpochMs = Long.getLong("logwise.demo.startedAtEpochMs", System.currentTimeMillis());
    private final String bootstrap;
    private final FunctionRunner functions;
    private final Path root;
    private final Path workDir;
    private final List<String> decisions = new ArrayList<>();
    private final Map<String, Boolean> expectations = new LinkedHashMap<>();

    private DemoMain(Path root, Path workDir, String bootstrap) {
        this.bootstrap = bootstrap;
        this.root = root;
        this.workDir = workDir;
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("MAX_LAG_PER_PARTITION", "5000");
        env.put("SCALER_MODE", "on");
        env.put("SCALER_COOLDOWN", "2m");
        env.put("HISTORY_MAX_GAP_SECONDS", "120");
        env.put("SPARK_CHECKPOINT_SOURCES", "[{\"name\":\"spark-audit\",\"location\":\""
                + workDir.resolve("checkpoints/audit").toAbsolutePath() + "\"}]");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
        this.functions = new FunctionRunner(root, workDir, env);
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: DemoMain ROOT WORK_DIR BOOTSTRAP");
            System.exit(2);
        }
        Path workDir = Path.of(args[1]);
        Files.createDirectories(workDir);
        System.exit(new DemoMain(Path.of(args[0]), workDir, args[2]).run() ? 0 : 1);
    }

    private boolean run() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            step("provisioning " + PROVISIONED + " (3 partitions, 1 h) and logs.audit (1 minute retention)");
            JsonNode provisioned = call("topic-provisioner", Map.of("services", PROVISIONED));
            call("topic-provisioner", Map.of("services", List.of("audit"), "retentionMs", 60_000));
            provisioned.path("topics").forEach(t -> decision("topic-provisioner", t.path("topic").asText(),
                    t.path("status").asText(), t.path("reason").asText()));

            List<AutoCloseable> running = new ArrayList<>();
            try {
                step("Vector starts writing; the broker auto-creates " + ADOPTED + " with its defaults");
                Map<String, Integer> rates = new LinkedHashMap<>(Map.of("order-service", 3000, "billing", 200,
                        "search", 600, "payments", 100, "audit", 400));
                rates.forEach((service, rate) -> running.add(new LogTraffic(bootstrap, service, "logs." + service,
                        rate).start()));
                awaitTopic(admin, ADOPTED);
                Map<String, Snapshot> before = snapshot(admin);

                step("Spark-like jobs start: spark-order-service reads 500 msg/s (writes 3000), spark-audit keeps"
                        + " its position in a checkpoint and reads 40 msg/s (writes 400)");
                running.add(new SlowConsumer(bootstrap, "spark-order-service", LAGGING, 500, null).start());
                running.add(new SlowConsumer(bootstrap, "spark-billing", "logs.billing", 2000, null).start());
                running.add(new SlowConsumer(bootstrap, "spark-search", "logs.search", 2000, null).start());
                running.add(new SlowConsumer(bootstrap, "spark-payments", ADOPTED, 2000, null).start());
                running.add(new SlowConsumer(bootstrap, "spark-audit", AUDIT, 40,
                        workDir.resolve("checkpoints/audit")).start());

                step("scheduled sweep: the provisioner adopts what the broker auto-created");
                JsonNode sweep = call("topic-provisioner",
                        Files.readString(eventsDir().resolve("provision-sweep.json")));
                sweep.path("topics").forEach(t -> {
                    if (!t.path("status").asText().equals("exists")) {
                        decision("topic-provisioner", t.path("topic").asText(), t.path("status").asText(),
                                t.path("reason").asText());
                    }
                });
                expect("sweep adopted " + ADOPTED, sweep.toString().contains("\"topic\":\"" + ADOPTED
                        + "\"") && sweep.toString().contains("adopted"));

                JsonNode scan = null;
                for (int round = 1; round <= ROUNDS; round++) {
                    sleep(Duration.ofSeconds(round == 1 ? 10 : 6));
                    step("round " + round + "/" + ROUNDS + ": lag-scanner, then partition-scaler and"
                            + " retention-updater with its result (as the EventBridge rule delivers it)");
                    scan = call("lag-scanner", Files.readString(eventsDir().resolve("scheduled-event.json")));
                    printScan(scan);
                    Map<String, Object> delivered = Map.of("version", "0", "id", "demo-" + round,
                            "detail-type", "Lambda Function Invocation Result - Success", "source", "lambda",
                            "detail", Map.of("responsePayload", scan));
                    record("partition-scaler", call("partition-scaler", delivered));
                    record("retention-updater", call("retention-updater", delivered));
                }

                step("an operator keeps billing logs 7 days for an audit, and tries to cut order-service to 1 minute");
                record("retention-updater", call("retention-updater", Map.of("services", List.of("billing"),
                        "retention", "7d", "reason", "audit")));
                FunctionRunner.Result refused = functions.invoke("retention-updater", Map.of(
                        "services", List.of("order-service"), "retention", "1m", "reason", "save disk"));
                record("retention-updater", refused.json());

                Map<String, Snapshot> after = snapshot(admin);
                printTable(before, after, scan);
                expect(LAGGING + " gained partitions", after.get(LAGGING).partitions() > 3);
                expect("logs.billing retention raised to 7 d", after.get("logs.billing").retentionMs() == 604_800_000L);
                expect("logs.order-service not lowered to 1 minute",
                        after.get(LAGGING).retentionMs() == before.get(LAGGING).retentionMs());
                expect(AUDIT + " retention extended to protect unread logs",
                        after.get(AUDIT).retentionMs() > 60_000L);
            } finally {
                for (AutoCloseable resource : running) {
                    resource.close();
                }
            }
        }
        return report();
    }

    private JsonNode call(String function, Object event) {
        FunctionRunner.Result result = functions.invoke(function, event);
        if (!result.ok()) {
            throw new IllegalStateException(function + " failed: " + result.json() + "\n" + tail(result.stderr()));
        }
        return result.json();
    }

    /** Collects the decision lines of a scaler or retention report (any function that lists decisions). */
    private void record(String function, JsonNode report) {
        for (String field : List.of("decisions", "lines")) {
            report.path(field).forEach(line -> {
                String outcome = line.path("outcome").asText(line.path("action").asText());
                if (!Set.of("none", "no-change", "").contains(outcome)) {
                    if (line.has("action") && !line.path("action").asText().equals(outcome)) {
                        outcome = line.path("action").asText() + " " + outcome;
                    }
                    decision(function, line.path("topic").asText(), outcome + describe(line),
                            line.path("reason").asText(line.path("explanation").asText()));
                }
            });
        }
        if (report.has("errorMessage")) {
            decision(function, "-", "error", report.path("errorMessage").asText());
        }
    }

    private static String describe(JsonNode line) {
        if (line.hasNonNull("from") && line.hasNonNull("to")) {
            if (line.path("config").asText().equals("retention.ms")) {
                return " " + human(line.get("from").asLong()) + " -> " + human(line.get("to").asLong());
            }
            return " " + line.get("from").asText() + " -> " + line.get("to").asText();
        }
        return line.hasNonNull("refusal") ? " (" + line.get("refusal").asText() + ")" : "";
    }

    private void decision(String function, String topic, String what, String reason) {
        decisions.add(String.format("  %-18s %-20s %-28s %s", function, topic, what, reason));
    }

    private void expect(String what, boolean happened) {
        expectations.put(what, happened);
    }

    private void printScan(JsonNode scan) {
        List<String> lines = new ArrayList<>();
        scan.path("topics").forEach(t -> lines.add(String.format("%s %s lag=%s", t.path("topic").asText(),
                t.path("verdict").asText(), count(t.path("worst").path("lag")))));
        System.out.println("        scan: " + String.join(" | ", lines));
    }

    private record Snapshot(int partitions, long retentionMs) {
    }

    private static Map<String, Snapshot> snapshot(Admin admin) throws Exception {
        Set<String> topics = new java.util.TreeSet<>(admin.listTopics().names().get(10, TimeUnit.SECONDS));
        topics.removeIf(t -> !t.startsWith("logs."));
        Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get(10,
                TimeUnit.SECONDS);
        Map<ConfigResource, Config> configs = admin.describeConfigs(topics.stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList()).all().get(10, TimeUnit.SECONDS);
        Map<String, Snapshot> snapshot = new java.util.TreeMap<>();
        for (String topic : topics) {
            long retention = Long.parseLong(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic))
                    .get("retention.ms").value());
            snapshot.put(topic, new Snapshot(described.get(topic).partitions().size(), retention));
        }
        return snapshot;
    }

    private void printTable(Map<String, Snapshot> before, Map<String, Snapshot> after, JsonNode scan) {
        Map<String, JsonNode> lastScan = new HashMap<>();
        if (scan != null) {
            scan.path("topics").forEach(t -> lastScan.put(t.path("topic").asText(), t));
        }
        System.out.println();
        System.out.println("=== LogWise Kafka layer: before -> after (" + elapsed() + ") ===");
        System.out.printf("%-22s %-12s %-22s %-12s %-14s%n", "topic", "partitions", "retention", "lag", "verdict");
        after.forEach((topic, now) -> {
            Snapshot was = before.getOrDefault(topic, now);
            JsonNode scanned = lastScan.get(topic);
            System.out.printf("%-22s %-12s %-22s %-12s %-14s%n", topic, was.partitions() + " -> " + now.partitions(),
                    human(was.retentionMs()) + " -> " + human(now.retentionMs()),
                    scanned == null ? "-" : count(scanned.path("worst").path("lag")),
                    scanned == null ? "-" : scanned.path("verdict").asText());
        });
        System.out.println();
        System.out.println("Decisions (function, topic, outcome, reason):");
        decisions.forEach(System.out::println);
    }

    private boolean report() {
        System.out.println();
        System.out.println("Expected decisions:");
        expectations.forEach((what, ok) -> System.out.println("  [" + (ok ? "ok" : "MISSING") + "] " + what));
        boolean all = !expectations.isEmpty() && expectations.values().stream().allMatch(Boolean::booleanValue);
        System.out.println(all ? "Demo finished in " + elapsed() + ": every expected decision happened."
                : "Demo finished in " + elapsed() + ": some expected decisions did not happen (see above).");
        return all;
    }

    private void step(String what) {
        System.out.println("[demo " + elapsed() + "] " + what);
    }

    private String elapsed() {
        long seconds = TimeUnit.MILLISECONDS.toSeconds(System.currentTimeMillis() - startedEpochMs);
        return String.format("%d:%02d", seconds / 60, seconds % 60);
    }

    /** A count as people read it: 67,995; "-" when absent. */
    private static String count(JsonNode value) {
        return value.isNumber() ? String.format(java.util.Locale.ROOT, "%,d", value.asLong()) : "-";
    }

    /** A retention as people read it: {@code 1h}, {@code 16m52s}, {@code 7d}; "unlimited" for -1. */
    private static String human(long ms) {
        return HumanDuration.retentionMs(ms);
    }

    private Path eventsDir() {
        return root.resolve("events");
    }

    private static void awaitTopic(Admin admin, String topic) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(topic)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(topic + " was not auto-created within 30 s");
            }
            sleep(Duration.ofMillis(200));
        }
    }

    private static void sleep(Duration duration) {
        LogTraffic.sleep(duration);
    }

    private static String tail(String text) {
        String[] lines = text.lines().toArray(String[]::new);
        return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 15), lines.length));
    }
}
