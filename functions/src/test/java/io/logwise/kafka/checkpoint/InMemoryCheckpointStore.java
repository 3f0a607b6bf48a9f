package io.logwise.kafka.checkpoint;

import io.logwise.kafka.testkit.SparkCheckpointFiles;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A checkpoint store over files held in memory, keyed by location: for the reader's decisions without I/O. */
final class InMemoryCheckpointStore implements CheckpointStore {

    static final Instant WRITTEN = Instant.parse("2026-11-20T10:00:00Z");

    private final Map<String, Map<String, byte[]>> checkpoints = new HashMap<>();
    private final Map<String, IOException> failures = new HashMap<>();

    InMemoryCheckpointStore put(CheckpointLocation location, SparkCheckpointFiles files) {
        checkpoints.put(location.toString(), files.files());
        return this;
    }

    InMemoryCheckpointStore failing(CheckpointLocation location, IOException failure) {
        failures.put(location.toString(), failure);
        return this;
    }

    @Override
    public List<StoredFile> list(CheckpointLocation location, String folder, Duration timeLeft) throws IOException {
        List<StoredFile> listed = new ArrayList<>();
        checkpoint(location).forEach((path, content) -> {
            if (path.startsWith(folder + "/")) {
                listed.add(new StoredFile(path.substring(folder.length() + 1), content.length, WRITTEN));
            }
        });
        return listed;
    }

    @Override
    public boolean exists(CheckpointLocation location, String name, Duration timeLeft) throws IOException {
        return checkpoint(location).containsKey(name);
    }

    @Override
    public byte[] read(CheckpointLocation location, String folder, String name, int maxBytes, Duration timeLeft)
            throws IOException {
        byte[] content = checkpoint(location).get(folder + "/" + name);
        if (content == null) {
            throw new IOException(location + "/" + folder + "/" + name + " does not exist");
        }
        if (content.length > maxBytes) {
            throw new FileTooLargeException(location + "/" + folder + "/" + name, maxBytes);
        }
        return content;
    }

    private Map<String, byte[]> checkpoint(CheckpointLocation location) throws IOException {
        IOException failure = failures.get(location.toString());
        if (failure != null) {
            throw failure;
        }
        return checkpoints.getOrDefault(location.toString(), Map.of());
    }
}
