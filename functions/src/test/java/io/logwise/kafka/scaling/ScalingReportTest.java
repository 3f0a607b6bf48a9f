package io.logwise.kafka.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScalingReportTest {

    @Test
    void withProblemAddsOneProblemAndKeepsTheRest() {
        ScalingReport.Line line = new ScalingReport.Line("logs.a", "increase", 3, 6, "lag", null, "why", "applied",
                null);
        ScalingReport report = new ScalingReport("scan-1", Instant.EPOCH, "on", List.of(line), List.of("first"));

        ScalingReport more = report.withProblem("state topic created");

        assertEquals(List.of("first", "state topic created"), more.problems());
        assertEquals(new ScalingReport("scan-1", Instant.EPOCH, "on", List.of(line),
                List.of("first", "state topic created")), more);
        assertEquals(List.of("first"), report.problems(), "the report it came from is unchanged");
    }
}
