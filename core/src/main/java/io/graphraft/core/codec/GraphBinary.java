package io.graphraft.core.codec;

import io.graphraft.core.model.Edge;
import io.graphraft.core.model.Node;
import io.graphraft.core.model.Properties;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Binary encoding of the graph model (properties, nodes, edges): shared by the binary codec, the
 * RocksDB store's values and the heap store's snapshot, so one format describes a node everywhere.
 */
public final class GraphBinary {
    private static final int STRING = 0;
    private static final int LONG = 1;
    private static final int DOUBLE = 2;
    private static final int FALSE = 3;
    private static final int TRUE = 4;

    private GraphBinary() {
    }

    public static void writeProperties(BinaryWriter out, SortedMap<String, Object> properties) {
        out.writeVarLong(properties.size());
        for (Map.Entry<String, Object> entry : properties.entrySet()) {
            out.writeString(entry.getKey());
            Object value = entry.getValue();
            if (value instanceof String s) {
                out.writeByte(STRING).writeString(s);
            } else if (value instanceof Long l) {
                out.writeByte(LONG).writeVarLong(l);
            } else if (value instanceof Double d) {
                out.writeByte(DOUBLE).writeDouble(d);
            } else if (value instanceof Boolean b) {
                out.writeByte(b ? TRUE : FALSE);
            } else {
                Properties.checkedValue(entry.getKey(), value); // throws naming the key and type
            }
        }
    }

    public static SortedMap<String, Object> readProperties(BinaryReader in) {
        int count = in.readLength("property count");
        if (count == 0) {
            return Properties.empty();
        }
        TreeMap<String, Object> properties = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            String key = in.readString();
            int tag = in.readByte();
            Object value = switch (tag) {
                case STRING -> in.readString();
                case LONG -> in.readVarLong();
                case DOUBLE -> in.readDouble();
                case FALSE -> Boolean.FALSE;
                case TRUE -> Boolean.TRUE;
                default -> throw new CodecException("unknown value tag " + tag + " for property '" + key + "'");
            };
            if (properties.put(key, value) != null) {
                throw new CodecException("duplicate property key '" + key + "'");
            }
        }
        return Properties.checked(properties);
    }

    /** Moves past encoded properties without building them. */
    private static void skipProperties(BinaryReader in) {
        int count = in.readLength("property count");
        for (int i = 0; i < count; i++) {
            in.skip(in.readLength("string length"));
            int tag = in.readByte();
            switch (tag) {
                case STRING -> in.skip(in.readLength("string length"));
                case LONG -> in.readVarLong();
                case DOUBLE -> in.skip(8);
                case FALSE, TRUE -> { }
                default -> throw new CodecException("unknown value tag " + tag + " in a property");
            }
        }
    }

    /**
     * Reads past the rest of an encoded node or edge after its ids: its label (or type) and its
     * properties, checking their structure (lengths, value tags) without building them.
     */
    public static void skipLabelAndProperties(BinaryReader in) {
        in.skip(in.readLength("string length"));
        skipProperties(in);
    }

    public static void writeNode(BinaryWriter out, Node node) {
        out.writeVarLong(node.id()).writeString(node.label());
        writeProperties(out, node.properties());
    }

    public static Node readNode(BinaryReader in) {
        return new Node(in.readVarLong(), in.readString(), readProperties(in));
    }

    public static void writeEdge(BinaryWriter out, Edge edge) {
        out.writeVarLong(edge.id()).writeVarLong(edge.from()).writeVarLong(edge.to()).writeString(edge.type());
        writeProperties(out, edge.properties());
    }

    public static Edge readEdge(BinaryReader in) {
        return new Edge(in.readVarLong(), in.readVarLong(), in.readVarLong(), in.readString(), readProperties(in));
    }

    public static byte[] nodeBytes(Node node) {
        BinaryWriter out = new BinaryWriter();
        writeNode(out, node);
        return out.toByteArray();
    }

    public static Node nodeFrom(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes);
        Node node = readNode(in);
        in.expectEnd();
        return node;
    }

    public static byte[] edgeBytes(Edge edge) {
        BinaryWriter out = new BinaryWriter();
        writeEdge(out, edge);
        return out.toByteArray();
    }

    public static Edge edgeFrom(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes);
        Edge edge = readEdge(in);
        in.expectEnd();
        return edge;
    }
}
