package io.graphraft.core.store;

import io.graphraft.core.codec.BinaryReader;
import io.graphraft.core.codec.BinaryWriter;
import io.graphraft.core.codec.GraphBinary;
import io.graphraft.core.codec.RecordDecoder;
import io.graphraft.core.model.Direction;
import io.graphraft.core.model.Edge;
import io.graphraft.core.model.Node;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The graph on the heap: nodes, edges and per-node sorted edge id arrays for adjacency, in
 * {@link IdTable}s indexed by id.
 *
 * <p>Snapshot content: {@code HEAP_NODES} blocks of consecutive node records, then
 * {@code HEAP_EDGES} blocks of edge records (the graph binary format, ascending by id). Blocks are
 * cut at fixed id boundaries and at {@value SnapshotBlocks#TARGET_BLOCK_BYTES} bytes, so equal graphs
 * give equal bytes; they are encoded and decoded in parallel (see {@link ParallelBlocks}).
 */
public final class HeapGraphStore implements GraphStore {
    /** Ids per unit of parallel encoding; blocks never span two. */
    private static final long SEGMENT_IDS = 1 << 15;

    private final IdTable<Node> nodes = new IdTable<>();
    private final IdTable<Edge> edges = new IdTable<>();
    private final IdTable<EdgeIds> outgoing = new IdTable<>();
    private final IdTable<EdgeIds> incoming = new IdTable<>();

    @Override
    public StoreKind kind() {
        return StoreKind.HEAP;
    }

    @Override
    public Node node(long id) {
        return nodes.get(id);
    }

    @Override
    public Edge edge(long id) {
        return edges.get(id);
    }

    @Override
    public void putNode(Node node) {
        nodes.put(node.id(), node);
    }

    @Override
    public void putEdge(Edge edge) {
        edges.put(edge.id(), edge);
        index(edge);
    }

    @Override
    public void removeEdge(Edge edge) {
        edges.remove(edge.id());
        unindex(outgoing, edge.from(), edge.id());
        unindex(incoming, edge.to(), edge.id());
    }

    @Override
    public void removeNode(long id, List<Edge> edgesOfNode) {
        for (Edge edge : edgesOfNode) {
            removeEdge(edge);
        }
        nodes.remove(id);
    }

    @Override
    public List<Edge> edgesOf(long nodeId, Direction direction) {
        long[] ids = switch (direction) {
            case OUT -> idsOf(outgoing, nodeId);
            case IN -> idsOf(incoming, nodeId);
            case BOTH -> mergeDistinct(idsOf(outgoing, nodeId), idsOf(incoming, nodeId));
        };
        List<Edge> result = new ArrayList<>(ids.length);
        for (long id : ids) {
            result.add(edges.get(id));
        }
        return result;
    }

    @Override
    public void forEachNode(Consumer<Node> action) {
        nodes.forEach(action);
    }

    @Override
    public void forEachEdge(Consumer<Edge> action) {
        edges.forEach(action);
    }

    /** The whole content inline; {@code filesDirectory} is not used (nothing to link). */
    @Override
    public void writeContent(SnapshotBlocks.Writer out, Path filesDirectory) throws IOException {
        writeTable(out, SnapshotBlocks.HEAP_NODES, nodes, "node", GraphBinary::writeNode);
        writeTable(out, SnapshotBlocks.HEAP_EDGES, edges, "edge", GraphBinary::writeEdge);
    }

    private static <T> void writeTable(SnapshotBlocks.Writer out, int kind, IdTable<T> table, String what,
                                       RecordEncoder<T> encoder) throws IOException {
        try (ParallelBlocks<List<BinaryWriter>> parallel = new ParallelBlocks<>(blocks -> {
            for (BinaryWriter block : blocks) {
                out.write(kind, block.array(), 0, block.size());
            }
        })) {
            long bound = table.idBound();
            for (long from = 0; from < bound; from += SEGMENT_IDS) {
                long start = from;
                parallel.submit(() -> encodeSegment(table, start, Math.min(bound, start + SEGMENT_IDS), what, encoder));
            }
            parallel.finish();
        }
    }

    /** The records with ids in {@code [from, to)} as blocks of about the target size. */
    private static <T> List<BinaryWriter> encodeSegment(IdTable<T> table, long from, long to, String what,
                                                        RecordEncoder<T> encoder) {
        List<BinaryWriter> blocks = new ArrayList<>();
        BinaryWriter[] current = {null};
        table.forEachIn(from, to, value -> {
            if (current[0] == null) {
                current[0] = new BinaryWriter(SnapshotBlocks.TARGET_BLOCK_BYTES + (64 << 10));
                blocks.add(current[0]);
            }
            BinaryWriter block = current[0];
            int before = block.size();
            encoder.encode(block, value);
            int recordBytes = block.size() - before;
            if (recordBytes > SnapshotBlocks.MAX_RECORD_BYTES) {
                throw new RecordTooLargeException("cannot write the snapshot: " + what + " " + idOf(value) + " takes "
                        + recordBytes + " bytes encoded, and a snapshot record holds at most "
                        + SnapshotBlocks.MAX_RECORD_BYTES + " bytes");
            }
            if (block.size() >= SnapshotBlocks.TARGET_BLOCK_BYTES) {
                current[0] = null;
            }
        });
        return blocks;
    }

    private static long idOf(Object value) {
        return value instanceof Node node ? node.id() : ((Edge) value).id();
    }

    @Override
    public ContentLoader loadContent(Path filesDirectory) {
        return new Loader();
    }

    /** Decodes blocks in parallel (sharing repeated values, see {@link RecordDecoder}) and inserts them in block order. */
    private static final class Loader implements ContentLoader {
        private final HeapGraphStore target = new HeapGraphStore();
        private final ParallelBlocks<Object[]> pipeline = new ParallelBlocks<>(this::insert);
        private boolean edgesStarted;

        @Override
        public void accept(SnapshotBlocks.Block block) throws IOException {
            switch (block.kind()) {
                case SnapshotBlocks.HEAP_NODES -> {
                    if (edgesStarted) {
                        throw new IOException("snapshot content is corrupt: node records after edge records");
                    }
                    pipeline.submit(() -> decode(block, true));
                }
                case SnapshotBlocks.HEAP_EDGES -> {
                    edgesStarted = true;
                    pipeline.submit(() -> decode(block, false));
                }
                default -> throw new IOException("snapshot content is corrupt: block kind " + block.kind()
                        + " does not belong to the heap store");
            }
        }

        private static Object[] decode(SnapshotBlocks.Block block, boolean nodes) {
            BinaryReader in = new BinaryReader(block.bytes());
            RecordDecoder decoder = new RecordDecoder();
            List<Object> records = new ArrayList<>();
            while (in.remaining() > 0) {
                records.add(nodes ? decoder.readNode(in) : decoder.readEdge(in));
            }
            return records.toArray();
        }

        private void insert(Object[] records) throws IOException {
            for (Object record : records) {
                if (record instanceof Node node) {
                    if (target.nodes.put(node.id(), node) != null) {
                        throw new IOException("snapshot content is corrupt: node " + node.id() + " appears twice");
                    }
                } else {
                    Edge edge = (Edge) record;
                    if (target.nodes.get(edge.from()) == null || target.nodes.get(edge.to()) == null) {
                        throw new IOException("snapshot content is inconsistent: edge " + edge.id() + " joins a missing node");
                    }
                    if (target.edges.put(edge.id(), edge) != null) {
                        throw new IOException("snapshot content is corrupt: edge " + edge.id() + " appears twice");
                    }
                    // Edges come in ascending id order, so each node's id arrays fill by appending.
                    target.index(edge);
                }
            }
        }

        @Override
        public GraphStore finish() throws IOException {
            pipeline.finish();
            return target;
        }

        @Override
        public void close() {
            pipeline.close();
        }
    }

    @Override
    public void close() {
        nodes.clear();
        edges.clear();
        outgoing.clear();
        incoming.clear();
    }

    private void index(Edge edge) {
        edgeIds(outgoing, edge.from()).add(edge.id());
        edgeIds(incoming, edge.to()).add(edge.id());
    }

    private static EdgeIds edgeIds(IdTable<EdgeIds> index, long nodeId) {
        EdgeIds ids = index.get(nodeId);
        if (ids == null) {
            ids = new EdgeIds();
            index.put(nodeId, ids);
        }
        return ids;
    }

    private static void unindex(IdTable<EdgeIds> index, long nodeId, long edgeId) {
        EdgeIds ids = index.get(nodeId);
        if (ids != null) {
            ids.remove(edgeId);
            if (ids.isEmpty()) {
                index.remove(nodeId);
            }
        }
    }

    private static long[] idsOf(IdTable<EdgeIds> index, long nodeId) {
        EdgeIds ids = index.get(nodeId);
        return ids == null ? new long[0] : ids.toArray();
    }

    static long[] mergeDistinct(long[] a, long[] b) {
        long[] merged = new long[a.length + b.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length || j < b.length) {
            long next;
            if (j >= b.length || (i < a.length && a[i] <= b[j])) {
                next = a[i++];
            } else {
                next = b[j++];
            }
            if (n == 0 || merged[n - 1] != next) {
                merged[n++] = next;
            }
        }
        return Arrays.copyOf(merged, n);
    }

    @FunctionalInterface
    private interface RecordEncoder<T> {
        void encode(BinaryWriter out, T value);
    }

    /** A record over the limit, raised inside an encoding task and reported as the IOException it is. */
    static final class RecordTooLargeException extends RuntimeException {
        RecordTooLargeException(String message) {
            super(message);
        }
    }
}
