package io.graphraft.baseline;

import org.apache.lucene.tests.mockfile.FilterFileChannel;
import org.apache.lucene.tests.mockfile.FilterFileSystemProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FileChannelLogTest {
    @TempDir
    Path temp;

    /**
     * A file's creation is durable only once its directory is forced: without it a power loss can
     * drop wal.log, with every acknowledged entry that was forced into it.
     */
    @Test
    void creatingTheLogForcesTheDirectoriesThatNameIt() throws IOException {
        RecordingFileSystem recording = new RecordingFileSystem(FileSystems.getDefault());
        Path logDirectory = recording.wrapPath(temp).resolve("node-0").resolve("log");
        Files.createDirectories(temp.resolve("node-0"));

        try (FileChannelLog log = new FileChannelLog(logDirectory, true)) {
            log.append(1, List.of(new byte[] {1, 2, 3}));
        }

        List<String> events = recording.events();
        String created = "create " + logDirectory.resolve("wal.log");
        assertThat(events).contains(created);
        assertThat(events.subList(events.indexOf(created), events.size()))
                .as("the log directory is forced after wal.log is created").contains("force " + logDirectory);
        assertThat(events).as("the node directory is forced after the log directory is created")
                .contains("force " + logDirectory.getParent());
    }

    /** The default file system, recording which files are created and which channels are forced. */
    private static final class RecordingFileSystem extends FilterFileSystemProvider {
        private final List<String> events = Collections.synchronizedList(new ArrayList<>());

        RecordingFileSystem(FileSystem delegate) {
            super("recording://", delegate);
        }

        List<String> events() {
            synchronized (events) {
                return new ArrayList<>(events);
            }
        }

        @Override
        public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
                throws IOException {
            boolean creates = options.contains(StandardOpenOption.CREATE) && Files.notExists(path);
            FileChannel channel = super.newFileChannel(path, options, attrs);
            if (creates) {
                events.add("create " + path);
            }
            return new FilterFileChannel(channel) {
                @Override
                public void force(boolean metaData) throws IOException {
                    super.force(metaData);
                    events.add("force " + path);
                }
            };
        }
    }
}
