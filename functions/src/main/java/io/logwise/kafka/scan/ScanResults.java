package io.logwise.kafka.scan;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwise.kafka.error.InvalidRequestException;
import io.logwise.kafka.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads a lag scan result delivered to a downstream function (the partition scaler, the retention updater). */
public final class ScanResults {

    private ScanResults() {
    }

    public static ScanResult read(JsonNode body) {
        ScanResult scan;
        try {
            scan = Json.MAPPER.treeToValue(body, ScanResult.class);
        } catch (Exception e) {
            throw new InvalidRequestException("the lag scan result cannot be read: " + Json.firstLine(e.getMessage()));
        }
        if (scan.scanId() == null || scan.scannedAt() == null || scan.topics() == null) {
            throw new InvalidRequestException("the lag scan result needs scanId, scannedAt and topics");
        }
        return scan;
    }

    /**
     * Refuses, as a bad request, a result with figures no scanner writes: a missing topic, name or verdict, a negative
     * count, lag or rate, a rate that is not a number, a threshold that is not positive. A consumer that reads the
     * figures calls this before contacting Kafka.
     */
    public static void requirePlausible(ScanResult scan) {
        for (TopicSummary topic : scan.topics()) {
            Optional<String> problem = problemWith(topic);
            if (problem.isPresent()) {
                throw new InvalidRequestException("the lag scan result has figures no scan produces: "
                        + problem.get());
            }
        }
    }

    private static Optional<String> problemWith(TopicSummary topic) {
        if (topic == null || topic.topic() == null) {
            return Optional.of("a topic without a name");
        }
        String name = topic.topic();
        if (topic.verdict() == null) {
            return Optional.of(name + ": no verdict");
        }
        if (topic.partitions() < 0 || topic.unknownPartitions() < 0) {
            return Optional.of(name + ": a negative partition count");
        }
        if (topic.maxLagPerPartition() <= 0) {
            return Optional.of(name + ": maxLagPerPartition must be positive, was " + topic.maxLagPerPartition());
        }
        if (!plausibleRate(topic.ingestRatePerSec())) {
            return Optional.of(name + ": ingestRatePerSec " + topic.ingestRatePerSec());
        }
        List<ConsumerSummary> consumers = new ArrayList<>(topic.consumers() == null ? List.of() : topic.consumers());
        if (topic.worst() != null) {
            consumers.add(topic.worst());
        }
        for (ConsumerSummary consumer : consumers) {
            if (consumer == null || consumer.verdict() == null) {
                return Optional.of(name + ": a consumer without a verdict");
            }
            if (consumer.lag() < 0 || consumer.maxPartitionLag() < 0 || consumer.laggingPartitions() < 0
                    || consumer.avgLagOfLaggingPartitions() < 0 || consumer.noCommitPartitions() < 0
                    || consumer.lostRecords() < 0) {
                return Optional.of(name + ": " + consumer.consumer() + " has a negative lag figure");
            }
            if (!plausibleRate(consumer.consumeRatePerSec())) {
                return Optional.of(name + ": " + consumer.consumer() + " consumeRatePerSec "
                        + consumer.consumeRatePerSec());
            }
        }
        return Optional.empty();
    }

    private static boolean plausibleRate(Double rate) {
        return rate == null || (rate >= 0 && Double.isFinite(rate));
    }
}
