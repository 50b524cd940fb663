package io.graphraft.checker;

import io.graphraft.checker.history.ClientEvent;
import io.graphraft.checker.history.ClientOperation;
import io.graphraft.checker.history.History;
import io.graphraft.checker.history.HistoryEvent;
import io.graphraft.checker.history.NemesisEvent;
import io.graphraft.checker.history.Operation;
import io.graphraft.checker.history.OperationKind;
import io.graphraft.checker.history.Outcome;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes small histories for tests with explicit times: each call adds one operation (invocation and completion)
 * and returns its id; {@link #history()} puts the events in time order.
 */
public final class HistoryScript {
    private final List<HistoryEvent> events = new ArrayList<>();
    private long nextId;

    public long write(int process, String key, long value, long invoke, long complete) {
        return op(process, Operation.write(key, value), Outcome.OK, invoke, complete);
    }

    public long read(int process, String key, Long value, long invoke, long complete) {
        return op(process, Operation.read(key, value), Outcome.OK, invoke, complete);
    }

    public long create(int process, long element, Outcome outcome, long invoke, long complete) {
        return op(process, Operation.create(element), outcome, invoke, complete);
    }

    /** {@code completed} is the completed form of the operation (a read's observed value). */
    public long op(int process, Operation completed, Outcome outcome, long invoke, long complete) {
        long id = nextId++;
        Operation invoked = completed.kind() == OperationKind.READ
                ? Operation.read(completed.key()) : completed;
        events.add(ClientEvent.invoke(invoke, process, id, invoked));
        events.add(ClientEvent.completion(outcome, complete, process, id, completed,
                outcome == Outcome.OK ? null : outcome == Outcome.FAIL ? "refused" : "timeout"));
        return id;
    }

    /** An invocation that never completes (the client crashed, or the run ended first). */
    public long invokeOnly(int process, Operation operation, long invoke) {
        long id = nextId++;
        events.add(ClientEvent.invoke(invoke, process, id, operation));
        return id;
    }

    public void nemesis(long time, String kind, String description) {
        events.add(new NemesisEvent(time, kind, description));
    }

    public List<HistoryEvent> events() {
        List<HistoryEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingLong(HistoryEvent::time)); // stable: an op's invoke stays before its completion
        return sorted;
    }

    public History history() {
        return History.of(events());
    }

    public static ClientOperation operation(History history, long id) {
        return history.operations().stream().filter(op -> op.id() == id).findFirst().orElseThrow();
    }
}
