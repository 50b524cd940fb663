package io.graphraft.copycat;

import io.atomix.catalyst.buffer.BufferInput;
import io.atomix.catalyst.buffer.BufferOutput;
import io.atomix.catalyst.serializer.CatalystSerializable;
import io.atomix.catalyst.serializer.Serializer;
import io.atomix.copycat.Query;
import io.graphraft.core.engine.ReadConsistency;

/**
 * One encoded graph query with the Copycat consistency level it is served at, and whether only a
 * follower may answer it (a FOLLOWER read: SEQUENTIAL, which the leader's state machine refuses with
 * {@link #REFUSED_BY_LEADER}).
 */
public final class GraphQuery implements Query<byte[]>, CatalystSerializable {
    private static final long serialVersionUID = 1L;
    private static final ConsistencyLevel[] LEVELS = ConsistencyLevel.values();
    /** A follower-only query's answer from the leader: empty, which no encoded result is. */
    static final byte[] REFUSED_BY_LEADER = new byte[0];

    private byte[] bytes;
    private ConsistencyLevel consistency;
    private boolean followerOnly;

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
            // Served by the follower the client's follower session is connected to, from its state.
            case FOLLOWER -> ConsistencyLevel.SEQUENTIAL;
            case LEASE -> throw new IllegalArgumentException("copycat serves no " + consistency + " reads");
        };
        this.followerOnly = consistency == ReadConsistency.FOLLOWER;
    }

    byte[] bytes() {
        return bytes;
    }

    boolean followerOnly() {
        return followerOnly;
    }

    static boolean refusedByLeader(byte[] answer) {
        return answer.length == 0;
    }

    @Override
    public ConsistencyLevel consistency() {
        return consistency;
    }

    @Override
    public void writeObject(BufferOutput<?> buffer, Serializer serializer) {
        buffer.writeByte(consistency.ordinal()).writeBoolean(followerOnly).writeInt(bytes.length).write(bytes);
    }

    @Override
    public void readObject(BufferInput<?> buffer, Serializer serializer) {
        consistency = LEVELS[buffer.readByte()];
        followerOnly = buffer.readBoolean();
        bytes = buffer.readBytes(buffer.readInt());
    }
}
