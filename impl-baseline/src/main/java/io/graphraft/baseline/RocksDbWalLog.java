package io.graphraft.baseline;

import io.graphraft.core.util.Directories;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The log as RocksDB keys (big-endian index → entry), each group one WriteBatch with {@code sync} as
 * asked. RocksDB replays its own WAL on open, told to drop only a torn tail (its default would stop
 * quietly at the first damaged record and drop every write after it).
 */
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
        this.options = new Options().setCreateIfMissing(true)
                .setWalRecoveryMode(WALRecoveryMode.TolerateCorruptedTailRecords);
        this.writeOptions = new WriteOptions().setSync(sync);
        try {
            this.db = RocksDB.open(options, directory.toString());
        } catch (RocksDBException e) {
            options.close();
            writeOptions.close();
            throw new IOException("cannot open RocksDB log at " + directory + ": " + describe(e), e);
        }
    }

    @Override
    public void append(long firstIndex, List<byte[]> entries) throws IOException {
        for (byte[] entry : entries) {
            if (entry.length > MAX_ENTRY_BYTES) {
                throw new IllegalArgumentException("an entry of " + entry.length + " bytes is over the log's limit of "
                        + MAX_ENTRY_BYTES + " bytes; nothing was appended");
            }
        }
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
    public void replay(long afterIndex, EntryConsumer consumer) throws IOException {
        try (RocksIterator it = db.newIterator()) {
            for (it.seek(key(afterIndex + 1)); it.isValid(); it.next()) {
                byte[] key = it.key();
                if (key.length != Long.BYTES) {
                    throw new LogCorruptException("the RocksDB log at " + directory + " holds a key of " + key.length
                            + " bytes, not an 8-byte index; nothing was changed");
                }
                consumer.accept(ByteBuffer.wrap(key).getLong(), it.value());
            }
            it.status();
        } catch (RocksDBException e) {
            throw new IOException("cannot read the RocksDB log at " + directory + ": " + e.getMessage(), e);
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

    /** RocksDB's status code too: "Corruption: checksum mismatch" says what "checksum mismatch" alone does not. */
    private static String describe(RocksDBException e) {
        return e.getStatus() == null ? e.getMessage() : e.getStatus().getCode() + ": " + e.getMessage();
    }

    private static byte[] key(long index) {
        return ByteBuffer.allocate(8).putLong(index).array();
    }
}
