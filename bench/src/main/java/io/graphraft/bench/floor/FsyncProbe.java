package io.graphraft.bench.floor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The fsync floor: append 100 bytes to a file and {@code FileChannel.force(false)} it, as a log does. */
public final class FsyncProbe implements AutoCloseable {
    public static final int APPEND_BYTES = 100;

    private final Path file;
    private final FileChannel channel;
    private final ByteBuffer record = ByteBuffer.allocateDirect(APPEND_BYTES);

    public FsyncProbe(Path directory) throws IOException {
        this.file = Files.createTempFile(directory, "fsync-probe-", ".log");
        this.channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /** One append + force; returns its duration in nanoseconds. */
    public long appendAndForce() throws IOException {
        long start = System.nanoTime();
        record.clear();
        channel.write(record);
        channel.force(false);
        return System.nanoTime() - start;
    }

    @Override
    public void close() throws IOException {
        channel.close();
        Files.deleteIfExists(file);
    }
}
