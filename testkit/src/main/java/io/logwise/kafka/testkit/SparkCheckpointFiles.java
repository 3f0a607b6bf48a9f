package io.logwise.kafka.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A checkpoint's files written the way Spark writes them (OffsetSeqLog.serialize, CommitLog.serialize, Hadoop's
 * local checksum files and the temporary files of an atomic write), to a directory or to any store.
 */
public final class SparkCheckpointFiles {

    /** The SQL confs Spark 3.5 records in every batch's metadata (OffsetSeqMetadata.relevantSQLConfs). */
    public static final String CONF = "{\"spark.sql.streaming.stateStore.providerClass\":"
            + "\"org.apache.spark.sql.execution.streaming.state.HDFSBackedStateStoreProvider\","
            + "\"spark.sql.streaming.join.stateFormatVersion\":\"2\","
            + "\"spark.sql.streaming.stateStore.compression.codec\":\"lz4\","
            + "\"spark.sql.streaming.stateStore.rocksdb.formatVersion\":\"5\","
            + "\"spark.sql.streaming.statefulOperator.useStrictDistribution\":\"true\","
            + "\"spark.sql.streaming.flatMapGroupsWithState.stateFormatVersion\":\"2\","
            + "\"spark.sql.streaming.multipleWatermarkPolicy\":\"min\","
            + "\"spark.sql.streaming.aggregation.stateFormatVersion\":\"2\","
            + "\"spark.sql.shuffle.partitions\":\"200\"}";

    private final Map<String, byte[]> files = new LinkedHashMap<>();

    /** The content of {@code offsets/N}: version, metadata, one line per source, no trailing newline. */
    public static String offsetsFile(long batchTimestampMs, String... sourceLines) {
        return "v1\n{\"batchWatermarkMs\":0,\"batchTimestampMs\":" + batchTimestampMs + ",\"conf\":" + CONF + "}\n"
                + String.join("\n", sourceLines);
    }

    /** A planned batch: {@code offsets/N}, with its checksum file as Hadoop's local file system writes it. */
    public SparkCheckpointFiles batch(long id, long batchTimestampMs, String... sourceLines) {
        return file("offsets/" + id, offsetsFile(batchTimestampMs, sourceLines))
                .file("offsets/." + id + ".crc", "crc-of-" + id);
    }

    /** A committed batch: {@code commits/N} as CommitLog writes it. */
    public SparkCheckpointFiles commit(long id) {
        return file("commits/" + id, "v1\n{\"nextBatchWatermarkMs\":0}")
                .file("commits/." + id + ".crc", "crc-of-" + id);
    }

    /** A batch being written: the temporary file of an atomic write, before its rename. */
    public SparkCheckpointFiles writing(String folder, long id, String partialContent) {
        return file(folder + "/." + id + "." + UUID.randomUUID() + ".tmp", partialContent);
    }

    public SparkCheckpointFiles file(String path, String content) {
        return file(path, content.getBytes(StandardCharsets.UTF_8));
    }

    public SparkCheckpointFiles file(String path, byte[] content) {
        files.put(path, Arrays.copyOf(content, content.length));
        return this;
    }

    /** Relative path (e.g. {@code offsets/3}) to content. */
    public Map<String, byte[]> files() {
        return files;
    }

    public Path writeTo(Path checkpoint) throws IOException {
        Files.createDirectories(checkpoint);
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path target = checkpoint.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, file.getValue());
        }
        return checkpoint;
    }
}
