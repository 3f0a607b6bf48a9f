package io.logwise.kafka.retention;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A Spark Structured Streaming checkpoint folder as Spark 4.0 and 4.1 write it for a query reading one Kafka topic:
 * {@code metadata}, {@code sources/0/0} (a NUL byte first), {@code offsets/N} (version, batch metadata, one source
 * line, no trailing newline) and {@code commits/N}, with Hadoop's checksum files beside them.
 */
final class SparkCheckpointFolder {

    private static final String CONF = "{\"spark.sql.streaming.stateStore.providerClass\":"
            + "\"org.apache.spark.sql.execution.streaming.state.HDFSBackedStateStoreProvider\","
            + "\"spark.sql.streaming.join.stateFormatVersion\":\"2\","
            + "\"spark.sql.streaming.stateStore.compression.codec\":\"lz4\","
            + "\"spark.sql.streaming.stateStore.rocksdb.formatVersion\":\"5\","
            + "\"spark.sql.streaming.statefulOperator.useStrictDistribution\":\"true\","
            + "\"spark.sql.streaming.flatMapGroupsWithState.stateFormatVersion\":\"2\","
            + "\"spark.sql.streaming.multipleWatermarkPolicy\":\"min\","
            + "\"spark.sql.streaming.aggregation.stateFormatVersion\":\"2\","
            + "\"spark.sql.shuffle.partitions\":\"200\"}";

    private SparkCheckpointFolder() {
    }

    /**
     * A query that committed batch {@code batchId}, whose end offsets on {@code topic} are {@code offsets} (index =
     * partition): its position, the next offset it reads.
     */
    static Path committed(Path folder, long batchId, String topic, long... offsets) throws IOException {
        write(folder, "metadata", "{\"id\":\"" + UUID.randomUUID() + "\"}\n");
        write(folder, "sources/0/0", "\u0000" + "v1\n{\"" + topic + "\":{\"0\":0}}");
        StringBuilder source = new StringBuilder("{\"" + topic + "\":{");
        for (int p = 0; p < offsets.length; p++) {
            source.append(p > 0 ? "," : "").append('"').append(p).append("\":").append(offsets[p]);
        }
        source.append("}}");
        write(folder, "offsets/" + batchId, "v1\n{\"batchWatermarkMs\":0,\"batchTimestampMs\":"
                + System.currentTimeMillis() + ",\"conf\":" + CONF + "}\n" + source);
        write(folder, "offsets/." + batchId + ".crc", "crc");
        write(folder, "commits/" + batchId, "v1\n{\"nextBatchWatermarkMs\":0}");
        write(folder, "commits/." + batchId + ".crc", "crc");
        return folder;
    }

    private static void write(Path folder, String path, String content) throws IOException {
        Path file = folder.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, content.getBytes(StandardCharsets.UTF_8));
    }
}
