package io.logwise.kafka.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetentionGuardTest {
    private static final String TOPIC = "logs.orders";
    private static final RetentionGuard GUARD = new RetentionGuard(RetentionSettings.defaults());
    private static final RetentionGuard BUDGETED = new RetentionGuard(RetentionSettings.fromEnv(
            Map.of("RETENTION_DISK_BUDGET_BYTES", "100GiB")));
    private static final double MIB = 1024 * 1024;

    private static long ms(String text) {
        return text.equals("unlimited") ? -1 : RetentionDuration.parse("test", text).toMillis();
    }

    /** "0=312m 3=50m": partition 0's oldest unread record is 5h12m old, 3's 50m; also "all-read" and "unknown". */
    private static Optional<UnreadData> unread(String text) {
        if (text.equals("unknown")) {
            return Optional.empty();
        }
        Map<Integer, Duration> ages = new LinkedHashMap<>();
        if (!text.equals("all-read")) {
            Arrays.stream(text.trim().split("\\s+")).map(pair -> pair.split("=")).forEach(pair ->
                    ages.put(Integer.parseInt(pair[0]), RetentionDuration.parse("test", pair[1])));
        }
        return Optional.of(new UnreadData(ages));
    }

    private static GuardInput input(String current, String requested, String unread) {
        GuardInput input = GuardInput.of(TOPIC, ms(current), ms(requested));
        return unread(unread).map(input::withUnread).orElse(input);
    }

    @ParameterizedTest(name = "{0} -> {1}, unread {2}: {3}")
    @CsvSource(delimiter = '|', value = {
        "24h       | 24h | unknown                   | NoChange",
        "24h       | 7d  | unknown                   | Raise",
        "30m       | 45m | unknown                   | Raise",    // still below the floor, but a raise deletes nothing
        "24h       | 12h | 0=5h 1=2h                 | Lower",
        "24h       | 12h | all-read                  | Lower",
        "24h       | 1h  | all-read                  | Lower",    // exactly the floor
        "24h       | 1h  | 0=45m                     | Lower",    // 45m + 15m margin = 1h: the record survives
        "24h       | 1h  | 0=46m                     | Refused",  // 46m + 15m > 1h
        "24h       | 1h  | 0=312m 1=3h 2=10m 3=50m  | Refused",
        "24h       | 12h | unknown                   | Refused",
        "24h       | 30m | all-read                  | Refused",  // below the floor
        "unlimited | 7d  | 0=2d                      | Lower",
        "unlimited | 7d  | unknown                   | Refused",
        "unlimited | 1d  | 0=2d                      | Refused",
    })
    void decisionTable(String current, String requested, String unread, String expected) {
        RetentionDecision decision = GUARD.decide(input(current, requested, unread));

        assertEquals(expected, decision.getClass().getSimpleName(), decision.toString());
        assertEquals(TOPIC, decision.topic());
        assertEquals(ConfigKey.RETENTION_MS, decision.key());
        assertEquals(!expected.equals("NoChange") && !expected.equals("Refused"), decision.changes());
    }

    @Test
    void refusalShowsTheFigures() {
        RetentionDecision.Refused refused = assertInstanceOf(RetentionDecision.Refused.class,
                GUARD.decide(input("24h", "1h", "0=312m 1=3h 2=10m 3=50m")));

        assertEquals(List.of(Refusal.Reason.BELOW_UNREAD_DATA),
                refused.refusals().stream().map(Refusal::reason).toList());
        assertEquals("oldest unread record is 5h12m old; lowering to 1h would delete unread data in 3 partitions"
                + " (0, 1, 3); margin 15m (force with a reason overrides this)", refused.message());
        assertEquals(ms("24h"), refused.from());
        assertEquals(ms("1h"), refused.to());
    }

    @ParameterizedTest(name = "{0} -> {1}, unread {2}: {3}")
    @CsvSource(delimiter = '|', value = {
        "24h | 30m | all-read  | BELOW_FLOOR                 | 30m is below the floor of 1h (RETENTION_FLOOR)",
        "24h | 2h  | unknown   | UNREAD_DATA_UNKNOWN         | no consumer positions are known for logs.orders, so"
                + " lowering to 2h cannot be checked",
        "24h | 30m | 0=1h      | BELOW_FLOOR BELOW_UNREAD_DATA | 1 partition (0); margin 15m",
        "24h | 30m | unknown   | BELOW_FLOOR UNREAD_DATA_UNKNOWN | 30m is below the floor of 1h",
    })
    void everyRefusalIsListed(String current, String requested, String unread, String reasons, String message) {
        RetentionDecision.Refused refused = assertInstanceOf(RetentionDecision.Refused.class,
                GUARD.decide(input(current, requested, unread)));

        assertEquals(reasons, String.join(" ", refused.refusals().stream().map(r -> r.reason().name()).toList()));
        assertTrue(refused.message().contains(message), refused.message());
    }

    @Test
    void forceWithReasonOverridesUnreadAndFloorAndIsRecorded() {
        RetentionDecision.Lower lower = assertInstanceOf(RetentionDecision.Lower.class,
                GUARD.decide(input("24h", "30m", "0=5h").forced("INC-42 broker disk full")));

        assertTrue(lower.forced());
        assertEquals(List.of(Refusal.Reason.BELOW_FLOOR, Refusal.Reason.BELOW_UNREAD_DATA),
                lower.overridden().stream().map(Refusal::reason).toList());
        assertTrue(lower.warnings().get(0).startsWith("forced (INC-42 broker disk full): 30m is below the floor"),
                lower.warnings().toString());
    }

    @Test
    void forceWhereNothingIsRefusedIsAnOrdinaryLowering() {
        RetentionDecision.Lower lower = assertInstanceOf(RetentionDecision.Lower.class,
                GUARD.decide(input("24h", "12h", "all-read").forced("tidy")));

        assertEquals(false, lower.forced());
        assertEquals(List.of(), lower.warnings());
    }

    @ParameterizedTest(name = "temporary {0} -> {1}, forced {2}: {3}")
    @CsvSource({
        "24h, 7d, false, Raise",
        "24h, 7d, true,  Raise",
        "24h, 2h, false, Refused",
        "24h, 2h, true,  Refused",
        "24h, 24h, false, NoChange",
    })
    void temporaryChangesOnlyRaise(String current, String requested, boolean force, String expected) {
        GuardInput input = input(current, requested, "all-read").asTemporary();
        RetentionDecision decision = GUARD.decide(force ? input.forced("why") : input);

        assertEquals(expected, decision.getClass().getSimpleName(), decision.toString());
        if (decision instanceof RetentionDecision.Refused refused) {
            assertEquals(Refusal.Reason.TEMPORARY_LOWERING, refused.refusals().get(0).reason());
            assertTrue(refused.message().startsWith("a temporary change must raise retention (1d now, 2h"),
                    refused.message());
        }
    }

    @Test
    void raiseBelowTheFloorWarns() {
        RetentionDecision.Raise raise = assertInstanceOf(RetentionDecision.Raise.class,
                GUARD.decide(input("10m", "30m", "unknown")));

        assertEquals(List.of("30m is still below the floor of 1h"), raise.warnings());
    }

    /** Budget 100 GiB; 1 MiB/s for a day is 86,400 MiB (84.4 GiB, 84%), for a week 590.6 GiB. */
    @ParameterizedTest(name = "{0} -> {1} at {2} MiB/s: {3}")
    @CsvSource(delimiter = '|', value = {
        "12h | 1d  | 1   | Raise   | estimated disk use 84.4 GiB (1.0 MiB/s x 1d) is 84% of the budget of 100.0 GiB",
        "1h  | 12h | 1   | Raise   | ''",
        "12h | 7d  | 1   | Refused | estimated disk use 590.6 GiB (1.0 MiB/s x 7d) is above the budget of 100.0 GiB"
                + " (RETENTION_DISK_BUDGET_BYTES)",
        "30d | 7d  | 1   | Lower   | ''",  // lowering only frees disk: never refused for the budget
        "12h | 7d  | -   | Raise   | disk use not estimated: no ingest figure for logs.orders",
    })
    void diskBudget(String current, String requested, String mibPerSecond, String expected, String note) {
        GuardInput input = input(current, requested, "all-read");
        if (!mibPerSecond.equals("-")) {
            input = input.withIngest(Double.parseDouble(mibPerSecond) * MIB);
        }
        RetentionDecision decision = BUDGETED.decide(input);

        assertEquals(expected, decision.getClass().getSimpleName(), decision.toString());
        String text = decision instanceof RetentionDecision.Refused refused ? refused.message()
                : String.join("; ", decision.warnings());
        assertEquals(note, text);
    }

    @Test
    void forceDoesNotOverrideTheDiskBudget() {
        RetentionDecision decision = BUDGETED.decide(input("12h", "7d", "all-read").withIngest(MIB).forced("need it"));

        RetentionDecision.Refused refused = assertInstanceOf(RetentionDecision.Refused.class, decision);
        assertEquals(Refusal.Reason.ABOVE_DISK_BUDGET, refused.refusals().get(0).reason());
        assertTrue(!refused.message().contains("force"), refused.message());
    }

    @Test
    void withoutABudgetIngestOnlyInforms() {
        assertEquals(List.of(), GUARD.decide(input("12h", "90d", "all-read").withIngest(1e12)).warnings());
    }

    @ParameterizedTest(name = "retention.bytes {0} -> {1}, forced {2}: {3}")
    @CsvSource({
        "1073741824,  1073741824, false, NoChange",
        "1073741824,  2147483648, false, Raise",
        "1073741824,  -1,         false, Raise",
        "-1,          1073741824, false, Refused",
        "2147483648,  1073741824, false, Refused",
        "2147483648,  1073741824, true,  Lower",
    })
    void retentionBytesLoweringNeedsForce(long current, long requested, boolean force, String expected) {
        RetentionDecision decision = GUARD.decideBytes(TOPIC, current, requested, force,
                force ? Optional.of("INC-7") : Optional.empty());

        assertEquals(expected, decision.getClass().getSimpleName(), decision.toString());
        assertEquals(ConfigKey.RETENTION_BYTES, decision.key());
        if (decision instanceof RetentionDecision.Refused refused) {
            assertEquals(Refusal.Reason.BYTES_LOWERING, refused.refusals().get(0).reason());
            assertTrue(refused.message().contains(" to 1.0 GiB per partition"), refused.message());
        }
        if (decision instanceof RetentionDecision.Lower lower) {
            assertEquals(List.of(Refusal.Reason.BYTES_LOWERING),
                    lower.overridden().stream().map(Refusal::reason).toList());
        }
    }

    @Test
    void inputsThatCannotBeJudgedAreProgrammingErrors() {
        assertThrows(IllegalArgumentException.class, () -> GuardInput.of("other.orders", 1000, 2000));
        assertThrows(IllegalArgumentException.class, () -> GuardInput.of(TOPIC, 0, 2000));
        assertThrows(IllegalArgumentException.class, () -> GuardInput.of(TOPIC, 1000, -1));
        assertThrows(IllegalArgumentException.class, () -> new GuardInput(TOPIC, 1000, 500, Optional.empty(),
                false, true, Optional.of(" "), OptionalDouble.empty()));
        assertThrows(IllegalArgumentException.class,
                () -> GUARD.decideBytes("other.orders", 1, 2, false, Optional.empty()));
    }

    /** Over a grid of ages and targets: an unforced decision never lowers below unread data plus the margin. */
    @Test
    void unforcedLoweringNeverDeletesUnreadRecords() {
        Duration margin = RetentionSettings.defaults().unreadMargin();
        for (long currentMinutes = 60; currentMinutes <= 3 * 24 * 60; currentMinutes += 331) {
            for (long requestedMinutes = 1; requestedMinutes <= 3 * 24 * 60; requestedMinutes += 131) {
                for (long ageMinutes = 0; ageMinutes <= 3 * 24 * 60; ageMinutes += 173) {
                    GuardInput input = GuardInput.of(TOPIC, currentMinutes * 60_000, requestedMinutes * 60_000)
                            .withUnread(new UnreadData(Map.of(0, Duration.ofMinutes(ageMinutes))));
                    RetentionDecision decision = GUARD.decide(input);
                    if (decision instanceof RetentionDecision.Lower lower) {
                        assertTrue(Duration.ofMinutes(ageMinutes).plus(margin).toMillis() <= lower.to()
                                && lower.to() >= RetentionSettings.defaults().floor().toMillis(), decision.toString());
                    }
                    if (requestedMinutes > currentMinutes) {
                        assertInstanceOf(RetentionDecision.Raise.class, decision);
                    }
                }
            }
        }
    }
}
