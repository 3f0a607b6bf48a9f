package io.logwise.kafka.lag;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.logwise.kafka.scan.ConsumerSummary;
import io.logwise.kafka.scan.ScanResult;
import io.logwise.kafka.scan.TopicSummary;
import io.logwise.kafka.scan.Verdict;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps a scan result under a byte budget (EventBridge rejects events over 256 KB, envelope included). Every topic
 * starts in its smallest form (its worst consumer only); topics are taken most severe first until the budget is
 * spent, the rest are counted in {@code omittedTopics}. The budget left then buys detail, most severe topics first:
 * first their non-OK consumers, then all consumers. Kept topics stay in the scan's order. Sizes are measured by
 * serializing with the mapper that writes the result, so the bound is exact, not estimated.
 */
public final class ResultCompactor {

    /** 192 KiB: leaves 64 KiB of EventBridge's 256 KiB for the destination envelope (request payload, context). */
    public static final int DEFAULT_MAX_BYTES = 192 * 1024;
    static final int MAX_PROBLEMS = 30;
    static final int MAX_PROBLEM_LENGTH = 300;

    /** Actionable topics first, then UNKNOWN, NO_COMMIT, NO_CONSUMER, OK; then by worst lag. */
    private static final Comparator<TopicSummary> PRIORITY = Comparator
            .comparingInt((TopicSummary t) -> rank(t.verdict()))
            .thenComparing((TopicSummary t) -> t.worst() == null ? 0 : t.worst().lag(), Comparator.reverseOrder())
            .thenComparing(TopicSummary::topic);

    private final ObjectMapper mapper;
    private final int maxBytes;

    public ResultCompactor(ObjectMapper mapper, int maxBytes) {
        this.mapper = mapper;
        this.maxBytes = maxBytes;
    }

    public ScanResult compact(ScanResult full) {
        List<String> problems = capProblems(full.problems());
        long used = size(withTopics(full, List.of(), problems, full.topics().size()));

        List<TopicSummary> byPriority = full.topics().stream().sorted(PRIORITY).toList();
        List<TopicSummary> kept = new ArrayList<>();
        for (TopicSummary topic : byPriority) {
            TopicSummary minimal = withConsumers(topic, null);
            long cost = size(minimal) + 1;
            if (used + cost > maxBytes) {
                break;
            }
            kept.add(minimal);
            used += cost;
        }
        used = upgrade(kept, byPriority, used, c -> c.verdict() != Verdict.OK);
        upgrade(kept, byPriority, used, c -> true);

        Map<String, TopicSummary> keptByName = new HashMap<>();
        kept.forEach(t -> keptByName.put(t.topic(), t));
        List<TopicSummary> topics = full.topics().stream().map(t -> keptByName.get(t.topic()))
                .filter(java.util.Objects::nonNull).toList();
        return withTopics(full, topics, problems, full.topics().size() - topics.size());
    }

    /** Replaces kept topics by a more detailed form while it fits; stops at the first one that does not. */
    private long upgrade(List<TopicSummary> kept, List<TopicSummary> byPriority, long used,
                         java.util.function.Predicate<ConsumerSummary> shown) {
        for (int i = 0; i < kept.size(); i++) {
            TopicSummary original = byPriority.get(i);
            if (original.consumers() == null) {
                continue;
            }
            List<ConsumerSummary> consumers = original.consumers().stream().filter(shown).toList();
            if (consumers.isEmpty()) {
                continue;
            }
            TopicSummary detailed = withConsumers(original, consumers);
            long delta = size(detailed) - size(kept.get(i));
            if (used + delta > maxBytes) {
                return used;
            }
            if (delta > 0) {
                kept.set(i, detailed);
                used += delta;
            }
        }
        return used;
    }

    private static TopicSummary withConsumers(TopicSummary topic, List<ConsumerSummary> consumers) {
        int total = topic.consumers() == null ? 0 : topic.consumers().size();
        int shown = consumers == null ? 0 : consumers.size();
        return topic.withShownConsumers(consumers, total > shown ? total - shown : null);
    }

    private static ScanResult withTopics(ScanResult full, List<TopicSummary> topics, List<String> problems,
                                         int omitted) {
        return full.toBuilder().topics(topics).problems(problems).omittedTopics(omitted).build();
    }

    static List<String> capProblems(List<String> problems) {
        List<String> result = new ArrayList<>();
        for (String problem : problems.subList(0, Math.min(MAX_PROBLEMS, problems.size()))) {
            result.add(problem.length() <= MAX_PROBLEM_LENGTH ? problem
                    : problem.substring(0, MAX_PROBLEM_LENGTH - 3) + "...");
        }
        if (problems.size() > MAX_PROBLEMS) {
            result.add("and " + (problems.size() - MAX_PROBLEMS) + " more problems (see the function's log)");
        }
        return result;
    }

    private static int rank(Verdict verdict) {
        return switch (verdict) {
            case DATA_LOST -> 0;
            case AT_RISK -> 1;
            case NEW_PARTITIONS_UNREAD -> 2;
            case LAGGING -> 3;
            case STALLED -> 4;
            case FALLING_BEHIND -> 5;
            case UNKNOWN -> 6;
            case NO_COMMIT -> 7;
            case NO_CONSUMER -> 8;
            case OK -> 9;
        };
    }

    long size(Object value) {
        CountingStream out = new CountingStream();
        try {
            mapper.writeValue(out, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.count;
    }

    private static final class CountingStream extends OutputStream {
        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
