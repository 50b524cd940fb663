package io.graphraft.checker.history;

import java.io.Closeable;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What clients and the nemesis call as things happen: assigns operation ids, stamps times and appends to a
 * {@link HistoryWriter}. The time is read under the same lock that appends, so the file is in time order, and an
 * invocation is stamped no later (a completion no earlier) than the call that records it: intervals only widen,
 * which can hide an anomaly at the edge but never invent one.
 */
public final class HistoryRecorder implements Closeable {
    private final HistoryWriter writer;
    private final LongSupplier clock;
    private final Map<Long, ClientEvent> open = new HashMap<>();
    private long nextId;

    public HistoryRecorder(HistoryWriter writer) {
        this(writer, System::nanoTime);
    }

    public HistoryRecorder(HistoryWriter writer, LongSupplier nanoClock) {
        this.writer = writer;
        this.clock = nanoClock;
    }

    /** Records the invocation of {@code operation} by {@code process}; returns the id to complete it with. */
    public synchronized long invoke(int process, Operation operation) {
        if (operation.kind() == OperationKind.READ && operation.value() != null) {
            throw new IllegalArgumentException("a read is invoked without a value; record what it observed with okRead");
        }
        long id = nextId++;
        ClientEvent invoke = ClientEvent.invoke(clock.getAsLong(), process, id, operation);
        writer.append(invoke);
        open.put(id, invoke);
        return id;
    }

    /** The write or create {@code id} took effect. */
    public synchronized void ok(long id) {
        ClientEvent invoke = take(id);
        if (invoke.operation().kind() == OperationKind.READ) {
            open.put(id, invoke);
            throw new IllegalArgumentException("op " + id + " is a read: record it with okRead(id, value)");
        }
        complete(invoke, Outcome.OK, invoke.operation(), null);
    }

    /** The read {@code id} observed {@code value} ({@code null}: absent). */
    public synchronized void okRead(long id, Long value) {
        ClientEvent invoke = take(id);
        if (invoke.operation().kind() != OperationKind.READ) {
            open.put(id, invoke);
            throw new IllegalArgumentException("op " + id + " is not a read");
        }
        complete(invoke, Outcome.OK, Operation.read(invoke.operation().key(), value), null);
    }

    /** Operation {@code id} definitely did not take effect. */
    public synchronized void fail(long id, String error) {
        ClientEvent invoke = take(id);
        complete(invoke, Outcome.FAIL, invoke.operation(), error);
    }

    /** Operation {@code id} may or may not have taken effect (timeout, lost connection). */
    public synchronized void unknown(long id, String error) {
        ClientEvent invoke = take(id);
        complete(invoke, Outcome.UNKNOWN, invoke.operation(), error);
    }

    public synchronized void nemesis(String kind, String description) {
        writer.append(new NemesisEvent(clock.getAsLong(), kind, description));
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    private ClientEvent take(long id) {
        ClientEvent invoke = open.remove(id);
        if (invoke == null) {
            throw new IllegalArgumentException("op " + id + " is not open (never invoked or already completed)");
        }
        return invoke;
    }

    private void complete(ClientEvent invoke, Outcome outcome, Operation operation, String error) {
        writer.append(ClientEvent.completion(outcome, clock.getAsLong(), invoke.process(), invoke.id(), operation, error));
    }
}
