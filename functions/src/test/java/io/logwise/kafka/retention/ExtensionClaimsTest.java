package io.logwise.kafka.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.state.DecidingFunction;
import io.logwise.kafka.state.Decision;
import io.logwise.kafka.state.DecisionAction;
import io.logwise.kafka.state.DecisionOutcome;
import io.logwise.kafka.state.RetentionExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which stored extensions the journal backs, table-style: each row is a journal history and the verdict. */
class ExtensionClaimsTest {

    private static final String TOPIC = "logs.orders";
    private static final long HOUR = 3_600_000L;
    private static final long WEEK = 168 * HOUR;
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final Duration SKEW = Duration.ofMinutes(2);
    private static final String EXTEND_ID = "extend-1";

    /**
     * {@code journal}: space-separated decisions {@code ACTION:OUTCOME:minutesFromNow:to[:config]} (EXTEND is the
     * extension's own decision, id extend-1; SET a permanent change); {@code created}: the record's createdAt in
     * minutes from now.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "backed                                | -60 | EXTEND:APPLIED:-60:WEEK                        | Backed",
        "no decision behind it (forged)        | -60 | -                                              | Rejected",
        "extension still PENDING               | -60 | EXTEND:PENDING:-60:WEEK                        | Rejected",
        "extension FAILED                      | -60 | EXTEND:FAILED:-60:WEEK                         | Rejected",
        "journal says another value            | -60 | EXTEND:APPLIED:-60:2HOURS                      | Rejected",
        "record dated in the future            | 600 | EXTEND:APPLIED:-60:WEEK                        | Rejected",
        "its decision dated in the future      | -60 | EXTEND:APPLIED:600:WEEK                        | Rejected",
        "within the clock skew is fine         | 1   | EXTEND:APPLIED:1:WEEK                          | Backed",
        "permanent change before it            | -60 | SET:APPLIED:-90:WEEK EXTEND:APPLIED:-60:WEEK   | Backed",
        "permanent change after it             | -60 | EXTEND:APPLIED:-60:WEEK SET:APPLIED:-30:WEEK   | Voided",
        "permanent change pending after it     | -60 | EXTEND:APPLIED:-60:WEEK SET:PENDING:-30:WEEK   | Voided",
        "overlapping: applied after it began   | -60 | SET:APPLIED:-59:WEEK EXTEND:APPLIED:-58:WEEK   | Voided",
        "refused permanent change after it     | -60 | EXTEND:APPLIED:-60:WEEK SET:REFUSED:-30:WEEK   | Backed",
        "retention.bytes change after it       | -60 | EXTEND:APPLIED:-60:WEEK SET:APPLIED:-30:WEEK:bytes | Backed",
        "future-dated permanent change ignored | -60 | EXTEND:APPLIED:-60:WEEK SET:APPLIED:600:WEEK   | Backed",
    })
    void verdict(String name, int createdMinutes, String journal, String expected) {
        RetentionExtension extension = new RetentionExtension(TOPIC, 2 * HOUR, WEEK, NOW.minusSeconds(60), false,
                "incident", NOW.plus(Duration.ofMinutes(createdMinutes)), EXTEND_ID);

        ExtensionClaims.Verdict verdict = ExtensionClaims.check(extension, decisions(journal), NOW, SKEW);

        assertEquals(expected, verdict.getClass().getSimpleName(), name + ": " + verdict);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "forged | - | the journal has no decision extend-1",
        "future | EXTEND:APPLIED:-60:WEEK | in the future",
    })
    void aRejectionSaysWhy(String name, String journal, String why) {
        Instant created = name.equals("future") ? NOW.plus(Duration.ofDays(365)) : NOW.minusSeconds(3600);
        RetentionExtension extension = new RetentionExtension(TOPIC, 2 * HOUR, WEEK, NOW, false, "incident",
                created, EXTEND_ID);
        var rejected = assertInstanceOf(ExtensionClaims.Verdict.Rejected.class,
                ExtensionClaims.check(extension, decisions(journal), NOW, SKEW));
        assertTrue(rejected.why().contains(why), rejected.why());
    }

    private static List<Decision> decisions(String journal) {
        if (journal.equals("-")) {
            return List.of();
        }
        return java.util.Arrays.stream(journal.trim().split("\\s+")).map(ExtensionClaimsTest::decision).toList();
    }

    private static Decision decision(String spec) {
        String[] parts = spec.split(":");
        boolean extend = parts[0].equals("EXTEND");
        DecisionAction action = extend ? DecisionAction.EXTEND_RETENTION : DecisionAction.SET_RETENTION;
        String id = extend ? EXTEND_ID : "set-" + parts[2];
        long to = parts[3].equals("WEEK") ? WEEK : 2 * HOUR;
        String config = parts.length > 4 ? "retention." + parts[4] : "retention.ms";
        return new Decision(id, NOW.plus(Duration.ofMinutes(Integer.parseInt(parts[2]))),
                DecidingFunction.RETENTION_UPDATER, TOPIC, action, 2 * HOUR, to, "request",
                Map.of("config", config), "why", "on", DecisionOutcome.valueOf(parts[1]), "trigger");
    }
}
