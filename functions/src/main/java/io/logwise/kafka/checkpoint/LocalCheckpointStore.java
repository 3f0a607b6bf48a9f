package io.logwise.kafka.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Checkpoints in a local or mounted directory (a Lambda EFS mount, a developer's machine). */
public final class LocalCheckpointStore implements CheckpointStore {

    @Override
    public List<StoredFile> list(CheckpointLocation location, String folder, Duration timeLeft) throws IOException {
        Path root = directoryOf(location);
        if (!Files.isDirectory(root)) {
            throw new IOException("the checkpoint directory " + root
                    + (Files.exists(root) ? " is not a directory" : " does not exist"));
        }
        Path directory = root.resolve(folder);
        if (!Files.exists(directory)) {
            return List.of();
        }
        List<StoredFile> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(entry, BasicFileAttributes.class);
                } catch (NoSuchFileException e) {
                    continue; // a temporary file renamed or deleted by Spark while we list
                }
                if (attributes.isRegularFile()) {
                    files.add(new StoredFile(entry.getFileName().toString(), attributes.size(),
                            attributes.lastModifiedTime().toInstant()));
                }
            }
        } catch (AccessDeniedException e) {
            throw new IOException("no permission to list " + directory, e);
        }
        return files;
    }

    @Override
    public boolean exists(CheckpointLocation location, String name, Duration timeLeft) {
        return Files.isRegularFile(directoryOf(location).resolve(name));
    }

    @Override
    public byte[] read(CheckpointLocation location, String folder, String name, int maxBytes, Duration timeLeft)
            throws IOException {
        Path file = directoryOf(location).resolve(folder).resolve(name);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] content = in.readNBytes(maxBytes + 1);
            if (content.length > maxBytes) {
                throw new FileTooLargeException(file.toString(), maxBytes);
            }
            return content;
        } catch (NoSuchFileException e) {
            throw new IOException(file + " does not exist", e);
        } catch (AccessDeniedException e) {
            throw new IOException("no permission to read " + file, e);
        }
    }

    private static Path directoryOf(CheckpointLocation location) {
        if (location instanceof CheckpointLocation.Local local) {
            return local.directory();
        }
        throw new IllegalArgumentException("not a local checkpoint: " + location);
    }
}
