package io.logwise.kafka.retention;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The retention updater's return value: one line per topic and config, with the figures and what became of it.
 *
 * @param trigger   the request id, scan id or scheduled event id the decisions are journaled under
 * @param entry     {@code request}, {@code scan} or {@code schedule}
 * @param dryRun    true when nothing was changed on purpose
 * @param problems  what was not used and why: a stale scan result, state records rejected as claims, positions that
 *                  could not be read
 */
public record RetentionReport(String trigger, String entry, Instant decidedAt, boolean dryRun, List<Line> lines,
                              List<String> problems) {

    public RetentionReport {
        lines = List.copyOf(lines);
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    /**
     * @param topic     the topic, or the request field for an invalid target
     * @param config    retention.ms or retention.bytes
     * @param action    raise, lower, no-change, refused, extend, revert, forget, invalid, unknown-topic
     * @param from      the value before (ms or bytes; -1 unlimited)
     * @param to        the value decided
     * @param reason    why, with the guard's figures
     * @param warnings  e.g. the disk estimate near the budget, a forced override
     * @param outcome   applied, failed, dry-run, refused, none
     * @param expiresAt for a temporary extension, when it reverts (if by time)
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Line(String topic, String config, String action, Long from, Long to, String reason,
                       List<String> warnings, String outcome, Instant expiresAt) {
        public Line {
            warnings = warnings == null ? List.of() : List.copyOf(warnings);
        }
    }

    public long count(String outcome) {
        return lines.stream().filter(line -> outcome.equals(line.outcome())).count();
    }
}
