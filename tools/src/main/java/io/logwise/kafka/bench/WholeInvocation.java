package io.logwise.kafka.bench;

import static io.logwise.kafka.bench.LagScanBenchmark.median;

import io.logwise.kafka.testkit.SecureKafka;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The scheduled lag scan as Lambda runs it: {@code scripts/invoke lag-scanner} (the real runtime client, a 512 MB
 * function, scan history and EMF on), beside the bare reference ({@link BareLagReference}), the scan's own Kafka calls
 * made bare (the floor of any scan with the same verdicts) and, where the broker has one, the same invocation over
 * SASL_SSL with SCRAM-SHA-512. Runs interleaved, after untimed invocations that fill
 * the scan history as a scanner running every minute keeps it. Prints what it measured.
 */
final class WholeInvocation {

    private static final String USER = "bench";
    private static final String PASSWORD = "bench-secret";
    private static final Pattern NUMBERS = Pattern.compile("\\d+");
    private static final String SCAN_CALLS_FLOOR =
            "io.logwise.kafka.local.fixtures.ScanCallsFloorHandler::handleRequest";

    private final List<ScanInvocation> plain = new ArrayList<>();
    private final List<ScanInvocation> reference = new ArrayList<>();
    private final List<ScanInvocation> scanCalls = new ArrayList<>();
    private final List<ScanInvocation> scanCallsInvoked = new ArrayList<>();
    private final List<ScanInvocation> sasl = new ArrayList<>();
    private final List<ScanInvocation> snapStart = new ArrayList<>();
    private final List<Integer> plainConnections = new ArrayList<>();
    private final List<Integer> saslConnections = new ArrayList<>();

    private WholeInvocation() {
    }

    static WholeInvocation measure(Path root, String bootstrap, SecureKafka secure, int runs, int historyWarmup)
            throws IOException, InterruptedException {
        Map<String, String> plainEnv = environment(bootstrap);
        Map<String, String> saslEnv = null;
        if (secure != null) {
            secure.addScramUser(USER, PASSWORD);
            String principal = "User:" + USER;
            secure.createAcls(List.of(
                    SecureKafka.allow(principal, ResourceType.TOPIC, "*", PatternType.LITERAL, AclOperation.ALL),
                    SecureKafka.allow(principal, ResourceType.GROUP, "*", PatternType.LITERAL, AclOperation.ALL),
                    SecureKafka.allow(principal, ResourceType.TRANSACTIONAL_ID, "*", PatternType.LITERAL,
                            AclOperation.ALL),
                    SecureKafka.allow(principal, ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL,
                            AclOperation.ALL)));
            saslEnv = new LinkedHashMap<>(environment(secure.scramBootstrapServers()));
            saslEnv.putAll(secure.scramConnection());
            saslEnv.put("KAFKA_SCRAM_USERNAME", USER);
            saslEnv.put("KAFKA_SCRAM_PASSWORD", PASSWORD);
        }
        String classpath = System.getProperty("logwise.bench.probeClasspath", System.getProperty("java.class.path"));
        long started = System.nanoTime();
        for (int i = 0; i < historyWarmup; i++) {
            ScanInvocation.invoke(root, plainEnv);
        }
        System.out.printf("scan history filled by %d untimed invocations in %,d ms%n", historyWarmup,
                (System.nanoTime() - started) / 1_000_000);
        WholeInvocation whole = new WholeInvocation();
        for (int run = 0; run < runs; run++) {
            whole.reference.add(ScanInvocation.reference(root, classpath, plainEnv));
            whole.scanCalls.add(ScanInvocation.scanCallsReference(root, classpath, plainEnv));
            whole.scanCallsInvoked.add(ScanInvocation.invoke(root, SCAN_CALLS_FLOOR, plainEnv));
            whole.plain.add(counted(root, plainEnv, bootstrap, whole.plainConnections));
            whole.snapStart.add(ScanInvocation.invoke(root, snapStart(plainEnv)));
            if (saslEnv != null) {
                whole.sasl.add(counted(root, saslEnv, secure.scramBootstrapServers(), whole.saslConnections));
            }
        }
        whole.print();
        return whole;
    }

