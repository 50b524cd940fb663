package io.graphraft.core.store;

import io.graphraft.core.codec.BinaryReader;
import io.graphraft.core.codec.BinaryWriter;
import io.graphraft.core.codec.GraphBinary;
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
 * The graph on the heap: each node and edge as its encoded record (the graph binary format, one
 * byte array per record), plus per-node sorted edge id arrays for adjacency, in {@link IdTable}s
 * indexed by id. One array per record instead of a tree of objects keeps a million-node graph to a
 * few million objects for the garbage collector to copy; reads decode the records they return.
 *
 * <p>Snapshot content: {@code HEAP_NODES} blocks of consecutive node records, then
 * {@code HEAP_EDGES} blocks of edge records (ascending by id): the stored records as they are, so
 * writing is copying and loading is splitting. Blocks are cut at fixed id boundaries and at
 * {@value SnapshotBlocks#TARGET_BLOCK_BYTES} bytes, so equal graphs give equal bytes; they are
 * assembled and split in parallel (see {@link ParallelBlocks}).
 */
public final class HeapGraphStore implements GraphStore {
    /** Ids per unit of parallel encoding; blocks never span two. */
    private static final long SEGMENT_IDS = 1 << 15;
    /**
     * Above this many ids per node (and more ids than {@code COUNTED_IDS_ALWAYS}) a snapshot's
     * adjacency is built by appending rather than by counting per id first.
     */
    private static final long SPARSE_IDS_PER_NODE = 8;
    private static final long COUNTED_IDS_ALWAYS = 1 << 16;

    private final IdTable<byte[]> nodes = new IdTable<>();
    private final IdTable<byte[]> edges = new IdTable<>();
    private final IdTable<long[]> outgoing = new IdTable<>();
    private final IdTable<long[]> incoming = new IdTable<>();

    @Override
    public StoreKind kind() {
        return StoreKind.HEAP;
    }

    @Override
    public Node node(long id) {
        byte[] record = nodes.get(id);
        return record == null ? null : GraphBinary.nodeFrom(record);
    }

    @Override
    public boolean containsNode(long id) {
        return nodes.get(id) != null;
    }

    @Override
    public Edge edge(long id) {
        byte[] record = edges.get(id);
        return record == null ? null : GraphBinary.edgeFrom(record);
    }

    @Override
    public void putNode(Node node) {
        nodes.put(node.id(), GraphBinary.nodeBytes(node));
    }

    @Override
    public void putEdge(Edge edge) {
        edges.put(edge.id(), GraphBinary.edgeBytes(edge));
        index(edge.from(), edge.to(), edge.id());
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
            result.add(GraphBinary.edgeFrom(edges.get(id)));
        }
        return result;
    }

    @Override
    public void forEachNode(Consumer<Node> action) {
        nodes.forEach(record -> action.accept(GraphBinary.nodeFrom(record)));
    }

    @Override
    public void forEachEdge(Consumer<Edge> action) {
        edges.forEach(record -> action.accept(GraphBinary.edgeFrom(record)));
    }

    /** The whole content inline; {@code filesDirectory} is not used (nothing to link). */
    @Override
    public void writeContent(SnapshotBlocks.Writer out, Path filesDirectory) throws IOException {
        writeTable(out, SnapshotBlocks.HEAP_NODES, nodes, "node");
        writeTable(out, SnapshotBlocks.HEAP_EDGES, edges, "edge");
    }

    private static void writeTable(SnapshotBlocks.Writer out, int kind, IdTable<byte[]> table, String what)
            throws IOException {
        try (ParallelBlocks<List<BinaryWriter>> parallel = new ParallelBlocks<>(blocks -> {
            for (BinaryWriter block : blocks) {
                out.write(kind, block.array(), 0, block.size());
            }
        })) {
            long bound = table.idBound();
            for (long from = 0; from < bound; from += SEGMENT_IDS) {
                long start = from;
                parallel.submit(() -> copySegment(table, start, Math.min(bound, start + SEGMENT_IDS), what));
            }
            parallel.finish();
        }
    }

    /** The records with ids in {@code [from, to)} as blocks of about the target size. */
    private static List<BinaryWriter> copySegment(IdTable<byte[]> table, long from, long to, String what) {
        List<BinaryWriter> blocks = new ArrayList<>();
        BinaryWriter[] current = {null};
        table.forEachIn(from, to, record -> {
            if (record.length > SnapshotBlocks.MAX_RECORD_BYTES) {
                throw new RecordTooLargeException("cannot write the snapshot: " + what + " " + new BinaryReader(record).readVarLong()
                        + " takes " + record.length + " bytes encoded, and a snapshot record holds at most "
                        + SnapshotBlocks.MAX_RECORD_BYTES + " bytes");
            }
            if (current[0] == null) {
                current[0] = new BinaryWriter(Math.max(SnapshotBlocks.TARGET_BLOCK_BYTES + (64 << 10), record.length));
                blocks.add(current[0]);
            }
            BinaryWriter block = current[0];
            block.writeBytes(record);
            if (block.size() >= SnapshotBlocks.TARGET_BLOCK_BYTES) {
                current[0] = null;
            }
        });
        return blocks;
    }

    @Override
    public ContentLoader loadContent(Path filesDirectory) {
        return new Loader();
    }

    /**
     * Splits blocks into records in parallel (checking each record's structure) and stores them in
     * block order, checking that ids appear once; once every block is in, the two adjacency indexes
     * are built side by side, checking that every edge joins nodes that exist.
     */
    private static final class Loader implements ContentLoader {
        private final HeapGraphStore target = new HeapGraphStore();
        private final ParallelBlocks<Records> pipeline = new ParallelBlocks<>(this::insert);
        private final List<Records> edgeBlocks = new ArrayList<>();
        private boolean edgesStarted;

        @Override
        public void accept(SnapshotBlocks.Block block) throws IOException {
            switch (block.kind()) {
                case SnapshotBlocks.HEAP_NODES -> {
                    if (edgesStarted) {
                        throw new IOException("snapshot content is corrupt: node records after edge records");
                    }
                    pipeline.submit(() -> Records.split(block, false));
                }
                case SnapshotBlocks.HEAP_EDGES -> {
                    edgesStarted = true;
                    pipeline.submit(() -> Records.split(block, true));
                }
                default -> throw new IOException("snapshot content is corrupt: block kind " + block.kind()
                        + " does not belong to the heap store");
            }
        }

        private void insert(Records records) throws IOException {
            IdTable<byte[]> table = records.edges ? target.edges : target.nodes;
            for (int i = 0; i < records.count; i++) {
                if (table.put(records.ids[i], records.records[i]) != null) {
                    throw new IOException("snapshot content is corrupt: " + (records.edges ? "edge " : "node ")
                            + records.ids[i] + " appears twice");
                }
            }
            if (records.edges) {
                edgeBlocks.add(records);
            }
        }

        @Override
        public GraphStore finish() throws IOException {
            pipeline.finish();
            try (ParallelBlocks<Object> indexes = new ParallelBlocks<>(done -> { })) {
                indexes.submit(() -> buildIndex(target.outgoing, true));
                indexes.submit(() -> buildIndex(target.incoming, false));
                indexes.finish();
            }
            return target;
        }

        /**
         * Reads the node table only (complete by now). Edges come in ascending id order, so each node's
         * id array fills sorted. Where node ids are dense, each node's edges are counted first and its
         * array allocated at that size, in node order, then filled by primitive writes: appending instead
         * (arrays allocated and grown in the random order of edge ends, stored into index pages the
         * collector had already promoted) kept G1's remembered-set refinement busier than the load.
         */
        private Object buildIndex(IdTable<long[]> index, boolean outgoing) throws IOException {
            long bound = target.nodes.idBound();
            if (bound > Integer.MAX_VALUE - 8 || bound > SPARSE_IDS_PER_NODE * target.nodes.size() + COUNTED_IDS_ALWAYS) {
                forEachEnd(outgoing, (node, edge) -> index(index, node, edge));
                return null;
            }
            int[] degrees = new int[(int) bound];
            forEachEnd(outgoing, (node, edge) -> degrees[(int) node]++);
            for (int node = 0; node < degrees.length; node++) {
                if (degrees[node] > 0) {
                    index.put(node, new long[1 + degrees[node]]);
                }
            }
            forEachEnd(outgoing, (node, edge) -> {
                long[] ids = index.get(node);
                ids[(int) ++ids[0]] = edge;
            });
            return null;
        }

        /** Each edge's start (outgoing) or end node, in edge id order; fails on an end that is not a node. */
        private void forEachEnd(boolean outgoing, EdgeEnd action) throws IOException {
            for (Records records : edgeBlocks) {
                long[] ends = outgoing ? records.from : records.to;
                for (int i = 0; i < records.count; i++) {
                    if (target.nodes.get(ends[i]) == null) {
                        throw new IOException("snapshot content is inconsistent: edge " + records.ids[i]
                                + " joins node " + ends[i] + ", which is missing");
                    }
                    action.accept(ends[i], records.ids[i]);
                }
            }
        }

        @Override
        public void close() {
            pipeline.close();
        }
    }

    /** One block's records, each in its own array, with the ids the loader checks and indexes. */
    private static final class Records {
        final boolean edges;
        int count;
        long[] ids = new long[1024];
        long[] from;
        long[] to;
        byte[][] records = new byte[1024][];

        private Records(boolean edges) {
            this.edges = edges;
            if (edges) {
                from = new long[ids.length];
                to = new long[ids.length];
            }
        }

        static Records split(SnapshotBlocks.Block block, boolean edges) {
            BinaryReader in = new BinaryReader(block.bytes());
            Records split = new Records(edges);
            while (in.remaining() > 0) {
                int start = in.position();
                long id = in.readVarLong();
                if (split.count == split.ids.length) {
                    split.grow();
                }
                if (edges) {
                    split.from[split.count] = in.readVarLong();
                    split.to[split.count] = in.readVarLong();
                }
                GraphBinary.skipLabelAndProperties(in);
                split.ids[split.count] = id;
                split.records[split.count++] = in.copyRange(start, in.position());
            }
            return split;
        }

        private void grow() {
            int size = ids.length * 2;
            ids = Arrays.copyOf(ids, size);
            records = Arrays.copyOf(records, size);
            if (edges) {
                from = Arrays.copyOf(from, size);
                to = Arrays.copyOf(to, size);
            }
        }
    }

    @Override
    public void close() {
        nodes.clear();
        edges.clear();
        outgoing.clear();
        incoming.clear();
    }

    private void index(long from, long to, long edgeId) {
        index(outgoing, from, edgeId);
        index(incoming, to, edgeId);
    }

    private static void index(IdTable<long[]> index, long nodeId, long edgeId) {
        long[] ids = index.get(nodeId);
        long[] updated = EdgeIds.add(ids, edgeId);
        if (updated != ids) {
            index.put(nodeId, updated);
        }
    }

    private static void unindex(IdTable<long[]> index, long nodeId, long edgeId) {
        long[] ids = index.get(nodeId);
        if (ids != null) {
            long[] updated = EdgeIds.remove(ids, edgeId);
            if (updated == null) {
                index.remove(nodeId);
            }
        }
    }

    private static long[] idsOf(IdTable<long[]> index, long nodeId) {
        return EdgeIds.toArray(index.get(nodeId));
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
    private interface EdgeEnd {
        void accept(long node, long edge);
    }

    /** A record over the limit, raised inside an encoding task and reported as the IOException it is. */
    static final class RecordTooLargeException extends RuntimeException {
        RecordTooLargeException(String message) {
            super(message);
        }
    }
}
