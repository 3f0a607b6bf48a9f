package io.logwise.kafka.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The options of scripts/lag; a bad one never reaches Kafka (the bootstrap address here does not exist). */
class LagCommandTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run lag(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit = LagCommand.run(args, Map.of("KAFKA_BOOTSTRAP_SERVERS", "no-such-host.invalid:9092"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void optionsCombine() {
        LagCommand.Options options = LagCommand.parse(new String[] {"--partitions", "--topics", "logs.a, logs.b",
                "--json", "--groups", "g1,spark-a"});
        assertEquals(new LagCommand.Options(true, true, Optional.of(Set.of("logs.a", "logs.b")),
                Optional.of(Set.of("g1", "spark-a"))), options);
        assertEquals(new LagCommand.Options(false, false, Optional.empty(), Optional.empty()),
                LagCommand.parse(new String[0]));
    }

    @Test
    void aBadOptionPrintsTheUsageAndExits2() {
        Run unknown = lag("--partitions", "--verbose");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("unknown option --verbose"), unknown.err());
        assertTrue(unknown.err().contains("usage: scripts/lag [--partitions] [--json]"), unknown.err());
        assertEquals("", unknown.out());

        Run missing = lag("--partitions", "--topics");
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("a comma-separated list is expected after --topics"), missing.err());

        Run help = lag("--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().startsWith("usage: scripts/lag"), help.out());
    }
}