    private static ScanInvocation counted(Path root, Map<String, String> env, String bootstrap, List<Integer> counts)
            throws IOException, InterruptedException {
        if (!ConnectionCounter.available()) {
            return ScanInvocation.invoke(root, env);
        }
        String first = bootstrap.contains(",") ? bootstrap.substring(0, bootstrap.indexOf(',')) : bootstrap;
        int port = Integer.parseInt(first.substring(first.lastIndexOf(':') + 1));
        try (ConnectionCounter counter = ConnectionCounter.toPort(port)) {
            ScanInvocation invocation = ScanInvocation.invoke(root, env);
            counts.add(counter.opened());
            return invocation;
        }
    }

    /** As the stack deploys it: SnapStart on (scripts/invoke simulates the snapshot and restore; priming on). */
    private static Map<String, String> snapStart(Map<String, String> environment) {
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
        return env;
    }

    private static Map<String, String> environment(String bootstrap) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("KAFKA_API_TIMEOUT_MS", "60000");
        env.put("KAFKA_REQUEST_TIMEOUT_MS", "30000");
        env.put("EMF_OUTPUT", "stdout");
        env.put("LOGWISE_INVOKE_CDS", "off");
        // 512 MB: at 256 MB (25.6 MB of Metaspace) the scan with its history ran out of Metaspace here; the stack
        // gives the scanner 1,024 MB.
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
        return env;
    }

    private void print() {
        ScanInvocation last = plain.get(plain.size() - 1);
        System.out.printf("whole scan invocation, scripts/invoke lag-scanner (runtime client, 512 MB, history and EMF"
                + " on), %d runs: %s ms, median %,d ms; REPORT Init median %.0f ms, Duration median %.0f ms%n",
                plain.size(), wall(plain), median(wall(plain)), medianOf(plain, true), medianOf(plain, false));
        double scan = sum(last.phases());
        double history = sum(last.history());
        System.out.printf("  its phases (last run, ms): launch to event handed out (JVM, runtime client, handler)"
                + " %.0f; scan %.0f (%s); history %.0f (%s); the rest of Duration (EMF, result compaction,"
                + " serialization) %.0f; after the response to exit %d%n", last.initMs(), scan, last.phases(),
                history, last.history(), last.durationMs() - scan - history,
                Math.round(last.wallMs() - last.initMs() - last.durationMs()));
        System.out.printf("  state snapshot of this scan: %s%n", snapshotBytes(last.history()));
        System.out.printf("bare reference (fresh JVM: listTopics, listGroups, one listConsumerGroupOffsets, one"
                + " listOffsets), %d runs: %s ms, median %,d ms; %s%n", reference.size(), wall(reference),
                median(wall(reference)), reference.get(reference.size() - 1).output());
        System.out.printf("the scan's own Kafka calls, bare (the reference plus describeTopics, describeConfigs and"
                + " listOffsets earliest, which the verdicts need: partitions without commits and leaders,"
                + " retention.ms, log starts), %d runs: %s ms, median %,d ms = %.2fx the bare reference; %s%n",
                scanCalls.size(), wall(scanCalls), median(wall(scanCalls)),
                (double) median(wall(scanCalls)) / median(wall(reference)), scanCalls.get(scanCalls.size() - 1)
                        .output());
        System.out.printf("the same calls as Lambda runs a function (scripts/invoke with ScanCallsFloorHandler: the"
                + " runtime client, the functions' admin client, no JSON library), %d runs: %s ms, median %,d ms ="
                + " %.2fx the bare reference: the floor of the whole invocation; %s%n", scanCallsInvoked.size(),
                wall(scanCallsInvoked), median(wall(scanCallsInvoked)),
                (double) median(wall(scanCallsInvoked)) / median(wall(reference)),
                scanCallsInvoked.get(scanCallsInvoked.size() - 1).output());
        if (!sasl.isEmpty()) {
            System.out.printf("whole scan invocation over SASL_SSL (SCRAM-SHA-512, ACLs), %d runs: %s ms, median %,d"
                    + " ms; REPORT Duration median %.0f ms; connections opened per invocation: %s (plaintext: %s)%n",
                    sasl.size(), wall(sasl), median(wall(sasl)), medianOf(sasl, false), saslConnections,
                    plainConnections);
        }
    }

    void printRatios(long consumerGroupCommandMs) {
        long invocation = median(wall(plain));
        System.out.printf("ratios, whole invocation (median %,d ms): ConsumerGroupCommand / invocation %.1fx (goal at"
                + " least 20x); invocation / bare reference (median %,d ms) %.2fx (goal at most 1.3x)%n", invocation,
                (double) consumerGroupCommandMs / invocation, median(wall(reference)),
                (double) invocation / median(wall(reference)));
        System.out.printf("  invocation / the scan's own Kafka calls, bare (median %,d ms): %.2fx; those calls alone"
                + " are %.2fx the bare reference and %.1fx faster than ConsumerGroupCommand%n", median(wall(scanCalls)),
                (double) invocation / median(wall(scanCalls)),
                (double) median(wall(scanCalls)) / median(wall(reference)),
                (double) consumerGroupCommandMs / median(wall(scanCalls)));
        long floor = median(wall(scanCallsInvoked));
        System.out.printf("  the floor of the whole invocation (those calls through the runtime client, median %,d ms):"
                + " %.2fx the bare reference, ConsumerGroupCommand / it %.1fx; the invocation / it %.2fx, %,d ms"
                + " above it (JSON, evaluation, history, metrics, result)%n", floor,
                (double) floor / median(wall(reference)), (double) consumerGroupCommandMs / floor,
                (double) invocation / floor, invocation - floor);
        double restored = medianOf(snapStart, false);
        System.out.printf("as deployed (SnapStart, simulated by scripts/invoke --snapstart, priming on): the first"
                + " invocation after restore, REPORT Duration median %.0f ms (runs: %s); ConsumerGroupCommand / it"
                + " %.1fx (init ran before the snapshot; the restore itself is not simulated)%n", restored,
                snapStart.stream().map(run -> Math.round(run.durationMs())).toList(),
                consumerGroupCommandMs / restored);
        if (!sasl.isEmpty()) {
            System.out.printf("ratio SASL_SSL / plaintext, whole invocation: %.2fx (goal at most 1.3x); REPORT"
                    + " Duration: %.2fx%n", (double) median(wall(sasl)) / invocation,
                    medianOf(sasl, false) / medianOf(plain, false));
        }
    }

    private static String snapshotBytes(String history) {
        Matcher matcher = Pattern.compile("snapshot written \\((\\d+) bytes\\)").matcher(history);
        return matcher.find() ? String.format("%,d bytes", Long.parseLong(matcher.group(1))) : "not written";
    }

    /** The sum of the step times in a phases line ("topics listed 277, described 381, ..."). */
    private static double sum(String phases) {
        double total = 0;
        Matcher matcher = NUMBERS.matcher(phases.replaceAll("\\([^)]*\\)", "").replaceAll(";.*", ""));
        while (matcher.find()) {
            total += Long.parseLong(matcher.group());
        }
        return total;
    }

    private static List<Long> wall(List<ScanInvocation> runs) {
        return runs.stream().map(ScanInvocation::wallMs).toList();
    }

    private static double medianOf(List<ScanInvocation> runs, boolean init) {
        List<Double> values = new ArrayList<>(runs.stream()
                .map(run -> init ? run.initMs() : run.durationMs()).toList());
        Collections.sort(values);
        return values.get(values.size() / 2);
    }
}
