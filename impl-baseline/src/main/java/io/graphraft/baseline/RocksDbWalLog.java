package io.graphraft.baseline;

import io.graphraft.core.util.Directories;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The log as RocksDB keys (big-endian index → entry), each group one WriteBatch with {@code sync} as asked. */
final class RocksDbWalLog implements DurableLog {
    static {
        RocksDB.loadLibrary();
    }

    private final Path directory;
    private final Options options;
    private final WriteOptions writeOptions;
    private final RocksDB db;

    RocksDbWalLog(Path directory, boolean sync) throws IOException {
        Files.createDirectories(directory);
        this.directory = directory;
        this.options = new Options().setCreateIfMissing(true);
        this.writeOptions = new WriteOptions().setSync(sync);
        try {
            this.db = RocksDB.open(options, directory.toString());
        } catch (RocksDBException e) {
            options.close();
            writeOptions.close();
            throw new IOException("cannot open RocksDB log at " + directory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void append(long firstIndex, List<byte[]> entries) throws IOException {
        try (WriteBatch batch = new WriteBatch()) {
            long index = firstIndex;
            for (byte[] entry : entries) {
                batch.put(key(index++), entry);
            }
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw new IOException("RocksDB log append failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void replay(long afterIndex, EntryConsumer consumer) {
        try (RocksIterator it = db.newIterator()) {
            for (it.seek(key(afterIndex + 1)); it.isValid(); it.next()) {
                consumer.accept(ByteBuffer.wrap(it.key()).getLong(), it.value());
            }
        }
    }

    @Override
    public void truncatePrefix(long index) throws IOException {
        try {
            db.deleteRange(key(0), key(index + 1));
        } catch (RocksDBException e) {
            throw new IOException("RocksDB log truncation failed: " + e.getMessage(), e);
        }
    }

    @Override
    public long sizeBytes() {
        return Directories.sizeOf(directory);
    }

    @Override
    public void close() {
        db.close();
        writeOptions.close();
        options.close();
    }

    private static byte[] key(long index) {
        return ByteBuffer.allocate(8).putLong(index).array();
    }
}
