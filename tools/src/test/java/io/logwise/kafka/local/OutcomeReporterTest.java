package io.logwise.kafka.local;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutcomeReporterTest {

    @Test
    void printsThePayloadAloneOnTheResponseStreamAndTheReportOnTheLog() {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        OutcomeReporter reporter = new OutcomeReporter(response, new PrintStream(log, true, UTF_8), 512);
        InvocationSession session = new InvocationSession(new Invocation("req-9", "arn", "trace", new byte[0],
                Duration.ofSeconds(5)), Duration.ofSeconds(10));
        session.start();
        Outcome outcome = new Outcome.Response("{\"ok\":true}".getBytes(UTF_8));
        session.finish(outcome);

        assertTrue(reporter.report(outcome, session));
        assertFalse(reporter.report(new Outcome.TimedOut("req-9", Duration.ofSeconds(5)), session));

        assertEquals("{\"ok\":true}\n", response.toString(UTF_8));
        String report = log.toString(UTF_8);
        assertTrue(report.startsWith("REPORT RequestId: req-9\tDuration: "), report);
        assertTrue(report.contains("\tMemory Size: 512 MB\t"), report);
        assertTrue(report.endsWith("\tStatus: success" + System.lineSeparator()), report);
    }

    @Test
    void theReportLineHasLambdasFieldsAndTheErrorType() {
        String line = OutcomeReporter.reportLine(new Outcome.TimedOut("req-3", Duration.ofSeconds(3)), "req-3",
                Optional.of(Duration.ofNanos(3_000_456_000L)), Optional.of(Duration.ofMillis(412)), 1024,
                OptionalLong.of(97));

        assertEquals("REPORT RequestId: req-3\tDuration: 3000.46 ms\tMemory Size: 1024 MB\tMax Memory Used: 97 MB"
                + "\tInit Duration: 412.00 ms\tStatus: timeout\tError Type: Sandbox.Timedout", line);
    }

    @ParameterizedTest
    @CsvSource({"0, 0.00", "1004999, 1.00", "1005000, 1.01", "1050000, 1.05", "999999999, 1000.00"})
    void millisecondsHaveTwoDecimals(long nanos, String millis) {
        assertEquals(millis, OutcomeReporter.millis(Duration.ofNanos(nanos)));
    }

    @Test
    void leavesOutWhatWasNotMeasured() {
        String line = OutcomeReporter.reportLine(new Outcome.InitError("{\"errorType\":\"x.Y\"}".getBytes(UTF_8)),
                "req-4", Optional.empty(), Optional.empty(), 128, OptionalLong.empty());

        assertEquals("REPORT RequestId: req-4\tMemory Size: 128 MB\tStatus: error\tError Type: x.Y", line);
    }
}
