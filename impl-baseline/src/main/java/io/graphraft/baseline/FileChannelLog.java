package io.graphraft.baseline;

import io.graphraft.core.util.Directories;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * One append-only file of records {@code [length:int][crc32c:int][index:long][payload]} (the checksum
 * covers index and payload); a group of entries is one write and (when syncing) one
 * {@code FileChannel.force(false)}.
 *
 * <p>Replay tells a torn tail from corruption: a write cut short by a crash can only damage the end
 * of the file, so damage followed by no intact record is a torn tail and is cut off (it was never
 * acknowledged); damage followed by an intact record is corruption of acknowledged entries, and the
 * log refuses to open, naming the file and the offset, without changing the file.
 */
final class FileChannelLog implements DurableLog {
    static final String FILE_NAME = "wal.log";
    private static final int HEADER = 16;
    private static final int READ_BUFFER = 1 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(FileChannelLog.class);

    private final Path file;
    private final boolean sync;
    private final FileChannel channel;
    private final CRC32C crc = new CRC32C();
    private final ByteBuffer indexBytes = ByteBuffer.allocate(Long.BYTES);
    private ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 16);
    private long lastIndex;

    FileChannelLog(Path directory, boolean sync) throws IOException {
        boolean newDirectory = Files.notExists(directory);
        Files.createDirectories(directory);
        if (newDirectory) {
            Directories.force(directory.toAbsolutePath().getParent());
        }
        this.file = directory.resolve(FILE_NAME);
        this.sync = sync;
        boolean newFile = Files.notExists(file);
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        if (newFile) {
            try {
                Directories.force(directory);
            } catch (IOException e) {
                channel.close();
                throw e;
            }
        }
    }

    @Override
    public void append(long firstIndex, List<byte[]> entries) throws IOException {
        int size = 0;
        for (byte[] entry : entries) {
            if (entry.length > MAX_ENTRY_BYTES) {
                throw new IllegalArgumentException("an entry of " + entry.length + " bytes is over the log's limit of "
                        + MAX_ENTRY_BYTES + " bytes; nothing was appended");
            }
            size = Math.addExact(size, HEADER + entry.length);
        }
        if (buffer.capacity() < size) {
            buffer = ByteBuffer.allocateDirect(Math.max(size, buffer.capacity() * 2));
        }
        buffer.clear();
        long index = firstIndex;
        for (byte[] entry : entries) {
            buffer.putInt(entry.length).putInt(checksum(index, entry)).putLong(index).put(entry);
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
        long size = channel.size();
        Window window = new Window(size);
        long offset = 0;
        long previous = -1;
        while (offset < size) {
            String damage = null;
            long index = 0;
            int length = 0;
            if (size - offset < HEADER) {
                damage = "a record header cut short by the end of the file";
            } else {
                ByteBuffer header = window.at(offset, HEADER);
                length = header.getInt();
                int recorded = header.getInt();
                index = header.getLong();
                if (length < 0 || length > MAX_ENTRY_BYTES) {
                    damage = "a record length of " + length + " bytes";
                } else if (length > size - offset - HEADER) {
                    damage = "a record of " + length + " bytes cut short by the end of the file";
                } else if (checksum(index, window.at(offset + HEADER, length)) != recorded) {
                    damage = "a checksum mismatch";
                } else if (previous >= 0 && index != previous + 1) {
                    throw new LogCorruptException(file + " is corrupt at byte " + offset + ": index " + index
                            + " follows index " + previous + "; nothing was changed");
                }
            }
            if (damage != null) {
                cutTornTail(window, offset, previous, damage);
                break;
            }
            if (index > afterIndex) {
                ByteBuffer payload = window.at(offset + HEADER, length);
                byte[] entry = new byte[length];
                payload.get(entry);
                consumer.accept(index, entry);
            }
            previous = index;
            lastIndex = index;
            offset += HEADER + length;
        }
        channel.position(channel.size());
    }

    /**
     * Damage at {@code offset}: cuts it off if it is the torn end of the file, or fails without
     * changing anything if an intact record follows it (corruption of acknowledged entries).
     */
    private void cutTornTail(Window window, long offset, long previous, String damage) throws IOException {
        long intact = intactRecordAfter(window, offset, previous);
        if (intact >= 0) {
            throw new LogCorruptException(file + " is corrupt at byte " + offset + " (" + damage + "), and an intact record"
                    + " follows at byte " + intact + ": acknowledged entries are damaged, so the log is not replayed;"
                    + " nothing was changed");
        }
        long size = channel.size();
        LOG.warn("{}: cutting a torn tail of {} bytes at byte {} ({}): a write the crash interrupted, never acknowledged",
                file, size - offset, offset, damage);
        channel.truncate(offset);
        channel.force(true);
    }

    /**
     * The offset of the first intact record after {@code damaged}, or -1. A candidate must carry an
     * index after {@code previous} (a log's first index is 1) that the rest of the file has room for,
     * then its checksum must match: random bytes pass both with negligible probability.
     */
    private long intactRecordAfter(Window window, long damaged, long previous) throws IOException {
        long size = channel.size();
        for (long at = damaged + 1; at + HEADER <= size; at++) {
            ByteBuffer header = window.at(at, HEADER);
            int length = header.getInt();
            int recorded = header.getInt();
            long index = header.getLong();
            long after = Math.max(previous, 0);
            boolean plausibleIndex = index > after && index - after <= (size - at) / HEADER;
            if (plausibleIndex && length >= 0 && length <= size - at - HEADER
                    && checksum(index, window.at(at + HEADER, length)) == recorded) {
                return at;
            }
        }
        return -1;
    }

    /** Buffered positional reads of the file: a slice of {@code length} bytes at an offset, read in large chunks. */
    private final class Window {
        private final long size;
        private ByteBuffer chunk = ByteBuffer.allocate(READ_BUFFER);
        private long chunkStart;
        private int chunkLength;

        Window(long size) {
            this.size = size;
        }

        ByteBuffer at(long offset, int length) throws IOException {
            if (offset < chunkStart || offset + length > chunkStart + chunkLength) {
                if (chunk.capacity() < length) {
                    chunk = ByteBuffer.allocate(length);
                }
                chunk.clear().limit((int) Math.min(chunk.capacity(), size - offset));
                long at = offset;
                while (chunk.hasRemaining()) {
                    int read = channel.read(chunk, at);
                    if (read < 0) {
                        throw new EOFException(file + " ended at byte " + at + " while reading");
                    }
                    at += read;
                }
                chunkStart = offset;
                chunkLength = chunk.position();
            }
            int from = (int) (offset - chunkStart);
            return chunk.duplicate().position(from).limit(from + length).slice();
        }
    }

    private int checksum(long index, byte[] entry) {
        return checksum(index, ByteBuffer.wrap(entry));
    }

    private int checksum(long index, ByteBuffer payload) {
        crc.reset();
        crc.update(indexBytes.putLong(0, index).array(), 0, Long.BYTES);
        crc.update(payload);
        return (int) crc.getValue();
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
