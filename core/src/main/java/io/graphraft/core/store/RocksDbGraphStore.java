package io.graphraft.core.store;

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

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
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
    private static final int MAX_FILES = 1_000_000;

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

    /** Format: file count, then per checkpoint file (ascending by name): name, length, bytes. */
    @Override
    public void writeContent(OutputStream out) throws IOException {
        Path checkpointDir = root.resolve("checkpoint-" + generation + "-" + System.nanoTime());
        try (Checkpoint checkpoint = Checkpoint.create(db)) {
            checkpoint.createCheckpoint(checkpointDir.toString());
        } catch (RocksDBException e) {
            throw new IOException("cannot checkpoint RocksDB store " + directory + ": " + e.getMessage(), e);
        }
        try {
            List<Path> files;
            try (Stream<Path> listing = Files.list(checkpointDir)) {
                files = listing.sorted().toList();
            }
            DataOutputStream data = new DataOutputStream(out);
            data.writeInt(files.size());
            for (Path file : files) {
                data.writeUTF(file.getFileName().toString());
                data.writeLong(Files.size(file));
                Files.copy(file, data);
            }
            data.flush();
        } finally {
            Directories.deleteRecursively(checkpointDir);
        }
    }

    @Override
    public GraphStore readContent(InputStream in) throws IOException {
        int next = generation + 1;
        Path target = generationDir(root, next);
        Directories.deleteRecursively(target);
        Files.createDirectories(target);
        try {
            DataInputStream data = new DataInputStream(in);
            int count = data.readInt();
            if (count < 0 || count > MAX_FILES) {
                throw new IOException("snapshot content is corrupt: checkpoint file count " + count);
            }
            for (int i = 0; i < count; i++) {
                String name = data.readUTF();
                if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
                    throw new IOException("snapshot content is corrupt: bad checkpoint file name '" + name + "'");
                }
                long length = data.readLong();
                if (length < 0) {
                    throw new IOException("snapshot content is corrupt: file " + name + " has length " + length);
                }
                try (OutputStream file = Files.newOutputStream(target.resolve(name))) {
                    copyExactly(data, file, length, name);
                }
            }
            return new RocksDbGraphStore(root, next, false);
        } catch (IOException | RuntimeException e) {
            Directories.deleteRecursively(target);
            if (e instanceof IllegalStateException) {
                throw new IOException("snapshot content is not a valid RocksDB checkpoint: " + e.getMessage(), e);
            }
            throw e;
        }
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

    private static void copyExactly(InputStream in, OutputStream out, long length, String name) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = length;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new java.io.EOFException("snapshot content is truncated inside checkpoint file " + name);
            }
            out.write(buffer, 0, read);
            left -= read;
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
