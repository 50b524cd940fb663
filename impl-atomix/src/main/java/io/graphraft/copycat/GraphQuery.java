package io.graphraft.copycat;

import io.atomix.catalyst.buffer.BufferInput;
import io.atomix.catalyst.buffer.BufferOutput;
import io.atomix.catalyst.serializer.CatalystSerializable;
import io.atomix.catalyst.serializer.Serializer;
import io.atomix.copycat.Query;
import io.graphraft.core.engine.ReadConsistency;

/** One encoded graph query with the Copycat consistency level it is served at. */
public final class GraphQuery implements Query<byte[]>, CatalystSerializable {
    private static final long serialVersionUID = 1L;
    private static final ConsistencyLevel[] LEVELS = ConsistencyLevel.values();

    private byte[] bytes;
    private ConsistencyLevel consistency;

    /** For Catalyst's deserializer. */
    public GraphQuery() {
    }

    GraphQuery(byte[] bytes, ReadConsistency consistency) {
        this.bytes = bytes;
        this.consistency = switch (consistency) {
            // Served by the server the client is connected to (the leader, by the client's selection
            // strategy), never going back in time for this client's session.
            case LOCAL -> ConsistencyLevel.SEQUENTIAL;
            // The leader answers only after a heartbeat round confirmed it still leads a majority.
            case LINEARIZABLE -> ConsistencyLevel.LINEARIZABLE;
            case LEASE, FOLLOWER -> throw new IllegalArgumentException("copycat serves no " + consistency + " reads");
        };
    }

    byte[] bytes() {
        return bytes;
    }

    @Override
    public ConsistencyLevel consistency() {
        return consistency;
    }

    @Override
    public void writeObject(BufferOutput<?> buffer, Serializer serializer) {
        buffer.writeByte(consistency.ordinal()).writeInt(bytes.length).write(bytes);
    }

    @Override
    public void readObject(BufferInput<?> buffer, Serializer serializer) {
        consistency = LEVELS[buffer.readByte()];
        bytes = buffer.readBytes(buffer.readInt());
    }
}
