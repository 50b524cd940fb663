package io.graphraft.core.store;

import io.graphraft.core.model.Direction;
import io.graphraft.core.model.Edge;
import io.graphraft.core.model.Node;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where the graph lives: nodes, edges and the adjacency of both directions. A store holds no
 * graph rules (ids, validation, cascades are the state machine's); it is called by one writer
 * at a time, while readers may run concurrently under the state machine's lock.
 */
public interface GraphStore extends AutoCloseable {

    StoreKind kind();

    /** The node, or null. */
    Node node(long id);

    /** Whether the node exists (without building it). */
    default boolean containsNode(long id) {
        return node(id) != null;
    }

    /** The edge, or null. */
    Edge edge(long id);

    /** Inserts or replaces a node. */
    void putNode(Node node);

    /** Inserts an edge and indexes it under both of its ends. */
    void putEdge(Edge edge);

    /** Removes an edge and its index entries. */
    void removeEdge(Edge edge);

    /** Removes a node and every edge in {@code edges} (which must be all of its edges) in one step. */
    void removeNode(long id, List<Edge> edges);

    /** Edges starting at (OUT), ending at (IN) or touching (BOTH) the node, ascending by edge id, each once. */
    List<Edge> edgesOf(long nodeId, Direction direction);

    /** Every node, ascending by id. */
    void forEachNode(Consumer<Node> action);

    /** Every edge, ascending by id. */
    void forEachEdge(Consumer<Edge> action);

    /**
     * Writes the store's content as snapshot blocks of this store's kinds. The heap store's content
     * depends only on the graph, so equal graphs give equal bytes; RocksDB checkpoint files also
     * carry file numbers and database ids, so RocksDB replicas are compared by {@code Query.Digest}.
     *
     * @param filesDirectory null for self-contained content (a stream or a single file); otherwise a
     *     directory (that must not exist yet) where the store may leave files the content refers to
     *     instead of copying them: the RocksDB store puts its checkpoint there
     */
    void writeContent(SnapshotBlocks.Writer out, Path filesDirectory) throws IOException;

    /**
     * A loader that builds a new store of this kind from content written by {@link #writeContent},
     * leaving this store untouched; {@code filesDirectory} is where that content's files were left.
     * The caller swaps stores only once the whole snapshot is verified.
     */
    ContentLoader loadContent(Path filesDirectory) throws IOException;

    /** Receives a store's content blocks in order; closing it without {@link #finish} discards what it built. */
    interface ContentLoader extends AutoCloseable {
        void accept(SnapshotBlocks.Block block) throws IOException;

        /** The new store, once every block was accepted. */
        GraphStore finish() throws IOException;

        @Override
        void close();
    }

    @Override
    void close();
}
