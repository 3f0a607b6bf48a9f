package io.logwise.kafka.checkpoint;

import io.logwise.kafka.lag.CheckpointProgress;
import io.logwise.kafka.lag.ConsumerPositions;
import io.logwise.kafka.lag.ConsumerScope;
import io.logwise.kafka.lag.LagSource;
import io.logwise.kafka.lag.PositionsReading;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Spark Structured Streaming queries as lag consumers: each configured checkpoint is one consumer, named as
 * configured, with source {@code spark-checkpoint}, and its committed and planned batch ids. A query without a
 * committed position is read with no positions and its reason (NO_COMMIT on the topics it is configured or expected
 * to read); an unreadable checkpoint is {@link
 * ConsumerPositions.Unreadable} with its reason, and the other sources are still read.
 *
 * <p>An unreadable checkpoint leaves the reading {@code complete}: the configured consumer is known to exist, and
 * marking the whole reading incomplete would turn every topic without a readable consumer UNKNOWN. A topic that
 * expects the query (LAG_EXPECTED_CONSUMERS) becomes UNKNOWN through the assembler.
 */
public final class SparkCheckpointSource implements LagSource {

    private final SparkCheckpointReader reader;
    private final List<CheckpointSource> sources;
    private final Supplier<Duration> timeLeft;

    /** @param timeLeft the time this scan may still spend; the reader also caps it by its own timeout */
    public SparkCheckpointSource(SparkCheckpointReader reader, List<CheckpointSource> sources,
                                 Supplier<Duration> timeLeft) {
        this.reader = reader;
        this.sources = List.copyOf(sources);
        this.timeLeft = timeLeft;
    }

    @Override
    public PositionsReading read(Predicate<String> topics, ConsumerScope scope) {
        List<CheckpointSource> wanted = sources.stream().filter(source -> scope.includes(source.name())).toList();
        List<ConsumerPositions> consumers = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<CheckpointResult> results = reader.readAll(wanted, timeLeft.get());
        for (int i = 0; i < results.size(); i++) {
            CheckpointResult result = results.get(i);
            consumers.add(toPositions(result, topics, wanted.get(i).topics()));
            if (result instanceof CheckpointProblem problem) {
                problems.add("spark checkpoint " + problem.sourceName() + " (" + problem.location()
                        + "): not read: " + problem.reason());
            }
        }
        return new PositionsReading(consumers, true, problems);
    }

    /**
     * One checkpoint's result as a consumer's positions on the topics in scope, with its batch ids.
     *
     * @param configuredTopics the topics the source is configured to read, in scope or not
     */
    public static ConsumerPositions toPositions(CheckpointResult result, Predicate<String> topics,
                                                Set<String> configuredTopics) {
        Set<String> configured = configuredTopics.stream().filter(topics).collect(Collectors.toSet());
        if (result instanceof CheckpointPositions read) {
            return new ConsumerPositions.Read(read.sourceName(), CheckpointSource.KIND,
                    byPartitionIndex(read.offsets(), topics), new CheckpointProgress(read.committedBatchId(),
                    read.batchInFlight() ? read.plannedBatchId() : null, null, configured));
        }
        if (result instanceof CheckpointNoBatchYet none) {
            return new ConsumerPositions.Read(none.sourceName(), CheckpointSource.KIND, Map.of(),
                    new CheckpointProgress(none.committedBatchId(), newer(none), none.reason(), configured));
        }
        CheckpointProblem problem = (CheckpointProblem) result;
        return new ConsumerPositions.Unreadable(problem.sourceName(), CheckpointSource.KIND, problem.reason());
    }

    /** The planned batch when it is newer than the committed one. */
    private static Long newer(CheckpointNoBatchYet none) {
        Long planned = none.plannedBatchId();
        Long committed = none.committedBatchId();
        return planned == null || (committed != null && planned <= committed) ? null : planned;
    }

    private static Map<String, long[]> byPartitionIndex(Map<String, Map<Integer, Long>> offsets,
                                                        Predicate<String> topics) {
        Map<String, long[]> result = new HashMap<>();
        offsets.forEach((topic, partitions) -> {
            if (!topics.test(topic) || partitions.isEmpty()) {
                return;
            }
            int highest = partitions.keySet().stream().mapToInt(Integer::intValue).max().orElseThrow();
            long[] positions = new long[highest + 1];
            Arrays.fill(positions, ConsumerPositions.NO_COMMIT);
            partitions.forEach((partition, offset) -> {
                if (partition >= 0 && offset != null && offset >= 0) {
                    positions[partition] = offset;
                }
            });
            result.put(topic, positions);
        });
        return result;
    }
}
