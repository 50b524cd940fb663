package io.graphraft.core.statemachine;

import io.graphraft.core.codec.BinaryReader;
import io.graphraft.core.codec.BinaryWriter;
import io.graphraft.core.codec.CodecException;
import io.graphraft.core.codec.CodecKind;
import io.graphraft.core.command.Result;
import io.graphraft.core.store.SnapshotBlocks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The client sessions of the state machine: per session its last applied sequence number and that
 * write's result. Bounded by a count: opening a session beyond {@code capacity} expires the one
 * used least recently, in log order, so every replica expires the same sessions (no clocks). Not
 * thread-safe: the state machine guards it with its lock.
 */
final class SessionTable {
    /** Enough for every client of a benchmark or check run; each idle session costs its last result. */
    static final int DEFAULT_CAPACITY = 4096;

    /** One session: {@code lastResult} is null until its first write applies (then {@code lastSequence} is above 0). */
    record Session(long id, long lastSequence, Result lastResult) {
    }

    private final int capacity;
    /** Least recently used first: a use moves a session to the end. */
    private final LinkedHashMap<Long, Session> sessions = new LinkedHashMap<>();

    SessionTable(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("session capacity must be at least 1, not " + capacity);
        }
        this.capacity = capacity;
    }

    int capacity() {
        return capacity;
    }

    int size() {
        return sessions.size();
    }

    /** Opens session {@code id} (unique: the state machine uses the log index that opens it), expiring the least recently used beyond capacity. */
    void open(long id) {
        Iterator<Long> eldest = sessions.keySet().iterator();
        while (sessions.size() >= capacity) {
            eldest.next();
            eldest.remove();
        }
        sessions.put(id, new Session(id, 0, null));
    }

    /** The session, or null if it was never opened or has expired. */
    Session get(long id) {
        return sessions.get(id);
    }

    /** The sessions, least recently used first. */
    List<Session> leastRecentlyUsedFirst() {
        return List.copyOf(sessions.values());
    }

    /** Marks the session used now (most recently), optionally with a newly applied sequence and its result. */
    void touch(Session session) {
        sessions.remove(session.id());
        sessions.put(session.id(), session);
    }

    /**
     * Writes the sessions, least recently used first, as {@link SnapshotBlocks#SESSIONS} blocks of
     * {@code [count][id, lastSequence, result length, result (binary codec)]...}; returns how many.
     */
    int write(SnapshotBlocks.Writer blocks) throws IOException {
        return write(blocks, SnapshotBlocks.TARGET_BLOCK_BYTES);
    }

    /** As {@link #write(SnapshotBlocks.Writer)}, closing a block once it holds {@code targetBlockBytes}. */
    int write(SnapshotBlocks.Writer blocks, int targetBlockBytes) throws IOException {
        List<byte[]> entries = new ArrayList<>();
        int blockBytes = 0;
        for (Session session : sessions.values()) {
            BinaryWriter entry = new BinaryWriter().writeVarLong(session.id()).writeVarLong(session.lastSequence());
            byte[] result = session.lastResult() == null ? new byte[0] : CodecKind.BINARY.codec().encodeResult(session.lastResult());
            entry.writeVarLong(result.length).writeBytes(result);
            entries.add(entry.toByteArray());
            blockBytes += entry.size();
            if (blockBytes >= targetBlockBytes) {
                writeBlock(blocks, entries);
                blockBytes = 0;
            }
        }
        if (!entries.isEmpty()) {
            writeBlock(blocks, entries);
        }
        return sessions.size();
    }

    private static void writeBlock(SnapshotBlocks.Writer blocks, List<byte[]> entries) throws IOException {
        BinaryWriter block = new BinaryWriter().writeVarLong(entries.size());
        entries.forEach(block::writeBytes);
        blocks.write(SnapshotBlocks.SESSIONS, block.array(), 0, block.size());
        entries.clear();
    }

    /** Reads one {@link SnapshotBlocks#SESSIONS} block into this (new) table; returns how many sessions it held. */
    int read(SnapshotBlocks.Block block) {
        BinaryReader in = new BinaryReader(Arrays.copyOf(block.bytes(), block.length()));
        int count = in.readLength("session count");
        for (int i = 0; i < count; i++) {
            long id = in.readVarLong();
            long lastSequence = in.readVarLong();
            int resultLength = in.readLength("session result length");
            Result result = resultLength == 0 ? null : CodecKind.BINARY.codec().decodeResult(in.readBytes(resultLength));
            if ((lastSequence == 0) != (result == null) || lastSequence < 0 || sessions.containsKey(id)) {
                throw new CodecException("session " + id + " in the snapshot is inconsistent (sequence "
                        + lastSequence + ", result " + result + ", or listed twice)");
            }
            sessions.put(id, new Session(id, lastSequence, result));
        }
        in.expectEnd();
        return count;
    }
}
