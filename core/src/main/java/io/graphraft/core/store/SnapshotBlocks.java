package io.graphraft.core.store;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The framing of a snapshot: a sequence of typed blocks {@code [kind:byte][length:int][crc32c:int][payload]},
 * each checksummed together with its position in the sequence, so a flipped, missing, repeated or
 * reordered block is detected. Large blocks keep reads and writes sequential and let independent
 * blocks be encoded and decoded in parallel.
 *
 * <p>Block kinds, one namespace for the whole snapshot: the state machine's header and end, then each
 * store's content. A new section is a new kind (with a format version bump, so older builds refuse it
 * by version rather than by an unknown kind).
 */
public final class SnapshotBlocks {
    /** The state machine's header: store kind, applied index, id counters, counts. */
    public static final int HEADER = 1;
    /** The last block: how many blocks came before it. */
    public static final int END = 2;
    /** Heap store: consecutive node records. */
    static final int HEAP_NODES = 16;
    /** Heap store: consecutive edge records. */
    static final int HEAP_EDGES = 17;
    /** RocksDB store: a checkpoint file's name and length; its bytes follow in FILE_DATA blocks. */
    static final int ROCKSDB_FILE = 32;
    static final int ROCKSDB_FILE_DATA = 33;
    /** RocksDB store: the checkpoint files kept beside the snapshot (hard links), by name and length. */
    static final int ROCKSDB_LINKED_FILES = 34;

    /** Blocks aim at this size; one record larger than it gets a block of its own. */
    static final int TARGET_BLOCK_BYTES = 1 << 20;
    /** The largest node or edge record either side accepts. */
    public static final int MAX_RECORD_BYTES = 64 << 20;
    /** A block closes once it reaches the target, so its last record may take it past by at most one record. */
    static final int MAX_BLOCK_BYTES = TARGET_BLOCK_BYTES + MAX_RECORD_BYTES;
    private static final int FRAME = 9;

    private SnapshotBlocks() {
    }

    /** One block read back: its kind and its payload, the first {@code length} bytes of {@code bytes}. */
    public record Block(int kind, byte[] bytes, int length) {
    }

    /** Writes blocks to a stream; not thread-safe (encode in parallel, write in order). */
    public static final class Writer {
        private final OutputStream out;
        private final CRC32C crc = new CRC32C();
        private final ByteBuffer frame = ByteBuffer.allocate(FRAME);
        private int sequence;

        public Writer(OutputStream out) {
            this.out = out;
        }

        public void write(int kind, byte[] payload, int offset, int length) throws IOException {
            if (length > MAX_BLOCK_BYTES) {
                throw new IOException("a snapshot block of " + length + " bytes is over the limit of " + MAX_BLOCK_BYTES);
            }
            frame.clear().put((byte) kind).putInt(length).putInt(checksum(crc, sequence, kind, length, payload, offset));
            out.write(frame.array(), 0, FRAME);
            out.write(payload, offset, length);
            sequence++;
        }

        /** Blocks written so far. */
        public int count() {
            return sequence;
        }
    }

    /** Reads and verifies blocks from a stream. */
    public static final class Reader {
        private final DataInputStream in;
        private final CRC32C crc = new CRC32C();
        private int sequence;

        public Reader(InputStream in) {
            this.in = new DataInputStream(in);
        }

        /**
         * The next block, checksum verified.
         *
         * @throws EOFException if the stream ends before or inside a block
         * @throws IOException naming the block if it is damaged
         */
        public Block next() throws IOException {
            int kind = in.readUnsignedByte();
            int length = in.readInt();
            int recorded = in.readInt();
            if (length < 0 || length > MAX_BLOCK_BYTES) {
                throw new IOException("snapshot block " + sequence + " has an impossible length of " + length + " bytes");
            }
            byte[] payload = new byte[length];
            in.readFully(payload);
            if (checksum(crc, sequence, kind, length, payload, 0) != recorded) {
                throw new IOException("snapshot block " + sequence + " (kind " + kind + ", " + length
                        + " bytes) fails its checksum: the snapshot is corrupt");
            }
            sequence++;
            return new Block(kind, payload, length);
        }

        /** Blocks read so far. */
        public int count() {
            return sequence;
        }
    }

    private static int checksum(CRC32C crc, int sequence, int kind, int length, byte[] payload, int offset) {
        crc.reset();
        crc.update(ByteBuffer.allocate(9).putInt(sequence).put((byte) kind).putInt(length).flip());
        crc.update(payload, offset, length);
        return (int) crc.getValue();
    }
}
