package io.graphraft.core.store;

import io.graphraft.core.codec.BinaryReader;
import io.graphraft.core.codec.BinaryWriter;
import io.graphraft.core.codec.GraphBinary;
import io.graphraft.core.model.Direction;
import io.graphraft.core.model.Edge;
import io.graphraft.core.model.Node;
import io.graphraft.core.util.Directories;
import org.rocksdb.Checkpoint;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The graph in RocksDB. Keys are a one-byte kind and big-endian ids, so id order is key order:
 * {@code n<node>} → node, {@code e<edge>} → edge, {@code o<node><edge>} and {@code i<node><edge>}
 * index out- and in-edges. The store is rebuilt from snapshot + log on every start, so writes skip
 * RocksDB's WAL (the Raft log is the write-ahead log); a snapshot is a checkpoint, which flushes.
 */
public final class RocksDbGraphStore implements GraphStore {
    private static final byte NODE = 'n';
    private static final byte EDGE = 'e';
    private static final byte OUT = 'o';
    private static final byte IN = 'i';
    private static final byte[] EMPTY = new byte[0];

    static {
        RocksDB.loadLibrary();
    }

    private final Path root;
    private final int generation;
    private final Path directory;
    private final Options options;
    private final WriteOptions writeOptions;
    private final RocksDB db;

