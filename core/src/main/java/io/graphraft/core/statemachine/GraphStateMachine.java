package io.graphraft.core.statemachine;

import io.graphraft.core.codec.BinaryReader;
import io.graphraft.core.codec.BinaryWriter;
import io.graphraft.core.codec.Codec;
import io.graphraft.core.codec.CodecException;
import io.graphraft.core.codec.GraphBinary;
import io.graphraft.core.command.Command;
import io.graphraft.core.command.ErrorCode;
import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;
import io.graphraft.core.model.Direction;
import io.graphraft.core.model.Edge;
import io.graphraft.core.model.Node;
import io.graphraft.core.model.Properties;
import io.graphraft.core.store.GraphStore;
import io.graphraft.core.store.SnapshotBlocks;
import io.graphraft.core.store.StoreKind;
import io.graphraft.core.util.Directories;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.zip.CRC32C;

/**
 * The replicated graph state machine. Every replica applying the same log reaches the same state:
 * ids come from its own counters, never from clocks, randomness or the caller. A command that
 * cannot apply yields an error result and changes nothing; the log moves on.
 *
 * <p>Writes in a client session ({@link Command.InSession}) apply at most once: the state machine keeps,
 * per session, the last applied sequence number and its result ({@link SessionTable}, bounded, in the
 * snapshot), and answers that sequence number again from it, so a client may resend a write whose
 * answer it lost.
 *
 * <p>Writes ({@link #apply}) must come from one thread at a time in log order, as every Raft
 * engine delivers them; queries may run concurrently from any thread.
 */
public final class GraphStateMachine implements AutoCloseable {
    private static final int SNAPSHOT_MAGIC = 0x4752534E; // "GRSN"
    /**
     * Version 3: version 2 plus the client sessions (a count in the header, then {@link SnapshotBlocks#SESSIONS}
     * blocks). Version 2 (checksummed blocks, no sessions) still restores, with no sessions: a client retrying
     * in a session it opened before is told its session is unknown, never applied twice. Version 1 (one stream
     * under one checksum) is refused naming its version.
     */
    static final int SNAPSHOT_VERSION = 3;
    private static final int SNAPSHOT_VERSION_WITHOUT_SESSIONS = 2;
    /** In a snapshot directory: the snapshot itself, and the folder of the files the store keeps beside it. */
    public static final String SNAPSHOT_FILE = "snapshot.bin";
    public static final String SNAPSHOT_FILES = "files";
    private static final int FILE_BUFFER = 1 << 20;

    private final Codec codec;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final int sessionCapacity;
    private SessionTable sessions;
    private GraphStore store;
    private boolean closed;
    private long lastAppliedIndex;
    private long nextNodeId = 1;
    private long nextEdgeId = 1;
    private long nodeCount;
    private long edgeCount;

    public GraphStateMachine(GraphStore store, Codec codec) {
        this(store, codec, SessionTable.DEFAULT_CAPACITY);
    }

    /** @param sessionCapacity how many client sessions are kept before the least recently used expires */
    public GraphStateMachine(GraphStore store, Codec codec, int sessionCapacity) {
        this.store = store;
        this.codec = codec;
        this.sessionCapacity = sessionCapacity;
        this.sessions = new SessionTable(sessionCapacity);
    }

    /** An empty state machine over a new store of {@code kind} kept in {@code storeDirectory}. */
    public static GraphStateMachine open(StoreKind kind, Path storeDirectory, Codec codec) {
        return new GraphStateMachine(kind.open(storeDirectory), codec);
    }

    public Codec codec() {
        return codec;
    }

    public StoreKind storeKind() {
        return store.kind();
    }

    /**
     * Applies one encoded log entry. Bytes that do not decode give a {@code MALFORMED} error result
     * and change nothing (the index still counts as applied).
     *
     * @throws IllegalArgumentException if {@code index} is not above the last applied index: an
     *     engine delivering an entry twice is a bug that must not pass silently
     */
    public byte[] apply(long index, byte[] command) {
        Command decoded;
        try {
            decoded = codec.decodeCommand(command);
        } catch (CodecException e) {
            lock.writeLock().lock();
            try {
                requireOpen();
                advance(index);
            } finally {
                lock.writeLock().unlock();
            }
            return codec.encodeResult(new Result.Error(ErrorCode.MALFORMED, "malformed command: " + e.getMessage()));
        }
        return codec.encodeResult(apply(index, decoded));
    }

