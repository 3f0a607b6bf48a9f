package io.logwise.kafka.bench;

import io.logwise.kafka.testkit.KafkaDistribution;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of a process the scan benchmark times as a whole, from launch to exit: the lag scanner through
 * {@code scripts/invoke} (the real runtime client, scan history and EMF on, as Lambda runs it) or the bare reference
 * in a fresh JVM with the function's flags.
 */
record ScanInvocation(long wallMs, String report, String phases, String history, String output) {

    private static final Pattern REPORT_DURATION = Pattern.compile("\tDuration: ([0-9.]+) ms");
    private static final Pattern REPORT_INIT = Pattern.compile("\tInit Duration: ([0-9.]+) ms");

    /** {@code scripts/invoke lag-scanner events/scheduled-event.json} with {@code environment} added. */
    static ScanInvocation invoke(Path root, Map<String, String> environment) throws IOException, InterruptedException {
        return invoke(root, "lag-scanner", environment);
    }

    /** {@code scripts/invoke FUNCTION} (a function's name or a handler, e.g. a fixture's) with the scheduled event. */
    static ScanInvocation invoke(Path root, String function, Map<String, String> environment)
            throws IOException, InterruptedException {
        return run(root, List.of(root.resolve("scripts/invoke").toString(), function,
                root.resolve("events/scheduled-event.json").toString()), environment);
    }

    /** {@link BareLagReference} in a fresh JVM, as the function's JVM runs (256 MB, SerialGC, C1 only). */
    static ScanInvocation reference(Path root, String classpath, Map<String, String> environment)
            throws IOException, InterruptedException {
        return reference(root, classpath, environment, List.of());
    }

    /** As {@link #reference}, with the other calls the scan's verdicts need ({@link BareLagReference#SCAN_CALLS}). */
    static ScanInvocation scanCallsReference(Path root, String classpath, Map<String, String> environment)
            throws IOException, InterruptedException {
        return reference(root, classpath, environment, List.of(BareLagReference.SCAN_CALLS));
    }

    private static ScanInvocation reference(Path root, String classpath, Map<String, String> environment,
                                            List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(KafkaDistribution.javaExecutable(), "-Xmx217m",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classpath, BareLagReference.class.getName()));
        command.addAll(arguments);
        return run(root, command, environment);
    }

    private static ScanInvocation run(Path root, List<String> command, Map<String, String> environment)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("scan-invocation", ".out");
        Path err = Files.createTempFile("scan-invocation", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(environment);
            long started = System.nanoTime();
            Process process = builder.start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly); // scripts/invoke's JVMs too
                process.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " did not finish within 5 minutes");
            }
            long wallMs = (System.nanoTime() - started) / 1_000_000;
            List<String> errors = Files.readAllLines(err);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + process.exitValue() + ": "
                        + String.join(" | ", errors.subList(Math.max(0, errors.size() - 5), errors.size())));
            }
            return new ScanInvocation(wallMs, line(errors, "REPORT "), logged(errors, "lag scan phases (ms): "),
                    logged(errors, "scan history (ms): "), Files.readString(out).strip());
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** REPORT's Duration: from the event handed out to the response. */
    double durationMs() {
        return figure(REPORT_DURATION);
    }

    /** REPORT's Init Duration: from launch to the event handed out (JVM, runtime client, handler constructed). */
    double initMs() {
        return figure(REPORT_INIT);
    }

    private double figure(Pattern pattern) {
        Matcher matcher = pattern.matcher(report);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
    }

    private static String line(List<String> lines, String start) {
        return lines.stream().filter(l -> l.startsWith(start)).findFirst().orElse("");
    }

    /** The text after {@code lead} in the first log line holding it, up to the end of the JSON message field. */
    private static String logged(List<String> lines, String lead) {
        List<String> found = new ArrayList<>();
        for (String l : lines) {
            int at = l.indexOf(lead);
            if (at >= 0) {
                String rest = l.substring(at + lead.length());
                int quote = rest.indexOf('"');
                found.add(quote >= 0 ? rest.substring(0, quote) : rest);
            }
        }
        return found.isEmpty() ? "-" : found.get(0);
    }
}
