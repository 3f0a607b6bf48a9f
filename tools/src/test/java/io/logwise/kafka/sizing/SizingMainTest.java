package io.logwise.kafka.sizing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SizingMainTest {
    private static final String EXAMPLE = "--rate 50000 --message-size 2KiB --peak 2.0 --headroom 20% --env prod";

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SizingMain.run(args.isBlank() ? new String[0] : args.trim().split("\\s+"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void workedExamplePrintsPartitionsLagAndSettings() {
        Run run = run(EXAMPLE);

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("partitions   16 "), run.out());
        assertTrue(run.out().contains("2,400,000 messages per partition"), run.out());
        assertTrue(run.out().contains("factor 3, min.insync.replicas 2, at least 3 brokers"), run.out());
        assertTrue(run.out().contains("1d (retention.ms=86400000)"), run.out());
        assertTrue(run.out().contains("\nMAX_LAG_PER_PARTITION=2400000\n"), run.out());
        assertTrue(run.out().contains("\npartitions=16\n"), run.out());
        assertEquals("", run.err());
    }

    @Test
    void eventGoesAloneToStdoutAsAProvisioningRequest() throws Exception {
        Run run = run(EXAMPLE + " --service order-service --event");

        assertEquals(0, run.exitCode(), run.err());
        JsonNode event = new ObjectMapper().readTree(run.out());
        assertEquals(new ObjectMapper().readTree(
                "{\"services\":[\"order-service\"],\"partitions\":16,\"retentionMs\":86400000}"), event);
        assertTrue(run.err().contains("MAX_LAG_PER_PARTITION=2400000"), run.err());
    }

    @Test
    void servicesMayBeRepeatedOrCommaSeparated() throws Exception {
        Run run = run("--rate=500 --message-size=800 --peak=1 --headroom=0 --env=dev --service a,b --service c,a"
                + " --event");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(new ObjectMapper().readTree("{\"services\":[\"a\",\"b\",\"c\"],\"partitions\":3,"
                + "\"retentionMs\":3600000}"), new ObjectMapper().readTree(run.out()));
    }

    @Test
    void helpExitsZeroWithUsage() {
        Run run = run("--help");

        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("Usage: scripts/sizing"), run.out());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "''                                                                   | missing --rate",
        "--message-size 2KiB --peak 2 --headroom 20% --env prod               | rate: missing --rate",
        "--rate 50000 --message-size 2KiB --peak 2 --headroom 20%             | env: missing --env",
        "--rate 0 --message-size 2KiB --peak 2 --headroom 20% --env prod      | rate: must be positive",
        "--rate -1 --message-size 2KiB --peak 2 --headroom 20% --env prod     | rate: must be positive",
        "--rate many --message-size 2KiB --peak 2 --headroom 20% --env prod   | rate: not a number: 'many'",
        "--rate 5 --message-size 2KiB --peak 2 --headroom 20% --env qa        | env: unknown environment 'qa'",
        "--rate 5 --message-size 2KiB --peak 2 --headroom 0 --env prod --event | --event needs at least one --service",
        "--rate 5 --rate 6 --message-size 2KiB --peak 2 --headroom 0 --env prod | --rate given more than once",
        "--rate 5 --message-size 2KiB --peak 2 --headroom 0 --env prod --zone a | unknown option --zone",
        "--rate --message-size 2KiB --peak 2 --headroom 0 --env prod          | --rate needs a value",
        "--rate 5 --message-size 2KiB --peak 2 --headroom 0 --env              | --env needs a value",
        "50000 --message-size 2KiB --peak 2 --headroom 0 --env prod           | unexpected argument",
    })
    void badInputExitsTwoWithAClearMessage(String args, String expected) {
        Run run = run(args);

        assertEquals(2, run.exitCode(), run.out());
        assertTrue(run.err().contains(expected), run.err());
        assertTrue(run.err().contains("--help"), run.err());
        assertEquals("", run.out());
    }
}
