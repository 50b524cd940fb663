package io.graphraft.core.util;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/** Small file-tree operations the stores and engines share. */
public final class Directories {
    private Directories() {
    }

    /** Deletes {@code path} and everything below it; a missing path is fine. */
    public static void deleteRecursively(Path path) {
        if (path == null || !Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }

    /**
     * Forces {@code directory}'s entries to disk (fsync on the directory): a file created, renamed or
     * deleted in it survives a power loss only after this.
     */
    public static void force(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Bytes of the file {@code path}, or of all regular files below the directory {@code path}; 0 if it does not exist. */
    public static long sizeOf(Path path) {
        if (path == null || !Files.exists(path)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0; // a file removed while we walk (log purge) counts as gone
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    /** Requires {@code path} to be an existing directory, failing with a message that names it. */
    public static Path requireDirectory(Path path, String what) {
        if (path == null) {
            throw new IllegalArgumentException(what + " is not set");
        }
        if (!Files.isDirectory(path)) {
            throw new IllegalArgumentException(what + " " + path + " does not exist or is not a directory");
        }
        return path;
    }
}
