package io.graphraft.core.codec;

import io.graphraft.core.model.Edge;
import io.graphraft.core.model.Node;

import java.util.SortedMap;
import java.util.function.Function;

/**
 * Decodes many node and edge records (a snapshot's) in the graph binary format, sharing what
 * repeats: equal labels, edge types and property keys become one String, and equal small property
 * maps one map (all immutable). A million records that share a label or an edge weight then make
 * a million objects fewer to allocate, keep and copy through the garbage collector.
 *
 * <p>Not thread-safe: one per decoding thread. The caches are direct-mapped: a collision replaces
 * the entry, which costs a later decode, never a wrong value (entries are compared byte for byte).
 */
public final class RecordDecoder {
    private static final int SLOTS = 1 << 12;
    /** Longer encodings are rarely repeated; they are decoded every time. */
    private static final int MAX_SHARED_BYTES = 64;

    private final Cache<String> strings = new Cache<>();
    private final Cache<SortedMap<String, Object>> propertyMaps = new Cache<>();
    private final Function<BinaryReader, String> sharedString = this::sharedString;

    public Node readNode(BinaryReader in) {
        long id = in.readVarLong();
        return new Node(id, sharedString(in), sharedProperties(in));
    }

    public Edge readEdge(BinaryReader in) {
        long id = in.readVarLong();
        long from = in.readVarLong();
        long to = in.readVarLong();
        return new Edge(id, from, to, sharedString(in), sharedProperties(in));
    }

    private String sharedString(BinaryReader in) {
        int start = in.position();
        int length = in.readLength("string length");
        int end = in.position() + length;
        if (end - start > MAX_SHARED_BYTES) {
            in.position(start);
            return in.readString();
        }
        in.skip(length);
        String cached = strings.get(in, start, end);
        if (cached != null) {
            return cached;
        }
        in.position(start);
        String decoded = in.readString();
        strings.put(in, start, end, decoded);
        return decoded;
    }

    private SortedMap<String, Object> sharedProperties(BinaryReader in) {
        int start = in.position();
        GraphBinary.skipProperties(in);
        int end = in.position();
        if (end - start > MAX_SHARED_BYTES) {
            in.position(start);
            return GraphBinary.readProperties(in, sharedString);
        }
        SortedMap<String, Object> cached = propertyMaps.get(in, start, end);
        if (cached != null) {
            return cached;
        }
        in.position(start);
        SortedMap<String, Object> decoded = GraphBinary.readProperties(in, sharedString);
        propertyMaps.put(in, start, end, decoded);
        return decoded;
    }

    /** Values by their encoding, direct-mapped by the encoding's hash. */
    private static final class Cache<T> {
        private final byte[][] keys = new byte[SLOTS][];
        private final Object[] values = new Object[SLOTS];

        @SuppressWarnings("unchecked")
        T get(BinaryReader in, int from, int to) {
            int slot = in.rangeHash(from, to) & (SLOTS - 1);
            byte[] key = keys[slot];
            return key != null && in.rangeEquals(from, to, key) ? (T) values[slot] : null;
        }

        void put(BinaryReader in, int from, int to, T value) {
            int slot = in.rangeHash(from, to) & (SLOTS - 1);
            keys[slot] = in.copyRange(from, to);
            values[slot] = value;
        }
    }
}
