package io.logwise.kafka.state.kafka;

import io.logwise.kafka.state.ConsumerKey;
import io.logwise.kafka.state.ScanSnapshot;
import io.logwise.kafka.state.TopicOffsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Scan snapshots shaped like a real cluster's: large end offsets, consumers a little behind, a few gaps. */
public final class SnapshotSamples {

    private SnapshotSamples() {
    }

    public static ScanSnapshot snapshot(String scanId, Instant time, int topics, int partitionsPerTopic, int consumers,
                                 long seed) {
        Random random = new Random(seed);
        Map<String, TopicOffsets> byTopic = new LinkedHashMap<>();
        for (int t = 0; t < topics; t++) {
            long[] end = new long[partitionsPerTopic];
            for (int p = 0; p < partitionsPerTopic; p++) {
                end[p] = random.nextInt(200) == 0 ? TopicOffsets.UNKNOWN
                        : (long) (random.nextDouble() * 5_000_000_000_000L);
            }
            Map<ConsumerKey, long[]> positions = new LinkedHashMap<>();
            for (int c = 0; c < consumers; c++) {
                long[] column = new long[partitionsPerTopic];
                for (int p = 0; p < partitionsPerTopic; p++) {
                    if (end[p] == TopicOffsets.UNKNOWN || random.nextInt(100) == 0) {
                        column[p] = TopicOffsets.UNKNOWN;
                    } else {
                        long behind = random.nextInt(4) == 0 ? random.nextInt(2_000_000) : random.nextInt(500);
                        column[p] = Math.max(0, end[p] - behind);
                    }
                }
                positions.put(ConsumerKey.group("service-" + c + "-consumer-group"), column);
            }
            byTopic.put("logs.service-" + t + "-application-logs", TopicOffsets.of(end, positions));
        }
        return new ScanSnapshot(scanId, time, byTopic);
    }
}
