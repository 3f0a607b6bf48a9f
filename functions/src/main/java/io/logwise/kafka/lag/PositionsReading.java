package io.logwise.kafka.lag;

import java.util.List;

/**
 * What a {@link LagSource} read.
 *
 * @param consumers every consumer it found or was asked about, readable or not
 * @param complete  false when the source may have missed consumers (e.g. a broker did not answer the group listing):
 *                  then "nobody reads this topic" cannot be concluded
 * @param problems  plain-language notes: what could not be read, what a request named that does not exist
 */
public record PositionsReading(List<ConsumerPositions> consumers, boolean complete, List<String> problems) {

    public PositionsReading {
        consumers = List.copyOf(consumers);
        problems = List.copyOf(problems);
    }
}
