package io.graphraft.baseline;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * One append-only file of records {@code [length:int][crc32c:int][index:long][payload]}; a group of
 * entries is one write and (when syncing) one {@code FileChannel.force(false)}.
 */
final class FileChannelLog implements DurableLog {
    private static final int HEADER = 16;
    private static final int MAX_ENTRY = 256 << 20;

    private final Path file;
    private final boolean sync;
    private final FileChannel channel;
    private ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 16);
    private long lastIndex;

    FileChannelLog(Path directory, boolean sync) throws IOException {
        Files.createDirectories(directory);
        this.file = directory.resolve("wal.log");
        this.sync = sync;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    @Override
    public void append(long firstIndex, List<byte[]> entries) throws IOException {
        int size = 0;
        for (byte[] entry : entries) {
            size += HEADER + entry.length;
        }
        if (buffer.capacity() < size) {
            buffer = ByteBuffer.allocateDirect(Math.max(size, buffer.capacity() * 2));
        }
        buffer.clear();
        long index = firstIndex;
        CRC32C crc = new CRC32C();
        for (byte[] entry : entries) {
            crc.reset();
            crc.update(ByteBuffer.allocate(8).putLong(0, index));
            crc.update(entry);
            buffer.putInt(entry.length).putInt((int) crc.getValue()).putLong(index).put(entry);
            index++;
        }
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        if (sync) {
            channel.force(false);
        }
        lastIndex = index - 1;
    }

    @Override
    public void replay(long afterIndex, EntryConsumer consumer) throws IOException {
        long goodEnd = 0;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            CRC32C crc = new CRC32C();
            while (true) {
                int length;
                try {
                    length = in.readInt();
                } catch (EOFException end) {
                    break;
                }
                try {
                    int recorded = in.readInt();
                    long index = in.readLong();
                    if (length < 0 || length > MAX_ENTRY) {
                        break;
                    }
                    byte[] entry = new byte[length];
                    in.readFully(entry);
                    crc.reset();
                    crc.update(ByteBuffer.allocate(8).putLong(0, index));
                    crc.update(entry);
                    if ((int) crc.getValue() != recorded) {
                        break;
                    }
                    goodEnd += HEADER + length;
                    lastIndex = index;
                    if (index > afterIndex) {
                        consumer.accept(index, entry);
                    }
                } catch (EOFException torn) {
                    break;
                }
            }
        }
        // Cut a torn or corrupt tail: it was never acknowledged (its fsync had not returned).
        if (channel.size() > goodEnd) {
            channel.truncate(goodEnd);
            channel.force(true);
        }
        channel.position(goodEnd);
    }

    /** Drops the whole file once a snapshot covers everything in it; replay skips covered entries otherwise. */
    @Override
    public void truncatePrefix(long index) throws IOException {
        if (index >= lastIndex) {
            channel.truncate(0);
            channel.position(0);
            channel.force(true);
        }
    }

    @Override
    public long sizeBytes() {
        try {
            return channel.size();
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing as a crash would: nothing more to save
        }
    }
}
