package io.logwise.kafka.state;

import io.logwise.kafka.time.HumanDuration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** The decision journal as a plain-text table for people: one line per decision, oldest first. */
public final class JournalTable {

    private static final List<String> HEADER = List.of("TIME", "FUNCTION", "TOPIC", "ACTION", "FROM -> TO",
            "OUTCOME", "REASON");

    private JournalTable() {
    }

    public static String decisions(List<Decision> decisions) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (Decision d : decisions) {
            rows.add(List.of(d.time().truncatedTo(ChronoUnit.SECONDS).toString(), d.function().functionName(),
                    d.topic(), d.action().name(), change(d), d.outcome().name(), d.reason()));
        }
        return table(rows);
    }

    public static String extensions(List<RetentionExtension> extensions) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("TOPIC", "RETENTION", "EXPIRES", "UNTIL CAUGHT UP", "CREATED", "REASON"));
        for (RetentionExtension e : extensions) {
            rows.add(List.of(e.topic(), HumanDuration.retentionMs(e.originalRetentionMs()) + " -> "
                            + HumanDuration.retentionMs(e.extendedRetentionMs()),
                    e.expiresAt() == null ? "-" : e.expiresAt().truncatedTo(ChronoUnit.SECONDS).toString(),
                    e.untilCaughtUp() ? "yes" : "no", e.createdAt().truncatedTo(ChronoUnit.SECONDS).toString(),
                    e.reason()));
        }
        return table(rows);
    }

    /** Partitions as counts; retention.ms also as a duration, e.g. {@code 86400000 (1d)}. */
    static String change(Decision d) {
        boolean retention = d.action() != DecisionAction.INCREASE_PARTITIONS
                && d.action() != DecisionAction.CREATE_TOPIC;
        return value(d.from(), retention) + " -> " + value(d.to(), retention);
    }

    private static String value(Long value, boolean retentionMs) {
        if (value == null) {
            return "-";
        }
        return retentionMs ? value + " (" + HumanDuration.retentionMs(value) + ")" : value.toString();
    }

    /** Left-aligned columns two spaces apart; the last column is never padded. */
    private static String table(List<List<String>> rows) {
        int columns = rows.get(0).size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int c = 0; c < columns - 1; c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            for (int c = 0; c < columns - 1; c++) {
                out.append(row.get(c)).append(" ".repeat(widths[c] - row.get(c).length() + 2));
            }
            out.append(row.get(columns - 1)).append('\n');
        }
        return out.toString();
    }
}
