package io.logwise.kafka.local;

import com.amazonaws.services.lambda.runtime.api.client.AWSLambda;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.List;

/**
 * Runs one Lambda invocation in this JVM the way Lambda does: a local Runtime API serves one event, then the real AWS
 * Lambda runtime interface client ({@link AWSLambda#main}) loads the handler named by {@code _HANDLER}, fetches the
 * event, calls the handler with Lambda's own serialization and context, and posts the result back. The process then
 * prints Invoke's payload (the response, or Lambda's error document) and exits: 0 after a response, 1 after a
 * function error, 2 for a bad command line, 3 after a timeout. Started by scripts/invoke.
 */
public final class LocalLambdaRuntime {

    /** Exit code asking scripts/invoke to retry on another port. */
    static final int EXIT_PORT_IN_USE = 75;

    private LocalLambdaRuntime() {
    }

    public static void main(String[] args) throws IOException {
        // Standard output is for the response alone: anything the runtime or the function prints goes to stderr.
        PrintStream stdout = System.out;
        System.setOut(System.err);

        LocalRuntimeOptions options;
        byte[] event;
        try {
            options = LocalRuntimeOptions.parse(List.of(args), System.getenv());
            event = readEvent(options);
        } catch (LocalRuntimeOptions.UsageException e) {
            System.err.println("invoke: " + e.getMessage());
            System.exit(Outcome.EXIT_USAGE);
            return;
        }
        OutputStream response = options.responseOut().isPresent()
                ? new FileOutputStream(options.responseOut().get().toFile()) : stdout;
        InvocationSession session = new InvocationSession(Invocation.of(options, event),
                InvocationSession.LAMBDA_INIT_LIMIT);
        OutcomeReporter reporter = new OutcomeReporter(response, System.err, options.memoryMb());

        try {
            RuntimeApiServer.start(new InetSocketAddress(options.runtimeApiHost(), options.runtimeApiPort()), session);
        } catch (BindException e) {
            System.err.println("invoke: cannot listen on " + options.runtimeApiHost() + ":" + options.runtimeApiPort()
                    + ": " + e.getMessage());
            System.exit(EXIT_PORT_IN_USE);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> reportUnexpectedExit(session, reporter)));
        Thread outcomeWatcher = new Thread(() -> reportAndExit(session, reporter), "local-runtime-outcome");
        outcomeWatcher.start();

        try {
            AWSLambda.main(new String[] {options.handler()});
            session.finish(new Outcome.RuntimeExited(session.invocation().requestId(),
                    "Runtime exited without providing a reason"));
        } catch (Throwable t) {
            t.printStackTrace();
            session.finish(new Outcome.RuntimeExited(session.invocation().requestId(),
                    "Runtime exited with error: " + t));
        }
    }

    private static byte[] readEvent(LocalRuntimeOptions options) {
        try {
            return Files.readAllBytes(options.eventFile());
        } catch (IOException | SecurityException e) {
            throw new LocalRuntimeOptions.UsageException("cannot read the event file " + options.eventFile() + ": "
                    + e);
        }
    }

    private static void reportAndExit(InvocationSession session, OutcomeReporter reporter) {
        Outcome outcome;
        try {
            outcome = session.awaitOutcome();
        } catch (InterruptedException e) {
            return;
        }
        reporter.report(outcome, session);
        if (outcome instanceof Outcome.TimedOut) {
            // Lambda stops a timed-out function outright; shutdown hooks could wait on the still-running handler.
            Runtime.getRuntime().halt(outcome.exitCode());
        }
        System.exit(outcome.exitCode());
    }

    /**
     * Runs when the JVM exits. The runtime client itself exits after reporting an init error (print that outcome
     * before it is lost); a handler calling System.exit ends the process with no outcome at all (report Lambda's
     * Runtime.ExitError and make sure the exit code says it failed).
     */
    private static void reportUnexpectedExit(InvocationSession session, OutcomeReporter reporter) {
        boolean noOutcome = session.finish(new Outcome.RuntimeExited(session.invocation().requestId(),
                "Runtime exited without providing a reason"));
        Outcome outcome = session.outcome().orElseThrow();
        reporter.report(outcome, session); // returns once the outcome is printed, by this thread or the watcher
        if (noOutcome) {
            Runtime.getRuntime().halt(outcome.exitCode()); // the exit status the handler chose may say success
        }
    }
}
