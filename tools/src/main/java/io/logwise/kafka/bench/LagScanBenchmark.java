package io.logwise.kafka.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.client.Deadline;
import io.logwise.kafka.client.KafkaClients;
import io.logwise.kafka.gateway.LagKafkaGateway;
import io.logwise.kafka.json.Json;
import io.logwise.kafka.lag.LagScannerSettings;
import io.logwise.kafka.lag.ScanRequest;
import io.logwise.kafka.scan.ScanResult;
import io.logwise.kafka.service.LagScanService;
import io.logwise.kafka.testkit.ConsumerGroupCommandOutput;
import io.logwise.kafka.testkit.KafkaDistribution;
import io.logwise.kafka.testkit.LagFixtures;
import io.logwise.kafka.testkit.SecureKafka;
import io.logwise.kafka.testkit.ToolResult;
import io.logwise.kafka.testkit.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;

/**
 * Benchmark main (not a test): the lag scan against Kafka's ConsumerGroupCommand on the same broker and data, and
 * the scan's peak heap at a larger partition count. Prints what it measured. See scripts/bench-lag.
 */
public final class LagScanBenchmark {

    private static final String CGC = "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand";
    private static final String PREFIX = "logs.";

    private LagScanBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int topics = Integer.parseInt(options.getOrDefault("topics", "2000"));
        int partitions = Integer.parseInt(options.getOrDefault("partitions", "3"));
        int groups = Integer.parseInt(options.getOrDefault("groups", "50"));
        int heapPartitions = Integer.parseInt(options.getOrDefault("heap-partitions", "10000"));
        int heapGroups = Integer.parseInt(options.getOrDefault("heap-groups", String.valueOf(groups)));
        int runs = Integer.parseInt(options.getOrDefault("runs", "5"));
        // A broker of our own has a SASL_SSL (SCRAM-SHA-512) listener beside PLAINTEXT, with ACLs, as MSK has.
        SecureKafka secure = null;
        String bootstrap = options.get("bootstrap");
        if (bootstrap == null) {
            secure = SecureKafka.start(Files.createTempDirectory("lag-bench"));
            bootstrap = secure.cluster().bootstrapServers();
        }
        try (LagFixtures fixtures = new LagFixtures(bootstrap)) {
            System.out.printf("Lag scan benchmark: %d topics x %d partitions x %d groups on %s (%d cores)%n",
                    topics, partitions, groups, bootstrap, Runtime.getRuntime().availableProcessors());
            boolean setUp = Boolean.parseBoolean(options.getOrDefault("setup", "true"));
            if (setUp) {
                long setupMs = setUp(fixtures, "bench", 0, topics, partitions, groups);
                System.out.printf("setup (batched Admin/Producer calls): %,d ms%n", setupMs);
            }
            System.out.println(BenchTopics.awaitServed(fixtures.admin(), topicNames("bench", 0, topics),
                    Duration.ofMinutes(10)));
            WholeInvocation whole = WholeInvocation.measure(Path.of(System.getProperty("logwise.root")), bootstrap,
                    secure, runs, Integer.parseInt(options.getOrDefault("history-warmup", "11")));

            // Without and with a class data sharing archive of the probe's classes, interleaved.
            String cdsArchive = options.get("cds-archive");
            if (cdsArchive != null) {
                Files.deleteIfExists(Path.of(cdsArchive));
                probe(bootstrap, "256m", List.of("-XX:ArchiveClassesAtExit=" + cdsArchive, "-Xlog:cds=error"));
            }
            List<Long> freshMs = new ArrayList<>();
            List<Long> cdsMs = new ArrayList<>();
            JsonNode fresh = null;
            for (int run = 0; run < runs; run++) {
                long started = System.nanoTime();
                fresh = probe(bootstrap, "256m", List.of());
                freshMs.add((System.nanoTime() - started) / 1_000_000);
                if (cdsArchive != null) {
                    started = System.nanoTime();
                    probe(bootstrap, "256m", List.of("-XX:SharedArchiveFile=" + cdsArchive));
                    cdsMs.add((System.nanoTime() - started) / 1_000_000);
                }
            }
            System.out.printf("our scan, fresh JVM (JVM start included), %d runs: %s ms; last run: %s%n", runs, freshMs,
                    fresh);
            System.out.printf("  its phases: %s%n", fresh.get("phases").asText());
            if (cdsArchive != null) {
                System.out.printf("our scan, fresh JVM with an AppCDS archive of its classes, %d runs: %s ms%n", runs,
                        cdsMs);
            }
            long inProcess = inProcess(bootstrap);
            System.out.printf("our scan, in-process (warm), median of 5: %,d ms%n", inProcess);

            long started = System.nanoTime();
            ToolResult cgc = Tools.run(KafkaDistribution.fromEnvironment(), CGC,
                    List.of("--bootstrap-server", bootstrap, "--describe", "--all-groups"), Map.of(),
                    Path.of(System.getProperty("java.io.tmpdir")));
            long cgcMs = (System.nanoTime() - started) / 1_000_000;
            int rows = ConsumerGroupCommandOutput.parse(cgc.stdout()).rows().size();
            System.out.printf("ConsumerGroupCommand --describe --all-groups: %,d ms (exit %d, %,d partition rows)%n",
                    cgcMs, cgc.exitCode(), rows);
            long median = median(freshMs);
            System.out.printf("ratio ConsumerGroupCommand / our fresh-JVM scan (median %,d ms): %.1fx;"
                    + " / in-process scan: %.1fx%n", median, (double) cgcMs / median, (double) cgcMs / inProcess);
            if (!cdsMs.isEmpty()) {
                System.out.printf("ratio ConsumerGroupCommand / our fresh-JVM scan with AppCDS"
                        + " (median %,d ms): %.1fx%n",
                        median(cdsMs), (double) cgcMs / median(cdsMs));
            }
            whole.printRatios(cgcMs);

            int extraTopics = Math.max(0, (heapPartitions - topics * partitions + partitions - 1) / partitions);
            if (extraTopics > 0 && setUp) {
                setUp(fixtures, "heap", topics, topics + extraTopics, partitions, heapGroups);
            }
            if (heapGroups > groups && setUp) {
                commitGroups(fixtures, topicNames("bench", 0, topics), partitions, groups, heapGroups);
            }
            int total = (topics + extraTopics) * partitions;
            if (extraTopics > 0 && setUp) {
                List<String> all = new ArrayList<>(topicNames("bench", 0, topics));
                all.addAll(topicNames("heap", topics, topics + extraTopics));
                System.out.println(BenchTopics.awaitServed(fixtures.admin(), all, Duration.ofMinutes(10)));
            }
            // 217m is the heap Lambda's java runtime gives a 256 MB function (85 %); 128m shows the margin.
            for (String heap : List.of("217m", "128m")) {
                try {
                    JsonNode figures = probe(bootstrap, heap, List.of());
                    System.out.printf("heap at %,d partitions x %d groups, -Xmx%s: peak %.1f MB (sum of heap pools'"
                                    + " peaks), scan %s ms, %s topics / %s partitions scanned (%,d topics created),"
                                    + " partial %s%s, result %s bytes listing %s topics"
                                    + " (the result is bounded to 256 KB);"
                                    + " %s%n",
                            total, heapGroups, heap, figures.get("peakHeapBytes").asLong() / 1e6,
                            figures.get("scanMs"), figures.get("topics"), figures.get("partitions"),
                            topics + extraTopics, figures.get("partial"),
                            figures.get("partial").asBoolean() ? " (" + figures.get("firstProblem").asText() + ")" : "",
                            figures.get("resultBytes"),
                            figures.get("topicsInResult"), figures.get("phases").asText());
                } catch (IllegalStateException e) {
                    System.out.printf("heap at %,d partitions x %d groups, -Xmx%s: FAILED: %s%n", total,
                            heapGroups, heap,
                            e.getMessage());
                }
            }
        } finally {
            if (secure != null) {
                secure.close();
            }
        }
    }

    /** Topics {@code from..to}, N = 10 records per partition, every group committing on every partition. */
    private static long setUp(LagFixtures fixtures, String name, int from, int to, int partitions, int groups) {
        long started = System.nanoTime();
        List<String> names = topicNames(name, from, to);
        Map<String, Integer> topics = new LinkedHashMap<>();
        Map<String, int[]> records = new HashMap<>();
        for (String topic : names) {
            topics.put(topic, partitions);
            int[] counts = new int[partitions];
            java.util.Arrays.fill(counts, 10);
            records.put(topic, counts);
        }
        fixtures.createTopics(topics, Map.of());
        fixtures.produce(records);
        commitGroups(fixtures, names, partitions, 0, groups);
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static List<String> topicNames(String name, int from, int to) {
        List<String> names = new ArrayList<>();
        for (int t = from; t < to; t++) {
            names.add(PREFIX + name + "-" + t);
        }
        return names;
    }

    /** Groups {@code spark-bench-fromGroup..toGroup} commit an offset on every partition of the topics. */
    private static void commitGroups(LagFixtures fixtures, List<String> topics, int partitions, int fromGroup,
                                     int toGroup) {
        for (int g = fromGroup; g < toGroup; g++) {
            Map<TopicPartition, Long> offsets = new HashMap<>();
            for (String topic : topics) {
                for (int p = 0; p < partitions; p++) {
                    offsets.put(new TopicPartition(topic, p), (long) ((g + p) % 11));
                }
            }
            fixtures.commit("spark-bench-" + g, offsets);
        }
    }

    /** A scheduled scan through the handler in a fresh JVM with Lambda-like flags; its figures. */
    private static JsonNode probe(String bootstrap, String heap, List<String> jvmOptions)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("lag-probe", ".out");
        Path err = Files.createTempFile("lag-probe", ".err");
        try {
            // The probe's own classpath (jars only, so class data sharing can archive its classes) when given.
            String classpath = System.getProperty("logwise.bench.probeClasspath",
                    System.getProperty("java.class.path"));
            List<String> command = new ArrayList<>(List.of(KafkaDistribution.javaExecutable(), "-Xmx" + heap,
                    "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dlogwise.log.target=System.err"));
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", classpath, LagScanProbe.class.getName()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
            builder.environment().put("KAFKA_API_TIMEOUT_MS", "60000");
            builder.environment().put("KAFKA_REQUEST_TIMEOUT_MS", "30000");
            builder.environment().put("EMF_OUTPUT", "stdout");
            Process process = builder.start();
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                List<String> lines = Files.readAllLines(err);
                throw new IllegalStateException("the probe failed: "
                        + String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size())));
            }
            String phases = Files.readAllLines(err).stream().filter(l -> l.contains("lag scan phases"))
                    .map(l -> l.replaceAll(".*lag scan phases \\(ms\\): ([^\"]*)\".*", "$1")).findFirst().orElse("-");
            List<String> lines = Files.readAllLines(out);
            String last = lines.get(lines.size() - 1);
            if (!last.startsWith(LagScanProbe.MARKER)) {
                throw new IllegalStateException("the probe printed no figures: " + last);
            }
            JsonNode figures = Json.MAPPER.readTree(last.substring(LagScanProbe.MARKER.length()));
            ((com.fasterxml.jackson.databind.node.ObjectNode) figures).put("emfLines", lines.size() - 1)
                    .put("phases", phases);
            return figures;
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static long inProcess(String bootstrap) {
        Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap, "KAFKA_API_TIMEOUT_MS", "60000",
                "KAFKA_REQUEST_TIMEOUT_MS", "30000");
        List<Long> times = new ArrayList<>();
        try (KafkaClients clients = new KafkaClients(KafkaClients.factoryFor(env))) {
            for (int run = 0; run < 6; run++) {
                long started = System.nanoTime();
                LagKafkaGateway gateway = new LagKafkaGateway(clients.admin(), Deadline.after(Duration.ofMinutes(2),
                        Duration.ofSeconds(60)));
                ScanResult result = LagScanService.forKafkaGroups(gateway, LagScannerSettings.fromEnv(env))
                        .scan(ScanRequest.FULL);
                if (result.partial()) {
                    throw new IllegalStateException("partial scan: " + result.problems());
                }
                if (run > 0) {
                    times.add((System.nanoTime() - started) / 1_000_000);
                }
            }
        }
        return median(times);
    }

    static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
