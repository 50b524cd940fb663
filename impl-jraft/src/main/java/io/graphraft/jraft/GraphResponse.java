package io.graphraft.jraft;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * A member's answer to a {@link GraphRequest}. Only {@link Status#OK} carries a payload (the
 * encoded result); the others say whether the request may be sent again and where.
 *
 * @param leaderHint the leader's address as this member knows it ({@code ip:port}), or empty
 */
record GraphResponse(Status status, String leaderHint, String message, byte[] payload) {

    enum Status {
        /** Done: the payload is the encoded result. */
        OK,
        /** Not done and nothing was appended: ask the leader (the hint, if any) instead. */
        REDIRECT,
        /** Not done and nothing was appended: this member has too many requests in flight. */
        BUSY,
        /** Not done, and a write may have been appended: its outcome is unknown. */
        FAILED
    }

    private static final Status[] STATUSES = Status.values();
    private static final byte[] NONE = new byte[0];

    GraphResponse {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(leaderHint, "leaderHint");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(payload, "payload");
    }

    static GraphResponse ok(byte[] result) {
        return new GraphResponse(Status.OK, "", "", result);
    }

    static GraphResponse redirect(String leaderHint, String why) {
        return new GraphResponse(Status.REDIRECT, leaderHint, why, NONE);
    }

    static GraphResponse busy(String why) {
        return new GraphResponse(Status.BUSY, "", why, NONE);
    }

    static GraphResponse failed(String leaderHint, String why) {
        return new GraphResponse(Status.FAILED, leaderHint, why, NONE);
    }

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + payload.length);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(status.ordinal());
            out.writeUTF(leaderHint);
            out.writeUTF(message.length() > 1000 ? message.substring(0, 1000) : message);
            out.write(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException if {@code bytes} is not a response frame */
    static GraphResponse fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
            int status = in.readUnsignedByte();
            if (status >= STATUSES.length) {
                throw new IllegalArgumentException("graph response frame has unknown status " + status);
            }
            String hint = in.readUTF();
            String message = in.readUTF();
            return new GraphResponse(STATUSES[status], hint, message, in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalArgumentException("graph response frame is truncated: " + e, e);
        }
    }
}
