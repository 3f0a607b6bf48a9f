package io.logwise.kafka.testkit;

import java.util.LinkedHashMap;
import java.util.Map;

/** The rows Kafka's ConsumerGroupCommand {@code --describe} prints: the oracle the scanner is checked against. */
public record ConsumerGroupCommandOutput(Map<String, Row> rows) {

    /** One partition row: CURRENT-OFFSET, LOG-END-OFFSET and LAG as printed ("-" becomes null). */
    public record Row(String group, String topic, int partition, Long current, Long logEnd, Long lag) {
    }

    public static ConsumerGroupCommandOutput parse(String stdout) {
        Map<String, Row> rows = new LinkedHashMap<>();
        int[] columns = null;
        for (String line : stdout.lines().toList()) {
            String[] cells = line.trim().split("\\s+", -1);
            if (cells.length >= 6 && cells[0].equals("GROUP")) {
                columns = new int[] {indexOf(cells, "TOPIC"), indexOf(cells, "PARTITION"),
                        indexOf(cells, "CURRENT-OFFSET"), indexOf(cells, "LOG-END-OFFSET"), indexOf(cells, "LAG")};
                continue;
            }
            if (columns == null || cells.length < 6 || !cells[columns[1]].matches("\\d+")) {
                continue;
            }
            Row row = new Row(cells[0], cells[columns[0]], Integer.parseInt(cells[columns[1]]),
                    number(cells[columns[2]]), number(cells[columns[3]]), number(cells[columns[4]]));
            rows.put(key(row.group(), row.topic(), row.partition()), row);
        }
        return new ConsumerGroupCommandOutput(rows);
    }

    public Row row(String group, String topic, int partition) {
        return rows.get(key(group, topic, partition));
    }

    private static String key(String group, String topic, int partition) {
        return group + "/" + topic + "/" + partition;
    }

    private static int indexOf(String[] cells, String name) {
        for (int i = 0; i < cells.length; i++) {
            if (cells[i].equals(name)) {
                return i;
            }
        }
        throw new IllegalStateException("no column " + name + " in ConsumerGroupCommand's header");
    }

    private static Long number(String cell) {
        return cell.equals("-") ? null : Long.valueOf(cell);
    }
}
