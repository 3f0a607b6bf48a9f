package io.logwise.kafka.checkpoint;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Read access to checkpoint folders in one kind of storage. Implementations only list and read; they never write.
 * Every failure is an {@link IOException} whose message says what could not be read and why, in plain language.
 */
public interface CheckpointStore {

    /**
     * The files directly inside {@code folder} ({@code offsets} or {@code commits}) of the checkpoint; empty when the
     * folder does not exist yet.
     *
     * @param timeLeft the time this call may take
     */
    List<StoredFile> list(CheckpointLocation location, String folder, Duration timeLeft) throws IOException;

    /**
     * Whether the file {@code name} exists directly in the checkpoint folder (e.g. Spark's {@code metadata}).
     *
     * @param timeLeft the time this call may take
     */
    boolean exists(CheckpointLocation location, String name, Duration timeLeft) throws IOException;

    /**
     * The content of one file.
     *
     * @param maxBytes a file larger than this is not read into memory: {@link FileTooLargeException}
     * @param timeLeft the time this call may take
     */
    byte[] read(CheckpointLocation location, String folder, String name, int maxBytes, Duration timeLeft)
            throws IOException;

    /** A checkpoint file over the size limit (a corrupt or foreign file): not read. */
    final class FileTooLargeException extends IOException {

        public FileTooLargeException(String file, int maxBytes) {
            super(file + " is larger than " + maxBytes + " bytes; not read");
        }
    }
}
