package io.logwise.kafka.local;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.amazonaws.services.lambda.runtime.api.client.AWSLambda;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one Lambda invocation in this JVM the way Lambda does: a local Runtime API serves one event, then the real AWS
 * Lambda runtime interface client ({@link AWSLambda#main}) loads the handler named by {@code _HANDLER}, fetches the
 * event, calls the handler with Lambda's own serialization and context, and posts the result back. The process then
 * prints Invoke's payload (the response, or Lambda's error document) and exits: 0 after a response, 1 after a
 * function error, 2 for a bad command line, 3 after a timeout. Started by scripts/invoke.
 *
 * <p>With {@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start} the runtime client asks for restore/next after init, where
 * Lambda takes the SnapStart snapshot; this process prints a SNAPSHOT line there (the Kafka client threads and the
 * open connections the snapshot would hold, see {@link SnapshotInventory}) and carries on as the restored copy.
 */
public final class LocalLambdaRuntime {

    /** Exit code asking scripts/invoke to retry on another port. */
    static final int EXIT_PORT_IN_USE = 75;

    private final LocalRuntimeOptions options;
    private final InvocationSession session;
    private final OutcomeReporter reporter;
    private final PrintStream log;
    private final AtomicBoolean exitCodeWritten = new AtomicBoolean();

    private LocalLambdaRuntime(LocalRuntimeOptions options, InvocationSession session, OutcomeReporter reporter,
                               PrintStream log) {
        this.options = options;
        this.session = session;
        this.reporter = reporter;
        this.log = log; // the process's stderr: the runtime client replaces System.err with its own logging stream
    }

    public static void main(String[] args) throws IOException {
        // Standard output is for the response alone: anything the runtime or the function prints goes to stderr.
        PrintStream stdout = System.out;
        System.setOut(System.err);

        LocalRuntimeOptions options;
        byte[] event;
        try {
            options = LocalRuntimeOptions.parse(List.of(args), System.getenv());
            event = readEvent(options.eventFile());
        } catch (LocalRuntimeOptions.UsageException e) {
            System.err.println("invoke: " + e.getMessage());
            System.exit(Outcome.EXIT_USAGE);
            return;
        }
        OutputStream response = options.responseOut().isPresent()
                ? new FileOutputStream(options.responseOut().get().toFile()) : stdout;
        InvocationSession session = new InvocationSession(Invocation.of(options, event),
                InvocationSession.LAMBDA_INIT_LIMIT);
        PrintStream log = System.err;
        new LocalLambdaRuntime(options, session, new OutcomeReporter(response, log, options.memoryMb()), log).run();
    }

    private void run() {
        try {
            RuntimeApiServer.start(new InetSocketAddress(options.runtimeApiHost(), options.runtimeApiPort()), session,
                    this::reportSnapshot);
        } catch (BindException e) {
            System.err.println("invoke: cannot listen on " + options.runtimeApiHost() + ":" + options.runtimeApiPort()
                    + ": " + e.getMessage());
            System.exit(EXIT_PORT_IN_USE);
            return;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the local Runtime API", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::reportUnexpectedExit, "local-runtime-exit"));
        new Thread(this::reportAndEnd, "local-runtime-outcome").start();

        try {
            AWSLambda.main(new String[] {options.handler()});
            session.finish(runtimeExited("Runtime exited without providing a reason"));
        } catch (Throwable t) {
            if (session.finish(runtimeExited("Runtime exited with error: " + t))) {
                t.printStackTrace();
            } // else the runtime client only stopped because the invocation was over
        }
    }

    /** SnapStart: what the snapshot taken now would hold, as one line on the log stream. */
    private void reportSnapshot() {
        log.println(SnapshotInventory.line(options.runtimeApiPort()));
        log.flush();
    }

    private Outcome runtimeExited(String reason) {
        return new Outcome.RuntimeExited(session.invocation().requestId(), reason);
    }

    private static byte[] readEvent(Path eventFile) {
        try {
            return Files.readAllBytes(eventFile);
        } catch (IOException | SecurityException e) {
            throw new LocalRuntimeOptions.UsageException("cannot read the event file " + eventFile + ": " + e);
        }
    }

    private void reportAndEnd() {
        Outcome outcome;
        try {
            outcome = session.awaitOutcome();
        } catch (InterruptedException e) {
            return;
        }
        reporter.report(outcome, session);
        // Lambda stops a timed-out function outright; shutdown hooks could wait on the still-running handler.
        end(outcome.exitCode(), outcome instanceof Outcome.TimedOut);
    }

    /**
     * Runs when the JVM exits. The runtime client itself exits after reporting an init error (print that outcome
     * before it is lost); a handler calling System.exit ends the process with no outcome at all (report Lambda's
     * Runtime.ExitError and make sure the exit code says it failed).
     */
    private void reportUnexpectedExit() {
        boolean noOutcome = session.finish(runtimeExited("Runtime exited without providing a reason"));
        Outcome outcome = session.outcome().orElseThrow();
        reporter.report(outcome, session); // returns once the outcome is printed, by this thread or the watcher
        if (noOutcome || options.exitCodeOut().isPresent()) {
            end(outcome.exitCode(), true); // the exit status the process is ending with may say success
        }
    }

    private void end(int exitCode, boolean immediately) {
        options.exitCodeOut().filter(path -> exitCodeWritten.compareAndSet(false, true)).ifPresent(path -> {
            try (OutputStream out = new FileOutputStream(path.toFile())) {
                out.write((exitCode + "\n").getBytes(UTF_8));
            } catch (IOException e) {
                System.err.println("invoke: cannot write the exit code to " + path + ": " + e);
            }
        });
        if (immediately) {
            Runtime.getRuntime().halt(exitCode);
        }
        System.exit(exitCode);
    }
}
