package io.logwise.kafka.local;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutcomeTest {

    private static final String RIC_ERROR = "{\"errorMessage\":\"broker said \\\"no\\\"\","
            + "\"errorType\":\"java.lang.IllegalStateException\",\"stackTrace\":[\"a.B.c(B.java:1)\"]}";

    @Test
    void aResponseIsPassedOnByteForByte() {
        byte[] body = "{\"topics\":[]}".getBytes(UTF_8);
        Outcome.Response response = new Outcome.Response(body);

        assertEquals("{\"topics\":[]}", new String(response.payload(), UTF_8));
        assertEquals(0, response.exitCode());
        assertEquals("success", response.status());
        assertEquals(Optional.empty(), response.errorType());
    }

    @Test
    void aFunctionErrorIsTheDocumentTheRuntimeClientPosted() {
        Outcome.FunctionError error = new Outcome.FunctionError(RIC_ERROR.getBytes(UTF_8));

        assertEquals(RIC_ERROR, new String(error.payload(), UTF_8));
        assertEquals(1, error.exitCode());
        assertEquals(Optional.of("java.lang.IllegalStateException"), error.errorType());
    }

    @Test
    void anErrorDocumentWithoutATypeHasNone() {
        assertEquals(Optional.empty(), new Outcome.InitError("{\"errorMessage\":\"x\"}".getBytes(UTF_8)).errorType());
    }

    @ParameterizedTest
    @CsvSource({"1000, 1.00", "60000, 60.00", "1500, 1.50"})
    void aTimeoutReadsLikeLambdas(long timeoutMillis, String seconds) {
        Outcome.TimedOut timedOut = new Outcome.TimedOut("r-1", Duration.ofMillis(timeoutMillis));

        assertEquals("{\"errorType\":\"Sandbox.Timedout\","
                + "\"errorMessage\":\"RequestId: r-1 Error: Task timed out after " + seconds + " seconds\"}",
                new String(timedOut.payload(), UTF_8));
        assertEquals(3, timedOut.exitCode());
        assertEquals("timeout", timedOut.status());
    }

    @Test
    void aRuntimeExitCarriesItsReasonAsValidJson() {
        Outcome.RuntimeExited exited = new Outcome.RuntimeExited("r-2", "Runtime exited with error: \"boom\"\n");

        assertEquals("{\"errorType\":\"Runtime.ExitError\",\"errorMessage\":\"RequestId: r-2 Error: Runtime exited"
                + " with error: \\\"boom\\\"\\n\"}", new String(exited.payload(), UTF_8));
        assertEquals(1, exited.exitCode());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "plain           | `\"plain\"`",
            "`back\\slash`   | `\"back\\\\slash\"`",
            "`tab\there`     | `\"tab\\there\"`",
    })
    void quotesJsonStrings(String text, String json) {
        assertEquals(json, Outcome.quote(text));
    }

    @Test
    void quotesControlCharactersAsUnicodeEscapes() {
        assertEquals("\"a\\u0001b\"", Outcome.quote("a\u0001b"));
    }
}
