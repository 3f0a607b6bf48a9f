package io.logwise.kafka.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JournalTableTest {

    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00.250Z");

    @Test
    void oneAlignedLinePerDecision() {
        String table = JournalTable.decisions(List.of(
                StateFixtures.increase("logs.orders", "scan-1", T0, DecisionOutcome.APPLIED),
                StateFixtures.retention("logs.billing-events", "scan-1", T0.plusSeconds(61),
                        DecisionAction.EXTEND_RETENTION, DecisionOutcome.DRY_RUN)));
        assertEquals("""
                TIME                  FUNCTION           TOPIC                ACTION               FROM -> TO                       OUTCOME  REASON
                2026-11-02T10:00:00Z  partition-scaler   logs.orders          INCREASE_PARTITIONS  6 -> 12                          APPLIED  average lag 120000 per lagging partition is above 50000
                2026-11-02T10:01:01Z  retention-updater  logs.billing-events  EXTEND_RETENTION     86400000 (1d) -> 259200000 (3d)  DRY_RUN  time lag is 81% of retention
                """, table);
    }

    @Test
    void anEmptyJournalIsJustTheHeader() {
        assertEquals("TIME  FUNCTION  TOPIC  ACTION  FROM -> TO  OUTCOME  REASON\n", JournalTable.decisions(List.of()));
    }

    @Test
    void extensionsShowTheRetentionChange() {
        String table = JournalTable.extensions(List.of(StateFixtures.extension("logs.billing", T0)));
        assertEquals("""
                TOPIC         RETENTION  EXPIRES               UNTIL CAUGHT UP  CREATED               REASON
                logs.billing  1d -> 3d   2026-11-04T10:00:00Z  yes              2026-11-02T10:00:00Z  consumer group billing at risk of losing data
                """, table);
    }
}
