package io.graphraft.jraft;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A client's request to one member: a write (an encoded command), or a read (an encoded query) of
 * any consistency. Travels over jraft's bolt RPC as its own small binary frame
 * ({@link GraphRpcSerializer}): kind, time the member may spend on it, payload.
 */
record GraphRequest(Kind kind, int timeoutMillis, byte[] payload) {

    enum Kind {
        /** Append the command to the log on the leader and answer with its result once applied. */
        WRITE,
        /** Answer from this member's state once it has applied everything committed before a read index. */
        LINEARIZABLE_READ,
        /** Answer from this member's state as it is. */
        LOCAL_READ,
        /** On the leader only: answer once a read index is reached, confirmed by the leader's lease while it holds. */
        LEASE_READ,
        /** On a follower only: answer from its state as it is; the leader refuses it. */
        FOLLOWER_READ
    }

    private static final Kind[] KINDS = Kind.values();

    GraphRequest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(payload, "payload");
    }

    byte[] toBytes() {
        return ByteBuffer.allocate(1 + Integer.BYTES + payload.length)
                .put((byte) kind.ordinal())
                .putInt(timeoutMillis)
                .put(payload)
                .array();
    }

    /** @throws IllegalArgumentException if {@code bytes} is not a request frame */
    static GraphRequest fromBytes(byte[] bytes) {
        if (bytes.length < 1 + Integer.BYTES) {
            throw new IllegalArgumentException("graph request frame of " + bytes.length + " bytes is too short");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int kind = buffer.get();
        if (kind < 0 || kind >= KINDS.length) {
            throw new IllegalArgumentException("graph request frame has unknown kind " + kind);
        }
        int timeout = buffer.getInt();
        byte[] payload = new byte[buffer.remaining()];
        buffer.get(payload);
        return new GraphRequest(KINDS[kind], timeout, payload);
    }
}
