package io.graphraft.core.store;

import io.graphraft.core.codec.BinaryReader;
import io.graphraft.core.codec.GraphBinary;
import io.graphraft.core.model.Direction;
import io.graphraft.core.model.Edge;
import io.graphraft.core.model.Node;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The graph in hash maps on the heap, with sorted per-node edge id arrays for adjacency. */
public final class HeapGraphStore implements GraphStore {
    /** The largest node or edge record a snapshot holds: restore takes a larger length for corruption, so writing refuses it. */
    private static final int MAX_RECORD_BYTES = 64 << 20;

    private final Map<Long, Node> nodes = new HashMap<>();
    private final Map<Long, Edge> edges = new HashMap<>();
    private final Map<Long, EdgeIds> outgoing = new HashMap<>();
    private final Map<Long, EdgeIds> incoming = new HashMap<>();

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
        outgoing.computeIfAbsent(edge.from(), k -> new EdgeIds()).add(edge.id());
        incoming.computeIfAbsent(edge.to(), k -> new EdgeIds()).add(edge.id());
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
        for (long id : sortedKeys(nodes)) {
            action.accept(nodes.get(id));
        }
    }

    @Override
    public void forEachEdge(Consumer<Edge> action) {
        for (long id : sortedKeys(edges)) {
            action.accept(edges.get(id));
        }
    }

    /** Format: node count, length-prefixed node records; edge count, length-prefixed edge records. */
    @Override
    public void writeContent(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeLong(nodes.size());
        for (long id : sortedKeys(nodes)) {
            writeRecord(data, GraphBinary.nodeBytes(nodes.get(id)), "node", id);
        }
        data.writeLong(edges.size());
        for (long id : sortedKeys(edges)) {
            writeRecord(data, GraphBinary.edgeBytes(edges.get(id)), "edge", id);
        }
        data.flush();
    }

    @Override
    public GraphStore readContent(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        HeapGraphStore restored = new HeapGraphStore();
        long nodeCount = readCount(data, "node");
        for (long i = 0; i < nodeCount; i++) {
            restored.putNode(GraphBinary.readNode(new BinaryReader(readRecord(data))));
        }
        long edgeCount = readCount(data, "edge");
        for (long i = 0; i < edgeCount; i++) {
            Edge edge = GraphBinary.readEdge(new BinaryReader(readRecord(data)));
            if (!restored.nodes.containsKey(edge.from()) || !restored.nodes.containsKey(edge.to())) {
                throw new IOException("snapshot content is inconsistent: edge " + edge.id() + " joins a missing node");
            }
            restored.putEdge(edge);
        }
        return restored;
    }

    @Override
    public void close() {
        nodes.clear();
        edges.clear();
        outgoing.clear();
        incoming.clear();
    }

    private static void writeRecord(DataOutputStream data, byte[] record, String what, long id) throws IOException {
        if (record.length > MAX_RECORD_BYTES) {
            throw new IOException("cannot write the snapshot: " + what + " " + id + " takes " + record.length
                    + " bytes encoded, and a snapshot record holds at most " + MAX_RECORD_BYTES + " bytes");
        }
        data.writeInt(record.length);
        data.write(record);
    }

    private static byte[] readRecord(DataInputStream data) throws IOException {
        int length = data.readInt();
        if (length < 0 || length > MAX_RECORD_BYTES) {
            throw new IOException("snapshot content is corrupt: record length " + length);
        }
        byte[] record = new byte[length];
        data.readFully(record);
        return record;
    }

    private static long readCount(DataInputStream data, String what) throws IOException {
        long count = data.readLong();
        if (count < 0) {
            throw new IOException("snapshot content is corrupt: " + what + " count " + count);
        }
        return count;
    }

    private static void unindex(Map<Long, EdgeIds> index, long nodeId, long edgeId) {
        EdgeIds ids = index.get(nodeId);
        if (ids != null) {
            ids.remove(edgeId);
            if (ids.isEmpty()) {
                index.remove(nodeId);
            }
        }
    }

    private static long[] idsOf(Map<Long, EdgeIds> index, long nodeId) {
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

    private static long[] sortedKeys(Map<Long, ?> map) {
        long[] keys = new long[map.size()];
        int i = 0;
        for (Long key : map.keySet()) {
            keys[i++] = key;
        }
        Arrays.sort(keys);
        return keys;
    }

}