    /** Applies one decoded command at log position {@code index}. */
    public Result apply(long index, Command command) {
        lock.writeLock().lock();
        try {
            requireOpen();
            advance(index);
            if (command instanceof Command.OpenSession) {
                sessions.open(index);
                return new Result.Applied(index);
            } else if (command instanceof Command.InSession c) {
                return applyInSession(c);
            }
            return applyOne(command);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Answers an encoded query; bytes that do not decode give a {@code MALFORMED} error result. */
    public byte[] query(byte[] query) {
        Query decoded;
        try {
            decoded = codec.decodeQuery(query);
        } catch (CodecException e) {
            return codec.encodeResult(new Result.Error(ErrorCode.MALFORMED, "malformed query: " + e.getMessage()));
        }
        return codec.encodeResult(query(decoded));
    }

    public Result query(Query query) {
        lock.readLock().lock();
        try {
            requireOpen();
            if (query instanceof Query.GetNode q) {
                Node node = store.node(q.id());
                return node == null ? missingNode(q.id()) : new Result.NodeFound(node);
            } else if (query instanceof Query.GetEdge q) {
                Edge edge = store.edge(q.id());
                return edge == null ? missingEdge(q.id()) : new Result.EdgeFound(edge);
            } else if (query instanceof Query.Neighbors q) {
                return neighbors(q.id(), q.direction());
            } else if (query instanceof Query.Neighborhood q) {
                return neighborhood(q);
            } else if (query instanceof Query.Count) {
                return new Result.Counts(nodeCount, edgeCount);
            } else if (query instanceof Query.Digest) {
                return digest();
            } else if (query instanceof Query.NodesByLabel q) {
                return nodesByLabel(q);
            }
            throw new IllegalArgumentException("unknown query " + query);
        } finally {
            lock.readLock().unlock();
        }
    }

    public long lastAppliedIndex() {
        lock.readLock().lock();
        try {
            return lastAppliedIndex;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** How many client sessions the state machine keeps now. */
    public int sessionCount() {
        lock.readLock().lock();
        try {
            return sessions.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Writes a self-contained snapshot: magic and format version, then checksummed blocks (see
     * {@link SnapshotBlocks}): a header (store kind, applied index, id counters, counts, session count),
     * the client sessions, the store's content, and an end block counting the blocks before it.
     */
    public void writeSnapshot(OutputStream out) throws IOException {
        writeSnapshot(out, null);
    }

    private void writeSnapshot(OutputStream out, Path filesDirectory) throws IOException {
        lock.readLock().lock();
        try {
            requireOpen();
            DataOutputStream data = new DataOutputStream(out);
            data.writeInt(SNAPSHOT_MAGIC);
            data.writeInt(SNAPSHOT_VERSION);
            SnapshotBlocks.Writer blocks = new SnapshotBlocks.Writer(data);
            BinaryWriter header = new BinaryWriter().writeString(store.kind().label()).writeVarLong(lastAppliedIndex)
                    .writeVarLong(nextNodeId).writeVarLong(nextEdgeId).writeVarLong(nodeCount).writeVarLong(edgeCount)
                    .writeVarLong(sessions.size());
            blocks.write(SnapshotBlocks.HEADER, header.array(), 0, header.size());
            sessions.write(blocks);
            store.writeContent(blocks, filesDirectory);
            BinaryWriter end = new BinaryWriter().writeVarLong(blocks.count());
            blocks.write(SnapshotBlocks.END, end.array(), 0, end.size());
            data.flush();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Writes a self-contained snapshot to {@code file} atomically: a temporary file, fsynced, then renamed over it. */
    public void writeSnapshot(Path file) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            try {
                writeSnapshot(new BufferedOutputStream(Channels.newOutputStream(channel), FILE_BUFFER), null);
                channel.force(true);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(temporary);
                throw e;
            }
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        // The rename is durable only once the directory is: callers drop log entries after this returns.
        Directories.force(file.toAbsolutePath().getParent());
    }

    /**
     * Writes a snapshot as a new directory (which must not exist): {@value #SNAPSHOT_FILE} plus the
     * files the store keeps beside it instead of copying (a RocksDB checkpoint: hard links, no copy).
     * Atomic: built under a temporary name, fsynced, then renamed.
     */
    public void writeSnapshotDirectory(Path directory) throws IOException {
        if (Files.exists(directory)) {
            throw new IOException("snapshot directory " + directory + " already exists");
        }
        Path temporary = directory.resolveSibling(directory.getFileName() + ".tmp");
        Directories.deleteRecursively(temporary);
        Files.createDirectories(temporary);
        try {
            try (FileChannel channel = FileChannel.open(temporary.resolve(SNAPSHOT_FILE), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                writeSnapshot(new BufferedOutputStream(Channels.newOutputStream(channel), FILE_BUFFER),
                        temporary.resolve(SNAPSHOT_FILES));
                channel.force(true);
            }
            Directories.force(temporary);
            Files.move(temporary, directory, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Directories.deleteRecursively(temporary);
            throw e;
        }
        Directories.force(directory.toAbsolutePath().getParent());
    }

    /**
     * Replaces the whole state with a self-contained snapshot. The snapshot is read into a new store
     * and checked (magic, version, store kind, every block's checksum and position, nothing missing
     * or extra) before anything is swapped: on any failure the current state is untouched and a
     * {@link SnapshotException} says why.
     */
    public void restoreSnapshot(InputStream in) throws SnapshotException {
        restoreSnapshot(in, null);
    }

    private void restoreSnapshot(InputStream in, Path filesDirectory) throws SnapshotException {
        DataInputStream data = new DataInputStream(in);
        try {
            int magic = data.readInt();
            if (magic != SNAPSHOT_MAGIC) {
                throw new SnapshotException("not a GraphRaft snapshot (bad magic 0x" + Integer.toHexString(magic) + ")");
            }
            int version = data.readInt();
            if (version != SNAPSHOT_VERSION && version != SNAPSHOT_VERSION_WITHOUT_SESSIONS) {
                throw new SnapshotException("unsupported snapshot version " + version + " (this build reads versions "
                        + SNAPSHOT_VERSION_WITHOUT_SESSIONS + " and " + SNAPSHOT_VERSION + ")");
            }
            SnapshotBlocks.Reader blocks = new SnapshotBlocks.Reader(data);
            SnapshotBlocks.Block first = blocks.next();
            if (first.kind() != SnapshotBlocks.HEADER) {
                throw new SnapshotException("snapshot is corrupt: it starts with block kind " + first.kind() + ", not its header");
            }
            BinaryReader header = new BinaryReader(first.bytes());
            String kind = header.readString();
            if (!kind.equals(store.kind().label())) {
                throw new SnapshotException("snapshot was written by the '" + kind + "' store but this state machine uses '"
                        + store.kind().label() + "'");
            }
            long index = header.readVarLong();
            long nodeId = header.readVarLong();
            long edgeId = header.readVarLong();
            long nodes = header.readVarLong();
            long edges = header.readVarLong();
            long sessionCount = version == SNAPSHOT_VERSION ? header.readVarLong() : 0;
            header.expectEnd();
            SessionTable restoredSessions = new SessionTable(sessionCapacity);
            SnapshotBlocks.Block block = blocks.next();
            for (long read = 0; read < sessionCount; block = blocks.next()) {
                if (block.kind() != SnapshotBlocks.SESSIONS) {
                    throw new SnapshotException("snapshot is corrupt: its header counts " + sessionCount
                            + " client sessions but only " + read + " precede block kind " + block.kind());
                }
                read += restoredSessions.read(block);
                if (read > sessionCount) {
                    throw new SnapshotException("snapshot is corrupt: it holds more client sessions than the "
                            + sessionCount + " its header counts");
                }
            }
            GraphStore restored;
            try (GraphStore.ContentLoader loader = store.loadContent(filesDirectory)) {
                for (; block.kind() != SnapshotBlocks.END; block = blocks.next()) {
                    loader.accept(block);
                }
                BinaryReader end = new BinaryReader(block.bytes());
                long counted = end.readVarLong();
                end.expectEnd();
                if (counted != blocks.count() - 1) {
                    throw new SnapshotException("snapshot is corrupt: its end block counts " + counted + " blocks before it, but "
                            + (blocks.count() - 1) + " were read");
                }
                if (data.read() != -1) {
                    throw new SnapshotException("snapshot has unexpected bytes after its end");
                }
                restored = loader.finish();
            }
            swapIn(restored, restoredSessions, index, nodeId, edgeId, nodes, edges);
        } catch (EOFException e) {
            throw new SnapshotException("snapshot is truncated or corrupt: it ends before its end block", e);
        } catch (SnapshotException e) {
            throw e;
        } catch (IOException | CodecException e) {
            throw new SnapshotException("snapshot is corrupt: " + e.getMessage(), e);
        }
    }

    /** Restores a snapshot written by {@link #writeSnapshot(Path)}. */
    public void restoreSnapshot(Path file) throws SnapshotException {
        restoreSnapshot(file, null);
    }

    /** Restores a snapshot written by {@link #writeSnapshotDirectory}. */
    public void restoreSnapshotDirectory(Path directory) throws SnapshotException {
        restoreSnapshot(directory.resolve(SNAPSHOT_FILE), directory.resolve(SNAPSHOT_FILES));
    }

    /**
     * Restores the {@value #SNAPSHOT_FILE} of a snapshot directory whose {@value #SNAPSHOT_FILES} directory an
     * engine keeps at {@code filesDirectory} (its storage names snapshot files itself). A self-contained
     * file ({@link #writeSnapshot(Path)}) restores too: it never looks at {@code filesDirectory}.
     */
    public void restoreSnapshot(Path file, Path filesDirectory) throws SnapshotException {
        if (!Files.isRegularFile(file)) {
            throw new SnapshotException("snapshot file " + file + " does not exist");
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), FILE_BUFFER)) {
            restoreSnapshot(in, filesDirectory);
        } catch (SnapshotException e) {
            throw new SnapshotException("cannot restore " + file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new SnapshotException("cannot read snapshot " + file + ": " + e.getMessage(), e);
        }
    }

    /** Closes the store; later applies and queries fail with IllegalStateException instead of touching it. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                store.close();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the graph state machine is closed");
        }
    }

    private void swapIn(GraphStore restored, SessionTable restoredSessions, long index, long nodeId, long edgeId,
                        long nodes, long edges) {
        lock.writeLock().lock();
        GraphStore previous = store;
        try {
            if (closed) {
                restored.close();
                throw new IllegalStateException("the graph state machine is closed");
            }
            store = restored;
            sessions = restoredSessions;
            lastAppliedIndex = index;
            nextNodeId = nodeId;
            nextEdgeId = edgeId;
            nodeCount = nodes;
            edgeCount = edges;
        } finally {
            lock.writeLock().unlock();
        }
        previous.close();
    }

    private void advance(long index) {
        if (index <= lastAppliedIndex) {
            throw new IllegalArgumentException("log index " + index + " is not after the last applied index "
                    + lastAppliedIndex + ": entries must be applied once, in order");
        }
        lastAppliedIndex = index;
    }

    /**
     * A write in a client session applies only if its sequence number is new; the session's last one is
     * answered again with the result remembered when it applied. Anything else is an error result that
     * changes nothing.
     */
    private Result applyInSession(Command.InSession write) {
        SessionTable.Session session = sessions.get(write.session());
        if (session == null) {
            return new Result.Error(ErrorCode.UNKNOWN_SESSION, "client session " + write.session()
                    + " is unknown or has expired: the write was not applied; open a new session");
        }
        if (write.sequence() < 1) {
            return new Result.Error(ErrorCode.INVALID, "sequence number " + write.sequence() + " of client session "
                    + write.session() + " is not positive: sequence numbers start at 1");
        }
        if (write.sequence() < session.lastSequence()) {
            return new Result.Error(ErrorCode.INVALID, "sequence number " + write.sequence() + " of client session "
                    + write.session() + " is below its last applied one, " + session.lastSequence()
                    + ": that write was applied or skipped before, and its result is no longer kept; not applied");
        }
        if (write.sequence() == session.lastSequence()) {
            sessions.touch(session);
            return session.lastResult();
        }
        Result result = applyOne(write.command());
        sessions.touch(new SessionTable.Session(session.id(), write.sequence(), result));
        return result;
    }

    private Result applyOne(Command command) {
        if (command instanceof Command.CreateNode c) {
            long id = nextNodeId++;
            store.putNode(new Node(id, c.label(), c.properties()));
            nodeCount++;
            return new Result.Applied(id);
        } else if (command instanceof Command.UpdateNode c) {
            Node node = store.node(c.id());
            if (node == null) {
                return missingNode(c.id());
            }
            store.putNode(new Node(node.id(), node.label(), Properties.merged(node.properties(), c.properties())));
            return new Result.Applied(c.id());
        } else if (command instanceof Command.DeleteNode c) {
            if (!store.containsNode(c.id())) {
                return missingNode(c.id());
            }
            List<Edge> edges = store.edgesOf(c.id(), Direction.BOTH);
            store.removeNode(c.id(), edges);
            nodeCount--;
            edgeCount -= edges.size();
            return new Result.Applied(c.id());
        } else if (command instanceof Command.CreateEdge c) {
            if (!store.containsNode(c.from())) {
                return new Result.Error(ErrorCode.NOT_FOUND, "edge source node " + c.from() + " does not exist");
            }
            if (!store.containsNode(c.to())) {
                return new Result.Error(ErrorCode.NOT_FOUND, "edge target node " + c.to() + " does not exist");
            }
            long id = nextEdgeId++;
            store.putEdge(new Edge(id, c.from(), c.to(), c.type(), c.properties()));
            edgeCount++;
            return new Result.Applied(id);
        } else if (command instanceof Command.DeleteEdge c) {
            Edge edge = store.edge(c.id());
            if (edge == null) {
                return missingEdge(c.id());
            }
            store.removeEdge(edge);
            edgeCount--;
            return new Result.Applied(c.id());
        } else if (command instanceof Command.Batch batch) {
            List<Result> results = new ArrayList<>(batch.commands().size());
            for (Command inner : batch.commands()) {
                results.add(applyOne(inner));
            }
            return new Result.BatchApplied(results);
        }
        throw new IllegalArgumentException("unknown command " + command);
    }

    private Result neighbors(long id, Direction direction) {
        if (!store.containsNode(id)) {
            return missingNode(id);
        }
        TreeSet<Long> ids = new TreeSet<>();
        addNeighbors(id, direction, ids);
        return new Result.NeighborIds(new ArrayList<>(ids));
    }

    /** Adds the ids of the nodes one hop from {@code id} in {@code direction}. */
    private void addNeighbors(long id, Direction direction, Set<Long> ids) {
        for (Edge edge : store.edgesOf(id, direction)) {
            if (direction != Direction.IN && edge.from() == id) {
                ids.add(edge.to());
            }
            if (direction != Direction.OUT && edge.to() == id) {
                ids.add(edge.from());
            }
        }
    }

    /**
     * Breadth first, one distance at a time: each level's new ids sorted ascending, so the answer depends on the
     * graph only. Every level before the last one taken is taken whole, so the frontier never exceeds the limit;
     * the level that overflows the limit is still collected whole, to take its lowest ids.
     */
    private Result neighborhood(Query.Neighborhood query) {
        if (!store.containsNode(query.id())) {
            return missingNode(query.id());
        }
        Set<Long> seen = new HashSet<>();
        seen.add(query.id());
        List<Long> reached = new ArrayList<>();
        List<Long> frontier = List.of(query.id());
        for (int distance = 1; distance <= query.depth() && !frontier.isEmpty(); distance++) {
            TreeSet<Long> level = new TreeSet<>();
            for (long id : frontier) {
                addNeighbors(id, query.direction(), level);
            }
            level.removeAll(seen);
            int room = query.limit() - reached.size();
            if (level.size() > room) {
                level.stream().limit(room).forEach(reached::add);
                return new Result.NeighborhoodIds(reached, true);
            }
            reached.addAll(level);
            seen.addAll(level);
            frontier = new ArrayList<>(level);
        }
        return new Result.NeighborhoodIds(reached, false);
    }

    private Result nodesByLabel(Query.NodesByLabel page) {
        List<Long> ids = new ArrayList<>();
        store.forEachNode(node -> { // in ascending id order
            if (ids.size() < page.limit() && node.id() > page.afterId() && node.label().equals(page.label())) {
                ids.add(node.id());
            }
        });
        return new Result.NodeIds(ids);
    }

    private Result digest() {
        CRC32C crc = new CRC32C();
        BinaryWriter counters = new BinaryWriter().writeVarLong(nextNodeId).writeVarLong(nextEdgeId);
        crc.update(counters.toByteArray());
        store.forEachNode(node -> crc.update(GraphBinary.nodeBytes(node)));
        store.forEachEdge(edge -> crc.update(GraphBinary.edgeBytes(edge)));
        return new Result.DigestValue(crc.getValue(), nodeCount, edgeCount);
    }

    private static Result.Error missingNode(long id) {
        return new Result.Error(ErrorCode.NOT_FOUND, "node " + id + " does not exist");
    }

    private static Result.Error missingEdge(long id) {
        return new Result.Error(ErrorCode.NOT_FOUND, "edge " + id + " does not exist");
    }
}