    private RocksDbGraphStore(Path root, int generation, boolean createIfMissing) {
        this.root = root;
        this.generation = generation;
        this.directory = generationDir(root, generation);
        this.options = new Options().setCreateIfMissing(createIfMissing);
        this.writeOptions = new WriteOptions().setDisableWAL(true);
        try {
            this.db = RocksDB.open(options, directory.toString());
        } catch (RocksDBException e) {
            options.close();
            writeOptions.close();
            throw new IllegalStateException("cannot open RocksDB store at " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Clears {@code root} of any earlier store and opens an empty one in it. */
    static RocksDbGraphStore openEmpty(Path root) {
        if (root == null) {
            throw new IllegalArgumentException("the rocksdb store needs a directory");
        }
        Directories.deleteRecursively(root);
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare store directory " + root, e);
        }
        return new RocksDbGraphStore(root, 1, true);
    }

    @Override
    public StoreKind kind() {
        return StoreKind.ROCKSDB;
    }

    @Override
    public Node node(long id) {
        byte[] value = get(key(NODE, id));
        return value == null ? null : GraphBinary.nodeFrom(value);
    }

    @Override
    public boolean containsNode(long id) {
        return get(key(NODE, id)) != null;
    }

    @Override
    public Edge edge(long id) {
        byte[] value = get(key(EDGE, id));
        return value == null ? null : GraphBinary.edgeFrom(value);
    }

    @Override
    public void putNode(Node node) {
        try {
            db.put(writeOptions, key(NODE, node.id()), GraphBinary.nodeBytes(node));
        } catch (RocksDBException e) {
            throw failure("put node " + node.id(), e);
        }
    }

    @Override
    public void putEdge(Edge edge) {
        try (WriteBatch batch = new WriteBatch()) {
            batch.put(key(EDGE, edge.id()), GraphBinary.edgeBytes(edge));
            batch.put(key(OUT, edge.from(), edge.id()), EMPTY);
            batch.put(key(IN, edge.to(), edge.id()), EMPTY);
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw failure("put edge " + edge.id(), e);
        }
    }

    @Override
    public void removeEdge(Edge edge) {
        try (WriteBatch batch = new WriteBatch()) {
            deleteEdge(batch, edge);
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw failure("remove edge " + edge.id(), e);
        }
    }

    @Override
    public void removeNode(long id, List<Edge> edgesOfNode) {
        try (WriteBatch batch = new WriteBatch()) {
            for (Edge edge : edgesOfNode) {
                deleteEdge(batch, edge);
            }
            batch.delete(key(NODE, id));
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw failure("remove node " + id, e);
        }
    }

    @Override
    public List<Edge> edgesOf(long nodeId, Direction direction) {
        long[] ids = switch (direction) {
            case OUT -> indexed(OUT, nodeId);
            case IN -> indexed(IN, nodeId);
            case BOTH -> HeapGraphStore.mergeDistinct(indexed(OUT, nodeId), indexed(IN, nodeId));
        };
        List<Edge> result = new ArrayList<>(ids.length);
        for (long id : ids) {
            result.add(edge(id));
        }
        return result;
    }

    @Override
    public void forEachNode(Consumer<Node> action) {
        scan(NODE, value -> action.accept(GraphBinary.nodeFrom(value)));
    }

    @Override
    public void forEachEdge(Consumer<Edge> action) {
        scan(EDGE, value -> action.accept(GraphBinary.edgeFrom(value)));
    }

    /**
     * A RocksDB checkpoint: SST files hard-linked, the small descriptor files copied, after a flush.
     * With {@code filesDirectory} the checkpoint is made there and stays (the snapshot lists its files
     * by name and length; RocksDB's own block checksums cover their bytes); without, it is made
     * beside the store, streamed as {@code ROCKSDB_FILE} / {@code ROCKSDB_FILE_DATA} blocks, and removed.
     */
    @Override
    public void writeContent(SnapshotBlocks.Writer out, Path filesDirectory) throws IOException {
        Path checkpointDir = filesDirectory != null ? filesDirectory : root.resolve("checkpoint-" + generation + "-" + System.nanoTime());
        try (Checkpoint checkpoint = Checkpoint.create(db)) {
            checkpoint.createCheckpoint(checkpointDir.toString());
        } catch (RocksDBException e) {
            throw new IOException("cannot checkpoint RocksDB store " + directory + ": " + e.getMessage(), e);
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(checkpointDir)) {
            files = listing.sorted().toList();
        }
        if (filesDirectory != null) {
            Directories.force(checkpointDir);
            BinaryWriter listing = new BinaryWriter().writeVarLong(files.size());
            for (Path file : files) {
                listing.writeString(file.getFileName().toString()).writeVarLong(Files.size(file));
            }
            out.write(SnapshotBlocks.ROCKSDB_LINKED_FILES, listing.array(), 0, listing.size());
            return;
        }
        try {
            byte[] chunk = new byte[SnapshotBlocks.TARGET_BLOCK_BYTES];
            for (Path file : files) {
                long length = Files.size(file);
                BinaryWriter header = new BinaryWriter().writeString(file.getFileName().toString()).writeVarLong(length);
                out.write(SnapshotBlocks.ROCKSDB_FILE, header.array(), 0, header.size());
                try (InputStream in = Files.newInputStream(file)) {
                    for (long left = length; left > 0; ) {
                        int read = in.readNBytes(chunk, 0, (int) Math.min(chunk.length, left));
                        if (read == 0) {
                            throw new IOException("checkpoint file " + file + " shrank while it was read");
                        }
                        out.write(SnapshotBlocks.ROCKSDB_FILE_DATA, chunk, 0, read);
                        left -= read;
                    }
                }
            }
        } finally {
            Directories.deleteRecursively(checkpointDir);
        }
    }

    @Override
    public ContentLoader loadContent(Path filesDirectory) throws IOException {
        return new Loader(filesDirectory);
    }

    /** Rebuilds the files of a checkpoint in the next generation directory, then opens them. */
    private final class Loader implements ContentLoader {
        private final Path filesDirectory;
        private final int next = generation + 1;
        private final Path target = generationDir(root, next);
        private OutputStream file;
        private String fileName;
        private long fileLeft;
        private boolean linked;
        private boolean finished;

        Loader(Path filesDirectory) throws IOException {
            this.filesDirectory = filesDirectory;
            Directories.deleteRecursively(target);
            Files.createDirectories(target);
        }

        @Override
        public void accept(SnapshotBlocks.Block block) throws IOException {
            switch (block.kind()) {
                case SnapshotBlocks.ROCKSDB_FILE -> {
                    closeFile();
                    BinaryReader in = new BinaryReader(block.bytes());
                    fileName = checkedName(in.readString());
                    fileLeft = checkedLength(in.readVarLong(), fileName);
                    in.expectEnd();
                    file = new BufferedOutputStream(Files.newOutputStream(target.resolve(fileName), StandardOpenOption.CREATE_NEW),
                            SnapshotBlocks.TARGET_BLOCK_BYTES);
                }
                case SnapshotBlocks.ROCKSDB_FILE_DATA -> {
                    if (file == null || block.length() > fileLeft) {
                        throw new IOException("snapshot content is corrupt: checkpoint data "
                                + (file == null ? "outside any file" : "beyond the length of " + fileName));
                    }
                    file.write(block.bytes(), 0, block.length());
                    fileLeft -= block.length();
                }
                case SnapshotBlocks.ROCKSDB_LINKED_FILES -> linkFiles(new BinaryReader(block.bytes()));
                default -> throw new IOException("snapshot content is corrupt: block kind " + block.kind()
                        + " does not belong to the RocksDB store");
            }
        }

        /** SST files are immutable: hard links share them with the snapshot; the files RocksDB rewrites are copied. */
        private void linkFiles(BinaryReader in) throws IOException {
            if (filesDirectory == null) {
                throw new IOException("the snapshot keeps its RocksDB files beside it, but it was read as a stream without them");
            }
            linked = true;
            int count = in.readLength("checkpoint file count");
            for (int i = 0; i < count; i++) {
                String name = checkedName(in.readString());
                long length = checkedLength(in.readVarLong(), name);
                Path source = filesDirectory.resolve(name);
                if (!Files.isRegularFile(source)) {
                    throw new IOException("snapshot file " + source + " is missing");
                }
                if (Files.size(source) != length) {
                    throw new IOException("snapshot file " + source + " has " + Files.size(source) + " bytes, the snapshot lists "
                            + length + " (truncated or replaced)");
                }
                if (name.endsWith(".sst") || name.endsWith(".blob")) {
                    Files.createLink(target.resolve(name), source);
                } else {
                    Files.copy(source, target.resolve(name));
                }
            }
            in.expectEnd();
        }

        private void closeFile() throws IOException {
            if (file != null) {
                file.close();
                file = null;
                if (fileLeft != 0) {
                    throw new EOFException("snapshot content is truncated inside checkpoint file " + fileName);
                }
            }
        }

        @Override
        public GraphStore finish() throws IOException {
            closeFile();
            RocksDbGraphStore restored;
            try {
                restored = new RocksDbGraphStore(root, next, false);
            } catch (IllegalStateException e) {
                throw new IOException("snapshot content is not a valid RocksDB checkpoint: " + e.getMessage(), e);
            }
            if (linked) {
                try {
                    restored.db.verifyChecksum(); // the linked files are outside the snapshot's own checksums
                } catch (RocksDBException e) {
                    restored.close();
                    throw new IOException("snapshot files in " + filesDirectory + " are corrupt: " + e.getMessage(), e);
                }
            }
            finished = true;
            return restored;
        }

        @Override
        public void close() {
            if (!finished) {
                try {
                    if (file != null) {
                        file.close();
                    }
                } catch (IOException ignored) {
                    // the directory goes below
                }
                Directories.deleteRecursively(target);
            }
        }
    }

    private static String checkedName(String name) throws IOException {
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new IOException("snapshot content is corrupt: bad checkpoint file name '" + name + "'");
        }
        return name;
    }

    private static long checkedLength(long length, String name) throws IOException {
        if (length < 0) {
            throw new IOException("snapshot content is corrupt: file " + name + " has length " + length);
        }
        return length;
    }

    @Override
    public void close() {
        db.close();
        writeOptions.close();
        options.close();
        Directories.deleteRecursively(directory);
    }

    private byte[] get(byte[] key) {
        try {
            return db.get(key);
        } catch (RocksDBException e) {
            throw failure("read", e);
        }
    }

    private void deleteEdge(WriteBatch batch, Edge edge) throws RocksDBException {
        batch.delete(key(EDGE, edge.id()));
        batch.delete(key(OUT, edge.from(), edge.id()));
        batch.delete(key(IN, edge.to(), edge.id()));
    }

    private long[] indexed(byte kind, long nodeId) {
        byte[] prefix = key(kind, nodeId);
        long[] ids = new long[8];
        int n = 0;
        try (Slice upper = new Slice(key(kind, nodeId + 1));
             ReadOptions read = new ReadOptions().setIterateUpperBound(upper);
             RocksIterator it = db.newIterator(read)) {
            for (it.seek(prefix); it.isValid(); it.next()) {
                if (n == ids.length) {
                    ids = Arrays.copyOf(ids, n * 2);
                }
                ids[n++] = ByteBuffer.wrap(it.key()).getLong(9);
            }
        }
        return Arrays.copyOf(ids, n);
    }

    private void scan(byte kind, Consumer<byte[]> action) {
        try (Slice upper = new Slice(new byte[] {(byte) (kind + 1)});
             ReadOptions read = new ReadOptions().setIterateUpperBound(upper);
             RocksIterator it = db.newIterator(read)) {
            for (it.seek(new byte[] {kind}); it.isValid(); it.next()) {
                action.accept(it.value());
            }
        }
    }

    private static byte[] key(byte kind, long id) {
        return ByteBuffer.allocate(9).put(kind).putLong(id).array();
    }

    private static byte[] key(byte kind, long nodeId, long edgeId) {
        return ByteBuffer.allocate(17).put(kind).putLong(nodeId).putLong(edgeId).array();
    }

    private static Path generationDir(Path root, int generation) {
        return root.resolve("gen-" + generation);
    }

    private IllegalStateException failure(String what, RocksDBException e) {
        return new IllegalStateException("RocksDB store " + directory + " failed to " + what + ": " + e.getMessage(), e);
    }
}
