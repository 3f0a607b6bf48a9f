package io.logwise.kafka.retention;

import io.logwise.kafka.testkit.SparkCheckpointFiles;
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
        write(folder, "offsets/" + batchId,
                SparkCheckpointFiles.offsetsFile(System.currentTimeMillis(), source.toString()));
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
