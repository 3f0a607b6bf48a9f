package io.logwise.kafka.checkpoint;

import java.nio.file.Path;

/**
 * Where a Spark Structured Streaming query keeps its checkpoint: the folder that holds {@code offsets/} and
 * {@code commits/}, on S3 or on a local (or mounted) file system.
 */
public sealed interface CheckpointLocation {

    /** A checkpoint under {@code s3://bucket/prefix}; {@code prefix} has no leading or trailing slash, may be empty. */
    record S3(String bucket, String prefix) implements CheckpointLocation {

        /** The key prefix of one of the checkpoint's folders, e.g. {@code prefix/offsets/}. */
        public String folderKey(String folder) {
            return prefix.isEmpty() ? folder + "/" : prefix + "/" + folder + "/";
        }

        @Override
        public String toString() {
            return prefix.isEmpty() ? "s3://" + bucket : "s3://" + bucket + "/" + prefix;
        }
    }

    /** A checkpoint in a local directory (absolute, normalized). */
    record Local(Path directory) implements CheckpointLocation {

        @Override
        public String toString() {
            return directory.toString();
        }
    }

    /**
     * Reads {@code s3://bucket/prefix} (also {@code s3a://}, which Spark jobs write for the same objects),
     * {@code file:///path} or an absolute path.
     *
     * @throws IllegalArgumentException saying what is wrong with {@code text}
     */
    static CheckpointLocation parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("is empty; " + LocationParser.EXPECTED);
        }
        String trimmed = text.trim();
        String scheme = LocationParser.schemeOf(trimmed);
        return switch (scheme) {
            case "s3", "s3a" -> LocationParser.s3(trimmed, scheme);
            case "file", "" -> LocationParser.local(trimmed, scheme);
            default -> throw new IllegalArgumentException("'" + trimmed + "' has the unsupported scheme '" + scheme
                    + "'; " + LocationParser.EXPECTED);
        };
    }
}
