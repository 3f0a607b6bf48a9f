package io.logwise.kafka.retention;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * A fresh measurement of unread records, taken when asked (never a figure carried by an event or a state record):
 * every consumer group, every configured Spark checkpoint and every expected consumer, aged by record timestamp.
 */
public interface UnreadMeasure {

    /**
     * @return per topic that exists, its unread data as of {@code now}; positions that could not be measured are
     *         {@link UnreadData#unknown}, never "read"
     */
    Map<String, UnreadData> measure(Collection<String> topics, Instant now);

    /** Notes on what could not be read in the last measurement, for the report. */
    default java.util.List<String> problems() {
        return java.util.List.of();
    }
}
