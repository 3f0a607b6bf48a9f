package io.logwise.kafka.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpiryPolicyTest {
    private static final Instant CREATED = Instant.parse("2026-11-25T12:00:00Z");
    private static final Instant EXPIRY = Instant.parse("2026-11-27T12:00:00Z");
    private static final long DAY = Duration.ofDays(1).toMillis();

    private static TemporaryExtension extension(String topic, boolean untilCaughtUp) {
        return new TemporaryExtension(topic, DAY, 7 * DAY, Optional.of(EXPIRY), untilCaughtUp, "audit", CREATED);
    }

    @ParameterizedTest(name = "now {0}, retention {1} ms, until caught up {2} -> {3}")
    @CsvSource({
        "2026-11-26T12:00:00Z, 604800000, false, NotDue",
        "2026-11-27T11:59:59Z, 604800000, false, NotDue",
        "2026-11-27T12:00:00Z, 604800000, false, Restore",
        "2026-12-20T00:00:00Z, 604800000, false, Restore",
        "2026-12-20T00:00:00Z, 604800000, true,  NotDue",    // protection decides once consumers catch up
        "2026-11-26T12:00:00Z, 172800000, false, Drifted",
        "2026-12-20T00:00:00Z, 86400000,  false, Drifted",   // someone already put it back
        "2026-12-20T00:00:00Z, -1,        false, TopicGone",
    })
    void decisionTable(Instant now, long currentMs, boolean untilCaughtUp, String expected) {
        OptionalLong current = currentMs == -1 ? OptionalLong.empty() : OptionalLong.of(currentMs);
        ExpiryPolicy.Action action = ExpiryPolicy.decide(extension("logs.a", untilCaughtUp), current, now);

        assertEquals(expected, action.getClass().getSimpleName(), action.toString());
    }

    @Test
    void notDueSaysHowLongIsLeft() {
        ExpiryPolicy.Action.NotDue notDue = assertInstanceOf(ExpiryPolicy.Action.NotDue.class,
                ExpiryPolicy.decide(extension("logs.a", false), OptionalLong.of(7 * DAY),
                        EXPIRY.minus(Duration.ofMinutes(90))));
        assertEquals(Optional.of(Duration.ofMinutes(90)), notDue.remaining());
    }

    @Test
    void decideAllLooksUpEachTopic() {
        List<ExpiryPolicy.Action> actions = ExpiryPolicy.decideAll(
                List.of(extension("logs.a", false), extension("logs.b", false), extension("logs.c", false)),
                Map.of("logs.a", 7 * DAY, "logs.b", 2 * DAY), EXPIRY);

        assertEquals(List.of("Restore", "Drifted", "TopicGone"),
                actions.stream().map(action -> action.getClass().getSimpleName()).toList());
    }

    @Test
    void aRequestOnTopOfAnActiveExtensionKeepsTheOriginalValue() {
        TemporaryExtension active = extension("logs.a", false);
        Instant now = CREATED.plus(Duration.ofHours(1));

        TemporaryExtension renewed = TemporaryExtension.forRequest(Optional.of(active), "logs.a", 7 * DAY, 14 * DAY,
                EXPIRY.plus(Duration.ofDays(3)), "longer audit", now);
        assertEquals(DAY, renewed.originalRetentionMs());
        assertEquals(14 * DAY, renewed.extendedRetentionMs());
        assertEquals(Optional.of(EXPIRY.plus(Duration.ofDays(3))), renewed.expiresAt());
        assertEquals(CREATED, renewed.createdAt());

        TemporaryExtension fresh = TemporaryExtension.forRequest(Optional.of(active), "logs.a", 3 * DAY, 14 * DAY,
                EXPIRY, "after a manual change", now);
        assertEquals(3 * DAY, fresh.originalRetentionMs(), "a drifted extension is not carried over");
        assertEquals(now, fresh.createdAt());
    }

    @Test
    void invalidExtensionsCannotBeStored() {
        assertThrows(IllegalArgumentException.class, () -> new TemporaryExtension("logs.a", DAY, DAY,
                Optional.of(EXPIRY), false, "x", CREATED), "must raise");
        assertThrows(IllegalArgumentException.class, () -> new TemporaryExtension("other.a", DAY, 2 * DAY,
                Optional.of(EXPIRY), false, "x", CREATED), "managed topics only");
        assertThrows(IllegalArgumentException.class, () -> new TemporaryExtension("logs.a", DAY, 2 * DAY,
                Optional.empty(), false, "x", CREATED), "needs a way to end");
        assertThrows(IllegalArgumentException.class, () -> new TemporaryExtension("logs.a", -1, 2 * DAY,
                Optional.of(EXPIRY), false, "x", CREATED), "unlimited is never extended");
    }
}
