package io.logwise.kafka.checkpoint;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * A file directly inside a checkpoint folder, as a listing shows it.
 *
 * @param name         the file name without the folder, e.g. {@code 12} or {@code .12.3f2a....tmp}
 * @param size         in bytes
 * @param lastModified when it was written; null when the store does not say
 */
public record StoredFile(String name, long size, Instant lastModified) {

    /**
     * The batch id a file stands for, as Spark's {@code HDFSMetadataLog.isBatchFile} decides: names that are whole
     * numbers. Temporary files ({@code .12.<uuid>.tmp}), checksums ({@code .12.crc}) and anything else are not batches.
     */
    public Optional<Long> batchId() {
        try {
            return Optional.of(Long.parseLong(name));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The file of the highest batch id (compared as numbers: batch 10 is newer than batch 9). */
    public static Optional<StoredFile> newestBatch(Collection<StoredFile> files) {
        StoredFile newest = null;
        for (StoredFile file : files) {
            Optional<Long> id = file.batchId();
            if (id.isPresent() && (newest == null || id.get() > newest.batchId().orElseThrow())) {
                newest = file;
            }
        }
        return Optional.ofNullable(newest);
    }
}
