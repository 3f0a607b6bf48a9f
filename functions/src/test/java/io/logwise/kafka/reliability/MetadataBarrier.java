package io.logwise.kafka.reliability;

import io.logwise.kafka.testkit.TopicReads;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Makes a test's next reads of a single-node cluster see every metadata change committed before it. The controller
 * confirms a change (a topic created, partitions added, a config set) when it commits it; the broker that answers
 * reads applies it a moment later, seconds later on a busy machine. It applies the metadata log in order, so once it
 * answers with the barrier topic's newest config value, it has applied every change committed before that value: a
 * snapshot taken then shows all that the code under test did. Snapshots must ignore {@link #topic()}.
 */
final class MetadataBarrier {

    private static final long BASE_RETENTION_MS = 86_400_000L;

    private final TopicReads reads;
    private final String topic = "logwise-test.barrier-" + UUID.randomUUID().toString().substring(0, 8);
    private long passes;

    MetadataBarrier(TopicReads reads) throws Exception {
        this.reads = reads;
        reads.create(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of("retention.ms",
                Long.toString(BASE_RETENTION_MS)))));
    }

    String topic() {
        return topic;
    }

    /** Returns once the broker has applied every metadata change committed before this call. */
    synchronized void pass() throws Exception {
        reads.setConfig(topic, "retention.ms", Long.toString(BASE_RETENTION_MS + ++passes));
    }
}
