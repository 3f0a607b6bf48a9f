package io.logwise.kafka.local;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Prints an outcome once: the payload alone on the response stream, and one line in the style of Lambda's REPORT
 * log line on the log stream.
 */
final class OutcomeReporter {

    static final String LAUNCHED_AT_PROPERTY = "logwise.invoke.launchedAtMicros";
    /**
     * Set to true (scripts/bench does) for a MEMORY line with the heap's and Metaspace's peaks after the REPORT line.
     */
    static final String HEAP_REPORT_PROPERTY = "logwise.invoke.heapReport";
    private static final long MB = 1024 * 1024;

    private final OutputStream response;
    private final PrintStream log;
    private final int memoryMb;
    private boolean reported;

    OutcomeReporter(OutputStream response, PrintStream log, int memoryMb) {
        this.response = response;
        this.log = log;
        this.memoryMb = memoryMb;
    }

    /** Prints the outcome unless one was printed already; true when this call printed it. */
    synchronized boolean report(Outcome outcome, InvocationSession session) {
        if (reported) {
            return false;
        }
        reported = true;
        try {
            response.write(outcome.payload());
            response.write('\n');
            response.flush();
        } catch (IOException e) {
            log.println("invoke: could not write the response: " + e);
        }
        log.println(reportLine(outcome, session.invocation().requestId(), session.invokeDuration(),
                initDuration(session), memoryMb, peakMemoryMb()));
        if (Boolean.getBoolean(HEAP_REPORT_PROPERTY)) {
            log.println(heapLine());
        }
        log.flush();
        return true;
    }

    static String reportLine(Outcome outcome, String requestId, Optional<Duration> duration,
                             Optional<Duration> init, int memoryMb, OptionalLong maxMemoryUsedMb) {
        StringBuilder line = new StringBuilder("REPORT RequestId: ").append(requestId);
        duration.ifPresent(d -> line.append("\tDuration: ").append(millis(d)).append(" ms"));
        line.append("\tMemory Size: ").append(memoryMb).append(" MB");
        maxMemoryUsedMb.ifPresent(mb -> line.append("\tMax Memory Used: ").append(mb).append(" MB"));
        init.ifPresent(d -> line.append("\tInit Duration: ").append(millis(d)).append(" ms"));
        line.append("\tStatus: ").append(outcome.status());
        outcome.errorType().ifPresent(type -> line.append("\tError Type: ").append(type));
        return line.toString();
    }

    /**
     * From the launch of the process (scripts/invoke passes the time in {@value #LAUNCHED_AT_PROPERTY}, microseconds
     * since the epoch) to the event being handed out: JVM start, runtime client start and handler construction.
     */
    private static Optional<Duration> initDuration(InvocationSession session) {
        Optional<Long> started = session.startedEpochMillis();
        String launchedAt = System.getProperty(LAUNCHED_AT_PROPERTY);
        if (started.isEmpty() || launchedAt == null || !launchedAt.matches("\\d{1,19}")) {
            return Optional.empty();
        }
        Duration launched = Duration.of(Long.parseLong(launchedAt), ChronoUnit.MICROS);
        return Optional.of(Duration.ofMillis(started.get()).minus(launched));
    }

    /** The process's peak resident memory (VmHWM), as Lambda's "Max Memory Used"; empty off Linux. */
    private static OptionalLong peakMemoryMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kilobytes = Long.parseLong(line.substring("VmHWM:".length(), line.indexOf(" kB")).trim());
                    return OptionalLong.of((kilobytes + 1023) / 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /**
     * The heap's peak as the sum of each heap pool's peak (eden, survivor, old): an upper bound, as the pools may
     * peak at different moments. Not part of Lambda's REPORT line, hence a line of its own.
     */
    static String heapLine() {
        long peak = 0;
        long metaspace = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            } else if (pool.getName().equals("Metaspace")) {
                metaspace = pool.getPeakUsage().getUsed();
            }
        }
        return String.format("MEMORY Peak Heap Used: %d MB\tMax Heap: %d MB\tPeak Metaspace Used: %d MB"
                        + "\tClasses Loaded: %d", (peak + MB - 1) / MB, Runtime.getRuntime().maxMemory() / MB,
                (metaspace + MB - 1) / MB, ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
    }

    /** Milliseconds with two decimals, like Lambda's REPORT line. */
    static String millis(Duration duration) {
        long hundredths = (duration.toNanos() + 5_000) / 10_000;
        long fraction = hundredths % 100;
        return hundredths / 100 + (fraction < 10 ? ".0" : ".") + fraction;
    }
}
